using System.Net;

namespace Assemblee.Web.Clients;

/// <summary>
/// A service's REST API, reached by service discovery (http://membership…) with the visitor's own rights: pages only ever show
/// what the API gives that visitor. A missing resource is null, so that a page can answer 404; any other failure throws.
/// </summary>
public abstract class ApiClient(HttpClient http)
{
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

    /// <summary>Sends a change as JSON; the answer's status tells the page what happened (the API's rules decide).</summary>
    protected async Task<HttpStatusCode> SendAsync(HttpMethod method, string path, object body, CancellationToken cancellationToken)
    {
        using var response = await http.SendAsync(new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) },
            cancellationToken);
        return response.StatusCode;
    }

    protected static string Escape(string segment) => Uri.EscapeDataString(segment);
}
