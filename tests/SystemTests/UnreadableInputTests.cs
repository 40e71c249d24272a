using System.Net.Http.Headers;
using System.Text.Json;

namespace Assemblee.SystemTests;

/// <summary>
/// Every operation a service publishes in its OpenAPI document, called by a caller holding every role of the body with
/// what no client should send: ids that name nothing or cannot be ids, bodies that are not JSON or not of the right
/// shape, query values of the wrong type. None may get a 5xx, every refusal is problem details, an unreadable body is
/// refused, and so is an id that names nothing under the body (a list under an unknown member, atelier or agenda item
/// answers 404, not an empty list): new endpoints are held to it without a test of their own. Only requests that carry one
/// of those are sent, so nothing is created or changed. (A body's id is a namespace any service may hold data under
/// before membership registers the body, so a public list under a body nobody has used answers empty.)
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class UnreadableInputTests(SystemFixture system)
{
    private const string Body = "paris-citizens-assembly";

    /// <summary>
    /// Sessions' lists under a promotion: membership owns promotions, and sessions learns of one only from its members' events, so
    /// a promotion sessions has not heard of may be one nobody has entered yet; its lists answer empty.
    /// </summary>
    private static readonly HashSet<string> ListsUnderAParentOwnedElsewhere =
    [
        "/api/sessions/bodies/{bodyId}/promotions/{promotionId}/phases",
        "/api/sessions/bodies/{bodyId}/promotions/{promotionId}/sessions",
    ];

    public static TheoryData<string> Services => [.. SystemFixture.Services];

    [Theory]
    [MemberData(nameof(Services))]
    public async Task Every_operation_refuses_unreadable_input_with_problem_details_and_never_fails_on_it(string service)
    {
        using var caller = system.Service(service, "unreadable-input", ["secretariat", "body-admin", "member", "executive", "guarantor"],
            [Body]);
        using var document = JsonDocument.Parse(await caller.GetStringAsync("/openapi/v1.json"));
        var swept = new HashSet<string>();
        var wrong = new List<string>();

        foreach (var (method, template, operation) in Operations(document))
        {
            foreach (var (what, request, refused) in Requests(method, template, operation))
            {
                using (request)
                using (var response = await caller.SendAsync(request))
                {
                    var status = (int)response.StatusCode;
                    var mediaType = response.Content.Headers.ContentType?.MediaType;
                    swept.Add($"{method} {template}");
                    if (status >= 500 || (refused && status < 400) || (status >= 400 && mediaType != "application/problem+json"))
                    {
                        wrong.Add($"{method} {request.RequestUri} ({what}): {status} {mediaType}");
                    }
                }
            }
        }

        Assert.True(swept.Count >= 5, $"{service}: only {swept.Count} operations swept; is its OpenAPI document read?");
        Assert.True(wrong.Count == 0, string.Join('\n', wrong));
    }

    private static IEnumerable<(HttpMethod Method, string Template, JsonElement Operation)> Operations(JsonDocument document) =>
        from path in document.RootElement.GetProperty("paths").EnumerateObject()
        from operation in path.Value.EnumerateObject()
        where operation.Name is "get" or "post" or "put" or "patch" or "delete"
        select (HttpMethod.Parse(operation.Name), path.Name, operation.Value);

    /// <summary>
    /// The requests that carry something unreadable for one operation, each with whether it must be refused: every id
    /// after the body's is unknown (a new GUID, refused), or every id is over long (the body's too: not always refused, as
    /// above); a declared body is not JSON, a number list or null (refused); every query value is of the wrong type or too
    /// large (not refused: a text query may take any value). An operation with nothing of the kind to carry is left alone,
    /// and so is one whose only id is the body's unless it only reads.
    /// </summary>
    private static IEnumerable<(string What, HttpRequestMessage Request, bool Refused)> Requests(HttpMethod method, string template,
        JsonElement operation)
    {
        var ids = template.Split('/').Where(segment => segment.StartsWith('{')).Select(segment => segment.Trim('{', '}')).ToList();
        var unknown = Fill(template, ids, id => id == "bodyId" ? Body : Guid.NewGuid().ToString());
        var overLong = Fill(template, ids, _ => new string('x', 300));
        var contentType = operation.TryGetProperty("requestBody", out var requestBody)
            ? requestBody.GetProperty("content").EnumerateObject().First().Name
            : null;
        if (contentType is not null)
        {
            foreach (var content in new[] { "{", "[1]", "null" })
            {
                yield return ($"body {content}", Request(method, unknown, content, contentType), true);
            }
            yield return ("over-long ids, body {", Request(method, overLong, "{", contentType), true);
        }
        else if (ids.Count > 1 || (ids.Count == 1 && method == HttpMethod.Get))
        {
            yield return ("over-long ids", Request(method, overLong), false);
            if (ids.Count > 1)
            {
                yield return ("unknown ids", Request(method, unknown), !ListsUnderAParentOwnedElsewhere.Contains(template));
            }
        }
        var queries = operation.TryGetProperty("parameters", out var parameters)
            ? parameters.EnumerateArray().Where(p => p.GetProperty("in").GetString() == "query")
                .Select(p => p.GetProperty("name").GetString()!).ToList()
            : [];
        if (queries.Count == 0 || (ids.Count <= 1 && method != HttpMethod.Get))
        {
            yield break;
        }
        foreach (var value in new[] { "abc", "99999999999999999999", "2026-13-45" })
        {
            var query = string.Join('&', queries.Select(name => $"{name}={value}"));
            yield return ($"query {value}", Request(method, $"{unknown}?{query}"), false);
        }
    }

    private static string Fill(string template, IEnumerable<string> ids, Func<string, string> value) =>
        ids.Aggregate(template, (path, id) => path.Replace($"{{{id}}}", Uri.EscapeDataString(value(id)), StringComparison.Ordinal));

    private static HttpRequestMessage Request(HttpMethod method, string path, string? content = null, string? contentType = null) =>
        new(method, path)
        {
            Content = content is null ? null : new StringContent(content, MediaTypeHeaderValue.Parse(contentType!)),
        };
}
