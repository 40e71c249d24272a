using Microsoft.AspNetCore.Components.Endpoints;

namespace Assemblee.Web.Forms;

/// <summary>
/// A page's form the framework cannot read (a NUL character, which its form reader refuses, or a field past its 4 MB
/// limit) gets the portal's error page with status 400, as the redirecting actions already do. Without this, Blazor
/// reports the antiforgery check that could not read the form, in English plain text, before any of our code runs.
/// </summary>
internal static class UnreadableForms
{
    /// <summary>What every endpoint that reads a form itself throws when it cannot: the error page with status 400.</summary>
    public static BadHttpRequestException Refused(Exception exception) =>
        new("The form could not be read.", StatusCodes.Status400BadRequest, exception);

    public static void UseUnreadableFormsAsBadRequests(this WebApplication app) => app.Use(async (context, next) =>
    {
        // Pages only: the console's list import streams its multipart body and must not have it read here.
        if (HttpMethods.IsPost(context.Request.Method) && context.Request.HasFormContentType
            && context.GetEndpoint()?.Metadata.GetMetadata<ComponentTypeMetadata>() is not null)
        {
            try
            {
                await context.Request.ReadFormAsync(context.RequestAborted);
            }
            catch (InvalidDataException exception)
            {
                throw Refused(exception);
            }
        }
        await next(context);
    });
}
