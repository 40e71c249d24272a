using Microsoft.AspNetCore.Antiforgery;

namespace Assemblee.Web.Forms;

/// <summary>
/// The antiforgery check of the endpoints that bind no form and so get none from ASP.NET Core: signing out, and the console's
/// list import, which streams its body. A missing or stale token, or a form the check cannot read (a NUL character, which it
/// reports as its own exception), is the sender's error: 400 and the error page, as for the pages' forms
/// (<see cref="UnreadableForms"/>).
/// </summary>
internal static class FormTokens
{
    public static async Task RequireValidTokenAsync(this IAntiforgery antiforgery, HttpContext context)
    {
        try
        {
            if (await antiforgery.IsRequestValidAsync(context))
            {
                return;
            }
        }
        catch (AntiforgeryValidationException exception)
        {
            throw UnreadableForms.Refused(exception);
        }
        throw new BadHttpRequestException("The form's antiforgery token is missing or not valid.");
    }
}
