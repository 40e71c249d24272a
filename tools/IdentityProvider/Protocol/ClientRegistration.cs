using Assemblee.IdentityProvider.SignIn;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Assemblee.IdentityProvider.Protocol;

/// <summary>Registers the configured clients with OpenIddict at start, so that it checks their secrets and redirect addresses.</summary>
internal sealed class ClientRegistration(IServiceProvider services, ProviderDirectory directory, ILogger<ClientRegistration> logger)
    : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var applications = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        foreach (var client in directory.Clients)
        {
            var descriptor = new OpenIddictApplicationDescriptor
            {
                ClientId = client.Id,
                ClientSecret = client.Secret,
                ClientType = ClientTypes.Confidential,
                // Accounts are the city's staff and the Assembly's members acting for it: no consent screen, as at the city.
                ConsentType = ConsentTypes.Implicit,
                Permissions = { Permissions.Endpoints.Token },
            };
            if (client.RedirectUris.Length > 0)
            {
                descriptor.Permissions.UnionWith([Permissions.Endpoints.Authorization, Permissions.Endpoints.EndSession,
                    Permissions.GrantTypes.AuthorizationCode, Permissions.GrantTypes.RefreshToken, Permissions.ResponseTypes.Code,
                    Permissions.Scopes.Profile]);
                descriptor.RedirectUris.UnionWith(client.RedirectUris.Select(redirect => new Uri(redirect)));
                descriptor.PostLogoutRedirectUris.UnionWith(client.PostLogoutRedirectUris.Select(redirect => new Uri(redirect)));
            }
            else
            {
                descriptor.Permissions.Add(Permissions.GrantTypes.ClientCredentials);
            }
            await applications.CreateAsync(descriptor, cancellationToken);
        }
        logger.LogInformation("The provider knows {Accounts} accounts and {Clients} clients.", directory.Accounts.Count,
            directory.Clients.Count);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
