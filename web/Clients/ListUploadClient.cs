using System.Net.Http.Headers;

namespace Assemblee.Web.Clients;

/// <summary>
/// Sortition's list import, streamed from the browser's upload to the service as it arrives (a Paris roll is about 100 MB and
/// is never held here). It has an HttpClient of its own: a stream can be sent only once and a roll takes a while, so the
/// standard resilience handler's retries and time limits must not apply to it.
/// </summary>
public sealed class ListUploadClient(HttpClient http) : ApiClient(http)
{
    /// <summary>The charsets sortition reads; a city's exports are often in Windows-1252 or Latin-1.</summary>
    public static readonly string[] Charsets = ["utf-8", "windows-1252", "iso-8859-1", "iso-8859-15"];

    public Task<Submitted<ImportedList>> ImportAsync(string bodyId, Guid drawId, string list, string charset, Stream csv,
        CancellationToken cancellationToken)
    {
        var content = new StreamContent(csv);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv") { CharSet = charset };
        return SubmitAsync<ImportedList>(HttpMethod.Put, $"/api/sortition/bodies/{Escape(bodyId)}/draws/{drawId}/lists/{Escape(list)}",
            content, cancellationToken);
    }
}
