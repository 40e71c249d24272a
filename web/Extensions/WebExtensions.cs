using System.Text.Encodings.Web;
using System.Text.Unicode;
using Assemblee.ServiceDefaults.Authentication;
using Assemblee.Web.Actions;
using Assemblee.Web.Clients;
using Assemblee.Web.Components;
using Assemblee.Web.Forms;
using Assemblee.Web.Security;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;

namespace Assemblee.Web.Extensions;

internal static class WebExtensions
{
    /// <summary>French first (the Assembly's language), English for everyone else.</summary>
    public static readonly string[] Languages = ["fr", "en"];

    public static void AddWebApplication(this WebApplicationBuilder builder)
    {
        builder.AddHostingDefaults();
        builder.Services.AddRazorComponents();
        builder.Services.TryAddSingleton(TimeProvider.System);
        // French pages in plain UTF-8: the default encoder writes every accented letter as an entity (&#xE9;).
        builder.Services.AddSingleton(HtmlEncoder.Create(UnicodeRanges.All));
        builder.Services.AddLocalization(options => options.ResourcesPath = "Resources");
        builder.Services.Configure<RequestLocalizationOptions>(options => options
            .SetDefaultCulture(Languages[0]).AddSupportedCultures(Languages).AddSupportedUICultures(Languages));
        builder.AddRedisClient("cache");
        builder.Services.AddWebSessionKeyRing();
        builder.AddWebAuthentication();
        // A form is sent once: a change the service refused or did not answer is shown, never sent again behind the visitor's back.
        builder.Services.ConfigureAll<HttpStandardResilienceOptions>(options => options.Retry.DisableForUnsafeHttpMethods());
        builder.AddApiClient<MembershipClient>("membership");
        builder.AddApiClient<SortitionClient>("sortition");
        builder.AddApiClient<SessionsClient>("sessions");
        builder.AddApiClient<CompensationClient>("sessions");
        builder.AddApiClient<DocumentsClient>("documents");
        builder.AddApiClient<VeilleClient>("veille");
        builder.AddApiClient<NotificationsClient>("notifications");
        // The one way to take the hosting defaults' resilience handler off a single client (experimental in the package).
#pragma warning disable EXTEXP0001
        builder.AddApiClient<ListUploadClient>("sortition", http => http.Timeout = Timeout.InfiniteTimeSpan).RemoveAllResilienceHandlers();
#pragma warning restore EXTEXP0001
    }

    /// <summary>A service's API by service discovery, called with the visitor's token.</summary>
    private static IHttpClientBuilder AddApiClient<TClient>(this WebApplicationBuilder builder, string service,
        Action<HttpClient>? configure = null) where TClient : class =>
        builder.Services.AddHttpClient<TClient>(http =>
        {
            http.BaseAddress = new Uri($"http://{service}");
            configure?.Invoke(http);
        }).AddHttpMessageHandler<VisitorToken>();

    public static void MapWebApplication(this WebApplication app)
    {
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            ExceptionHandlingPath = "/erreur",
            CreateScopeForErrors = true,
            // A form that cannot be read (a stale antiforgery token, a field of the wrong shape) is the sender's error: 400, not 500.
            StatusCodeSelector = exception =>
                exception is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError,
        });
        app.UseStatusCodePagesWithReExecute("/introuvable", createScopeForStatusCodePages: true);
        // Both re-execute the request as it came: a form's POST would have the error page read the form again, and fail again
        // on the antiforgery token that brought it there. The page only shows; it is asked for as a GET.
        app.Use((context, next) =>
        {
            if (context.Features.Get<IExceptionHandlerFeature>() is not null
                || context.Features.Get<IStatusCodeReExecuteFeature>() is not null)
            {
                context.Request.Method = HttpMethods.Get;
            }
            return next(context);
        });
        app.UseRequestLocalization();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseUnreadableFormsAsBadRequests();
        app.UseAntiforgery();
        app.MapHealthEndpoints();
        app.MapStaticAssets().AllowAnonymous();
        app.MapLanguageChoice();
        app.MapSignIn();
        app.MapMemberActions();
        app.MapSecretariatActions();
        app.MapDownloads();
        // The gateway sends here whatever no service claims: an API address that none serves gets problem details, not a page.
        app.Map("/api/{**path}", () => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found",
            detail: "No service answers at this address.")).AllowAnonymous();
        app.MapRazorComponents<App>();
    }

    /// <summary>
    /// The language switch: a plain link (no script) that remembers the choice in the culture cookie for a year, then returns to
    /// the page it came from.
    /// </summary>
    private static void MapLanguageChoice(this WebApplication app) =>
        app.MapGet("/langue/{language}", (string language, string? retour, HttpContext context) =>
        {
            if (!Languages.Contains(language))
            {
                return Results.NotFound();
            }
            var cookie = new CookieOptions
            {
                Expires = DateTimeOffset.UtcNow.AddYears(1),
                IsEssential = true,
                HttpOnly = true,
                SameSite = SameSiteMode.Lax,
            };
            context.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(language)), cookie);
            return Results.LocalRedirect(WebAuthentication.IsLocal(retour) ? retour! : "/");
        }).AllowAnonymous();
}
