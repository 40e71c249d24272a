using System.Globalization;
using Aspire.Hosting.ApplicationModel;
using Assemblee.AppHost.Extensions;

namespace Assemblee.BrowserTests;

/// <summary>
/// The whole application started with a real OpenID Connect provider instead of the development key
/// (Identity:Provider=local): the provider knows one secretariat account, the bodies' registry and the body's own software (two
/// clients acting on their own behalf), as the city's would. Started once for its collection, after the other collections have
/// stopped theirs.
/// </summary>
public sealed class ProviderSystemFixture : IAsyncLifetime
{
    public const string Body = "conseil-oidc";

    public const string Secretary = "secretaire-oidc";

    /// <summary>The bodies' registry: it registers bodies (body-admin), for no body in particular.</summary>
    public const string RegistryClient = "registre-des-instances";

    /// <summary>The body's own software, acting for its secretariat.</summary>
    public const string BodySoftwareClient = "logiciel-du-conseil";

    public static readonly TimeSpan AccessTokenLifetime = TimeSpan.FromSeconds(65);

    /// <summary>How long before its expiry the web application renews a visitor's access token.</summary>
    public static readonly TimeSpan RenewalMargin = TimeSpan.FromMinutes(1);

    public string SecretaryPassword { get; } = Guid.NewGuid().ToString("N");

    private readonly string _clientSecret = Guid.NewGuid().ToString("N");

    public DistributedApplication App { get; private set; } = null!;

    private ResourceLogs? _logs;

    public async Task InitializeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(
        [
            "--Identity:Provider=local",
            $"--Identity:Accounts:0:Subject={Secretary}", $"--Identity:Accounts:0:Password={SecretaryPassword}",
            "--Identity:Accounts:0:Role=secretariat", $"--Identity:Accounts:0:Bodies:0={Body}",
            $"--Identity:Clients:0:Id={RegistryClient}", $"--Identity:Clients:0:Secret={_clientSecret}",
            "--Identity:Clients:0:Role=body-admin",
            $"--Identity:Clients:1:Id={BodySoftwareClient}", $"--Identity:Clients:1:Secret={_clientSecret}",
            "--Identity:Clients:1:Role=secretariat", $"--Identity:Clients:1:Bodies:0={Body}",
        ], timeout.Token);
        // Access tokens of 65 seconds: the web application renews them a minute before they expire, so after five seconds.
        builder.CreateResourceBuilder<ProjectResource>("identity")
            .WithEnvironment("AccessTokenLifetime", AccessTokenLifetime.ToString("c", CultureInfo.InvariantCulture));
        App = await builder.BuildAsync(timeout.Token);
        await App.StartAsync(timeout.Token);
        _logs = new ResourceLogs(App, SystemFixture.Services.Append("gateway").Append("web").Append("identity"));
        await App.WaitUntilReadyAsync(timeout.Token);
    }

    public async Task DisposeAsync()
    {
        if (_logs is not null)
        {
            await _logs.DisposeAsync();
        }
        await App.DisposeAsync();
    }

    /// <summary>A client's access token, by the client-credentials grant at the provider's token endpoint.</summary>
    public async Task<string> TokenAsync(string clientId)
    {
        using var provider = App.CreateHttpClient("identity");
        using var response = await provider.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = clientId,
            ["client_secret"] = _clientSecret,
        }));
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString()!;
    }
}

[CollectionDefinition(Name)]
public sealed class ProviderCollection : ICollectionFixture<ProviderSystemFixture>, ICollectionFixture<BrowserFixture>
{
    public const string Name = "identity-provider";
}
