using Duende.IdentityModel.Client;
using Grpc.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Assemblee.ServiceDefaults.Authentication;

/// <summary>
/// The token a service presents when it calls another on its own behalf. In production it comes from the city's
/// OpenID Connect provider ("Identity:Authority") by the client-credentials grant ("Identity:ClientId",
/// "Identity:ClientSecret", optional "Identity:Scope"); in development and tests it is signed with the shared
/// development key and names the service as subject. Either way it is kept until a minute before it expires.
/// </summary>
public sealed class ServiceCredentials(string serviceName, IConfiguration configuration, IHttpClientFactory httpClients,
    IHostEnvironment environment, TimeProvider time)
{
    private static readonly TimeSpan DevelopmentLifetime = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan RenewalMargin = TimeSpan.FromMinutes(1);

    private readonly SemaphoreSlim _renewal = new(1, 1);
    private volatile IssuedToken? _current;

    private sealed record IssuedToken(string Value, DateTimeOffset RenewAt);

    public async Task<string> TokenAsync(CancellationToken cancellationToken)
    {
        if (_current is { } current && time.GetUtcNow() < current.RenewAt)
        {
            return current.Value;
        }
        await _renewal.WaitAsync(cancellationToken);
        try
        {
            if (_current is not { } fresh || time.GetUtcNow() >= fresh.RenewAt)
            {
                fresh = await IssueAsync(cancellationToken);
                _current = fresh;
            }
            return fresh.Value;
        }
        finally
        {
            _renewal.Release();
        }
    }

    private async Task<IssuedToken> IssueAsync(CancellationToken cancellationToken)
    {
        var identity = configuration.GetSection("Identity");
        var now = time.GetUtcNow();
        if (identity["Authority"] is { } authority)
        {
            var http = httpClients.CreateClient(nameof(ServiceCredentials));
            var discovery = await http.GetDiscoveryDocumentAsync(new DiscoveryDocumentRequest
            {
                Address = authority,
                Policy = { RequireHttps = !environment.IsDevelopment() },
            }, cancellationToken);
            if (discovery.IsError)
            {
                throw new InvalidOperationException($"The identity provider's discovery document could not be read: {discovery.Error}");
            }
            var response = await http.RequestClientCredentialsTokenAsync(new ClientCredentialsTokenRequest
            {
                Address = discovery.TokenEndpoint,
                ClientId = identity["ClientId"] ?? serviceName,
                ClientSecret = identity["ClientSecret"],
                Scope = identity["Scope"],
            }, cancellationToken);
            if (response.IsError || response.AccessToken is null)
            {
                throw new InvalidOperationException(
                    $"The identity provider refused the service credential of {serviceName}: {response.Error}");
            }
            return new IssuedToken(response.AccessToken, now.AddSeconds(response.ExpiresIn) - RenewalMargin);
        }
        if (identity["SigningKey"] is { } key)
        {
            var token = DevelopmentTokens.Create(key, serviceName, [Roles.Service], [], DevelopmentLifetime);
            return new IssuedToken(token, now + DevelopmentLifetime - RenewalMargin);
        }
        throw new InvalidOperationException(
            "Neither Identity:Authority nor Identity:SigningKey is configured: the service cannot authenticate its calls.");
    }
}

public static class ServiceCredentialsExtensions
{
    /// <summary>Registers the credential <paramref name="serviceName"/> presents to the other services.</summary>
    public static IServiceCollection AddServiceCredentials(this IServiceCollection services, string serviceName)
    {
        services.AddHttpClient(nameof(ServiceCredentials));
        services.AddSingleton(provider => ActivatorUtilities.CreateInstance<ServiceCredentials>(provider, serviceName));
        return services;
    }

    /// <summary>
    /// Sends the service's own token with every call of this gRPC client. Inside the cluster the channel is plain
    /// HTTP/2 (TLS ends at the gateway and the mesh), hence the explicit permission to send credentials over it.
    /// </summary>
    public static IHttpClientBuilder WithServiceCredentials(this IHttpClientBuilder client) => client
        .AddCallCredentials(async (context, metadata, services) =>
        {
            var token = await services.GetRequiredService<ServiceCredentials>().TokenAsync(context.CancellationToken);
            metadata.Add("Authorization", $"Bearer {token}");
        })
        .ConfigureChannel(channel => channel.UnsafeUseInsecureChannelCallCredentials = true);
}
