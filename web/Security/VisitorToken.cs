using System.Net.Http.Headers;
using Microsoft.AspNetCore.Authentication;

namespace Assemblee.Web.Security;

/// <summary>Calls the services with the signed-in visitor's token, so each API applies its own rules to that visitor.</summary>
internal sealed class VisitorToken(IHttpContextAccessor accessor) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (accessor.HttpContext is { } context && await context.GetTokenAsync(WebAuthentication.AccessToken) is { } token)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        return await base.SendAsync(request, cancellationToken);
    }
}
