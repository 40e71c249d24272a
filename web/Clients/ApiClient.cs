using System.Net;
using System.Text.Json;

namespace Assemblee.Web.Clients;

/// <summary>
/// What a service made of a change: its status, what it created (when it says), and, when it refused, the errors by field of a
/// validation problem (with the rule each broke) or the detail of any other problem, in the service's own words, with the code
/// of the rule it applied.
/// </summary>
public sealed record Submitted<T>(HttpStatusCode Status, T? Value, IReadOnlyDictionary<string, string[]> Errors, string? Problem,
    string? Code = null, IReadOnlyDictionary<string, BrokenRule[]>? Rules = null)
    where T : class
{
    public bool Succeeded => (int)Status is >= 200 and < 300;

    /// <summary>What came of it for a page that does not read the value.</summary>
    public Sent Sent => new(Status, Code);
}

/// <summary>
/// What a service answered to a change whose result the page does not read: its status and, when it refused, the code of the
/// rule it applied (see Refusal.Words).
/// </summary>
public sealed record Sent(HttpStatusCode Status, string? Code);

/// <summary>
/// A rule a field broke, as a validation problem's <c>rules</c> name it beside its <c>errors</c>: the rule's code and the
/// arguments its words take (a length, the allowed values), which the page says in its own language.
/// </summary>
public sealed record BrokenRule(string Code, JsonElement[]? Arguments);

/// <summary>A document a service issued (a CSV export, a statement's PDF), passed on to the browser as it came.</summary>
public sealed record IssuedFile(byte[] Content, string ContentType, string FileName);

/// <summary>
/// A service's REST API, reached by service discovery (http://membership…) with the visitor's own rights: pages only ever show
/// what the API gives that visitor. A missing resource is null, so that a page can answer 404; any other failure throws.
/// </summary>
public abstract class ApiClient(HttpClient http)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    protected async Task<T?> FindAsync<T>(string path, CancellationToken cancellationToken) where T : class
    {
        using var response = await http.GetAsync(path, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<T>(cancellationToken);
    }

    protected async Task<IReadOnlyList<T>> ListAsync<T>(string path, CancellationToken cancellationToken) =>
        await FindAsync<List<T>>(path, cancellationToken) ?? [];

    /// <summary>Sends a change as JSON; the answer's status, and a refused rule, tell the page what happened.</summary>
    protected async Task<Sent> SendAsync(HttpMethod method, string path, object body, CancellationToken cancellationToken)
    {
        using var response = await http.SendAsync(new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) },
            cancellationToken);
        return new(response.StatusCode, response.IsSuccessStatusCode ? null : (await ProblemAsync(response, cancellationToken))?.Code);
    }

    /// <summary>Sends a change and reads what came of it, for a form that shows the service's errors beside its fields.</summary>
    protected Task<Submitted<T>> SubmitAsync<T>(HttpMethod method, string path, HttpContent? content,
        CancellationToken cancellationToken) where T : class =>
        SubmitAsync<T>(new HttpRequestMessage(method, path) { Content = content }, cancellationToken);

    /// <summary>Sends a request the caller built (with an If-Match, say) and reads what came of it.</summary>
    protected async Task<Submitted<T>> SubmitAsync<T>(HttpRequestMessage request, CancellationToken cancellationToken) where T : class
    {
        using var response = await http.SendAsync(request, cancellationToken);
        if (response.IsSuccessStatusCode)
        {
            // 204 No Content (a role set, a rule saved) succeeds with nothing to read.
            var value = response.StatusCode == HttpStatusCode.NoContent
                ? null
                : await response.Content.ReadFromJsonAsync<T>(Json, cancellationToken);
            return new(response.StatusCode, value, new Dictionary<string, string[]>(), null);
        }
        var problem = await ProblemAsync(response, cancellationToken);
        return new(response.StatusCode, null, problem?.FieldErrors ?? new Dictionary<string, string[]>(),
            problem?.Detail ?? problem?.Title, problem?.Code, problem?.Rules);
    }

    /// <summary>A document the service issues; null when it has none to issue (not found, or not yet: 409).</summary>
    protected async Task<IssuedFile?> FileAsync(string path, string fileName, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(path, cancellationToken);
        if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Conflict)
        {
            return null;
        }
        response.EnsureSuccessStatusCode();
        return new IssuedFile(await response.Content.ReadAsByteArrayAsync(cancellationToken),
            response.Content.Headers.ContentType?.ToString() ?? "application/octet-stream", fileName);
    }

    protected static string Escape(string segment) => Uri.EscapeDataString(segment);

    private static async Task<ProblemView?> ProblemAsync(HttpResponseMessage response, CancellationToken cancellationToken) =>
        response.Content.Headers.ContentType?.MediaType == "application/problem+json"
            ? await response.Content.ReadFromJsonAsync<ProblemView>(Json, cancellationToken)
            : null;

    /// <summary>
    /// RFC 9457 problem details, with the errors by field that a validation problem adds (and the rules they broke) and a refused
    /// rule's code. A refusal may carry errors of another shape (a refused list's lines, in a list): they are not by field.
    /// </summary>
    private sealed record ProblemView(string? Title, string? Detail, JsonElement? Errors, string? Code,
        Dictionary<string, BrokenRule[]>? Rules)
    {
        public Dictionary<string, string[]>? FieldErrors =>
            Errors is { ValueKind: JsonValueKind.Object } byField ? byField.Deserialize<Dictionary<string, string[]>>(Json) : null;
    }
}
