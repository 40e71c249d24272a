using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Assemblee.ServiceDefaults.Authentication;

namespace Assemblee.DemoData;

/// <summary>
/// The people of the demonstration, each calling the gateway with a development token signed by the AppHost's key, as the
/// web application's development sign-in does: the secretariat, the members (by their membership id), the public.
/// </summary>
public sealed class DemoActors(IHttpClientFactory clients, IConfiguration configuration)
{
    public const string Gateway = "gateway";

    /// <summary>The body filled: the Paris Citizens' Assembly (Development registers it at start), or the one Demo:Body names.</summary>
    public string Body { get; } = configuration["Demo:Body"] ?? "paris-citizens-assembly";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public HttpClient Secretariat => As("secretariat-demo", Roles.Secretariat);

    public HttpClient Member(Guid member) => As(member.ToString(), Roles.Member);

    /// <summary>
    /// The invented public answering their letters. Their calls need no token, but carry one without any role: the gateway then
    /// counts them against a limit of their own rather than against the client address, which everyone on this machine shares.
    /// </summary>
    public HttpClient Public => As("demo-public");

    private HttpClient As(string subject, params string[] roles)
    {
        var client = clients.CreateClient(Gateway);
        var key = configuration["Identity:SigningKey"]
            ?? throw new InvalidOperationException("Identity:SigningKey is not set: the demonstration runs from the AppHost only.");
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
            DevelopmentTokens.Create(key, subject, roles, [Body]));
        return client;
    }

    public Task<JsonElement> AsSecretariatAsync(HttpMethod method, string path, object? body = null,
        CancellationToken cancellationToken = default) => SendAsync(Secretariat, method, path, body, cancellationToken);

    /// <summary>Sends JSON and reads the answer's JSON; a refusal stops the demonstration with the service's own words.</summary>
    public static async Task<JsonElement> SendAsync(HttpClient client, HttpMethod method, string path, object? body = null,
        CancellationToken cancellationToken = default)
    {
        using var response = await client.SendAsync(new HttpRequestMessage(method, path)
        {
            Content = body is null ? null : JsonContent.Create(body, options: Json),
        }, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{method} {path}: {(int)response.StatusCode} {text}");
        }
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }
}
