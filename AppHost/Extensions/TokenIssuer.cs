using Microsoft.Extensions.Configuration;

namespace Assemblee.AppHost.Extensions;

/// <summary>
/// Who signs the tokens of this run. By default a generated key with which the development sign-in page and the gateway's
/// /dev/token sign them (production configures Identity__Authority, the city's OpenID Connect provider, instead). With
/// Identity:Provider=local in run mode, a real OpenID Connect provider runs beside the services (tools/IdentityProvider): people
/// sign in on its page, the web application by the authorization code flow and the services by client credentials, as they
/// will at the city; its accounts and any further clients come from Identity:Accounts and Identity:Clients.
/// </summary>
public sealed class TokenIssuer
{
    public const string WebClientId = "assemblee-web";

    private readonly IResourceBuilder<ParameterResource> _signingKey;
    private readonly IResourceBuilder<ProjectResource>? _provider;
    private readonly IResourceBuilder<ParameterResource>? _clientSecret;
    private int _clients;

    public TokenIssuer(IDistributedApplicationBuilder builder)
    {
        _signingKey = builder.AddParameter("jwt-signing-key", new GenerateParameterDefault { MinLength = 48, Special = false },
            secret: true);
        if (!builder.ExecutionContext.IsRunMode || builder.Configuration["Identity:Provider"] != "local")
        {
            return;
        }
        // One secret for every client of this run: on a developer's machine it guards no more than the signing key did.
        _clientSecret = builder.AddParameter("identity-client-secret",
            new GenerateParameterDefault { MinLength = 32, Special = false }, secret: true);
        _provider = builder.AddProject<Projects.IdentityProvider>("identity").WithHostEnvironment().WithoutDefaultHttps()
            .WithHttpHealthCheck("/health");
        Forward(builder.Configuration.GetSection("Identity:Accounts"), "Accounts");
        foreach (var client in builder.Configuration.GetSection("Identity:Clients").GetChildren())
        {
            Forward(client, $"Clients__{_clients++}");
        }
    }

    /// <summary>The development sign-in page and the gateway's /dev/token exist only with the key.</summary>
    public bool SignsWithKey => _provider is null;

    public IResourceBuilder<ParameterResource> SigningKey => _signingKey;

    /// <summary>Lets <paramref name="resource"/> check the tokens it is sent, without any of its own.</summary>
    public IResourceBuilder<ProjectResource> Verify(IResourceBuilder<ProjectResource> resource) => _provider is null
        ? resource.WithEnvironment("Identity__SigningKey", _signingKey)
        : resource.WithEnvironment("Identity__Authority", _provider.GetEndpoint("http")).WaitFor(_provider);

    /// <summary>
    /// Lets <paramref name="service"/> check tokens and obtain its own, as the client named after it with the service role: the
    /// key, or the provider's address and the client's identifier and secret.
    /// </summary>
    public IResourceBuilder<ProjectResource> Trust(IResourceBuilder<ProjectResource> service) =>
        Trust(service, service.Resource.Name, role: "service", entrance: null); // Roles.Service, which the services require

    /// <summary>
    /// People sign in to the web application through <paramref name="entrance"/>: the provider sends them back to its
    /// /signin-oidc, and after signing them out to its /signout-callback-oidc (ASP.NET Core's default callback paths).
    /// </summary>
    public IResourceBuilder<ProjectResource> SignInThrough(IResourceBuilder<ProjectResource> web, EndpointReference entrance) =>
        Trust(web, WebClientId, role: null, entrance);

    private IResourceBuilder<ProjectResource> Trust(IResourceBuilder<ProjectResource> resource, string clientId, string? role,
        EndpointReference? entrance)
    {
        if (_provider is null)
        {
            return resource.WithEnvironment("Identity__SigningKey", _signingKey);
        }
        var client = $"Clients__{_clients++}";
        _provider.WithEnvironment($"{client}__Id", clientId).WithEnvironment($"{client}__Secret", _clientSecret!);
        if (role is not null)
        {
            _provider.WithEnvironment($"{client}__Role", role);
        }
        if (entrance is not null)
        {
            _provider.WithEnvironment($"{client}__RedirectUris__0", ReferenceExpression.Create($"{entrance}/signin-oidc"))
                .WithEnvironment($"{client}__PostLogoutRedirectUris__0", ReferenceExpression.Create($"{entrance}/signout-callback-oidc"));
        }
        return resource.WithEnvironment("Identity__Authority", _provider.GetEndpoint("http"))
            .WithEnvironment("Identity__ClientId", clientId).WithEnvironment("Identity__ClientSecret", _clientSecret!)
            .WaitFor(_provider);
    }

    private void Forward(IConfigurationSection section, string prefix)
    {
        foreach (var (key, value) in section.AsEnumerable(makePathsRelative: true).Where(entry => entry.Value is not null))
        {
            _provider!.WithEnvironment($"{prefix}__{key.Replace(":", "__")}", value);
        }
    }
}
