using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Assemblee.Common.Status;
using Assemblee.SystemTests.Infrastructure;

namespace Assemblee.SystemTests;

[Collection(SystemCollection.Name)]
public sealed class GatewayTests(SystemFixture system)
{
    public static TheoryData<string> Services => [.. SystemFixture.Services];

    [Fact]
    public async Task A_body_over_its_route_s_limit_gets_413_problem_details_from_the_gateway_announced_or_not()
    {
        var admin = system.Gateway("admin-1", ["body-admin"]);
        var body = Encoding.UTF8.GetBytes($"{{\"id\":\"too-large\",\"name\":\"{new string('x', 1_300_000)}\",\"kind\":\"other\"}}");
        using var announced = new HttpRequestMessage(HttpMethod.Post, "/api/membership/bodies")
        {
            Content = new ByteArrayContent(body),
        };
        announced.Content.Headers.ContentType = new("application/json");
        announced.Headers.ExpectContinue = true;

        var refusedAtOnce = await admin.SendAsync(announced);
        var refusedOnTheWay = await admin.PostAsync("/api/membership/bodies", new ChunkedContent(body, 2, TimeSpan.Zero,
            "application/json"));

        foreach (var refused in new[] { refusedAtOnce, refusedOnTheWay })
        {
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, refused.StatusCode);
            var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal($"This address accepts at most {SystemFixture.GatewayMembershipMaxBytes:N0} bytes.",
                problem.GetProperty("detail").GetString());
        }
        Assert.Equal(HttpStatusCode.NotFound, (await system.Gateway().GetAsync("/api/membership/bodies/too-large")).StatusCode);
    }

    [Fact]
    public async Task Sortition_lists_pass_the_gateway_up_to_their_own_limit_and_its_other_routes_are_refused_past_30_MB_saying_so()
    {
        var draw = await new SortitionScenario(system, "paris-citizens-assembly").CreateDrawAsync();
        var secretariat = system.Gateway("secretary-1", ["secretariat"], ["paris-citizens-assembly"]);

        // 31 MB: past Kestrel's 30 MB, within the gateway's limit for lists, past the fixture's limit for lists (16 MiB).
        using var list = Announced(HttpMethod.Put, $"/api/sortition/bodies/paris-citizens-assembly/draws/{draw}/lists/electoral",
            31_000_000, "text/csv");
        using var specification = Announced(HttpMethod.Post, "/api/sortition/bodies/paris-citizens-assembly/draws", 31_000_000,
            "application/json");
        using var specificationToTheService = Announced(HttpMethod.Post, "/api/sortition/bodies/paris-citizens-assembly/draws",
            31_000_000, "application/json");
        var listRefused = await secretariat.SendAsync(list);
        var specificationRefused = await secretariat.SendAsync(specification);
        var refusedByTheService = await system.Service("sortition", "secretary-1", ["secretariat"], ["paris-citizens-assembly"])
            .SendAsync(specificationToTheService);

        // The list reached sortition, which refused it in its own words; the specification was refused by the gateway, saying
        // the limit. Forwarded, it met the service's 30 MB: a bare 413 when the caller waits for 100-continue, as here, and a
        // 502 when it sends at once (the service cut the body off). Sent to the service itself (as the web application and
        // other services do), the same specification is refused by the service's server, now in the gateway's words.
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, listRefused.StatusCode);
        Assert.StartsWith($"A list may have at most {SystemFixture.MaxListBytes:N0} bytes",
            (await listRefused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
        foreach (var refused in new[] { specificationRefused, refusedByTheService })
        {
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, refused.StatusCode);
            var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal("The request is too large", problem.GetProperty("title").GetString());
            Assert.Equal($"This address accepts at most {30_000_000:N0} bytes.", problem.GetProperty("detail").GetString());
        }
    }

    [Fact]
    public async Task The_web_applications_forms_are_refused_past_30_MB_saying_so_and_its_list_imports_pass_the_gateway()
    {
        using var form = Announced(HttpMethod.Post, "/connexion/developpement", 31_000_000, "application/x-www-form-urlencoded");
        using var list = Announced(HttpMethod.Post, $"/paris-citizens-assembly/secretariat/tirages/{Guid.NewGuid()}/listes/electoral",
            31_000_000, "multipart/form-data; boundary=list");

        var formRefused = await system.Gateway().SendAsync(form);
        var listPassed = await system.Gateway().SendAsync(list);

        // Before, the whole web application had the list imports' 1 GiB at the gateway and its own server cut such a form off: a
        // 502. The list reached the web application, which sent the anonymous caller to sign in before reading a byte.
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, formRefused.StatusCode);
        Assert.Equal($"This address accepts at most {30_000_000:N0} bytes.",
            (await formRefused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.OK, listPassed.StatusCode);
        Assert.Equal("/connexion", listPassed.RequestMessage!.RequestUri!.AbsolutePath);
    }

    /// <summary>A body of the given size whose length is announced, sent once the server agrees (100-continue).</summary>
    private static HttpRequestMessage Announced(HttpMethod method, string path, int bytes, string type)
    {
        var request = new HttpRequestMessage(method, path) { Content = new ByteArrayContent(new byte[bytes]) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(type);
        request.Headers.ExpectContinue = true;
        return request;
    }

    [Theory]
    [MemberData(nameof(Services))]
    public async Task Every_service_answers_through_the_gateway_with_its_migrated_database(string service)
    {
        var status = await system.Gateway().GetFromJsonAsync<ServiceStatusResponse>($"/api/{service}/status");

        Assert.Equal(service, status!.Service);
        Assert.True(await DatabaseHasMigrationsTable(service), $"{service}db was not migrated");
    }

    [Theory]
    [MemberData(nameof(Services))]
    public async Task Every_service_publishes_its_OpenAPI_document_through_the_gateway(string service)
    {
        using var document = await system.Gateway().GetFromJsonAsync<global::System.Text.Json.JsonDocument>($"/openapi/{service}.json");

        Assert.True(document!.RootElement.GetProperty("paths").TryGetProperty($"/api/{service}/status", out _));
        // Other bodies' software learns there that a refusal names its rule by a code.
        var refusal = document.RootElement.GetProperty("components").GetProperty("schemas").GetProperty("RuleProblem");
        Assert.True(refusal.GetProperty("properties").TryGetProperty("code", out _));
    }

    [Fact]
    public async Task An_OpenAPI_document_that_does_not_exist_gets_problem_details_not_plain_text()
    {
        var atTheGateway = await system.Gateway().GetAsync("/openapi/nope.json");
        var atAService = await system.Service("membership", "reader", ["member"], ["paris-citizens-assembly"]).GetAsync("/openapi/v2.json");

        foreach (var missing in new[] { atTheGateway, atAService })
        {
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
            Assert.Equal("application/problem+json", missing.Content.Headers.ContentType?.MediaType);
        }
    }

    [Fact]
    public async Task The_documentation_page_lists_every_service()
    {
        var page = await system.Gateway().GetStringAsync("/openapi/index.html");
        var configuration = await system.Gateway().GetStringAsync("/openapi/index.js");

        Assert.Contains("swagger", page, StringComparison.OrdinalIgnoreCase);
        Assert.All(SystemFixture.Services, service => Assert.Contains($"/openapi/{service}.json", configuration));
    }

    [Fact]
    public async Task In_Development_the_Paris_Assembly_is_registered_at_start()
    {
        var body = await system.Gateway()
            .GetFromJsonAsync<global::System.Text.Json.JsonElement>("/api/membership/bodies/paris-citizens-assembly");

        Assert.Equal("citizens-assembly", body.GetProperty("kind").GetString());
    }

    [Fact]
    public async Task An_unknown_path_gets_404_and_the_health_endpoints_answer()
    {
        var gateway = system.Gateway();

        Assert.Equal(HttpStatusCode.NotFound, (await gateway.GetAsync("/api/unknown/status")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await gateway.GetAsync("/health")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await gateway.GetAsync("/alive")).StatusCode);
    }

    [Theory]
    [InlineData("/api/sortition/respondents", "{\"code\": ")]
    [InlineData("/api/sortition/respondents", "{\"invitationCode\": 12, \"profile\": \"x\"}")]
    [InlineData("/api/membership/bodies", "not json")]
    [InlineData("/api/membership/bodies", "{\"id\": [1], \"name\": true}")]
    public async Task Malformed_JSON_or_wrong_JSON_types_get_400_problem_details_not_500(string path, string body)
    {
        (await PostUnreadableAsync(path, body)).Dispose();
    }

    [Theory]
    [InlineData("/api/sortition/bodies/paris-citizens-assembly/draws", "{\"title\": \"Essai\", \"seatGroups\": [null]}",
        "seatGroups")]
    [InlineData("/api/sessions/bodies/paris-citizens-assembly/promotions/00000000-0000-0000-0000-000000000001/sessions",
        "{\"kind\": \"plenary\", \"title\": \"Séance\", \"agenda\": [{\"title\": \"Ouverture\"}, null]}", "agenda")]
    public async Task A_null_item_in_a_list_gets_400_naming_the_list_not_500(string path, string body, string list)
    {
        using var problem = await PostUnreadableAsync(path, body);

        Assert.Contains($"'{list}' holds a null item", problem.RootElement.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Text_holding_a_NUL_character_gets_400_over_REST_and_INVALID_ARGUMENT_over_gRPC_not_an_error()
    {
        // PostgreSQL's text cannot hold U+0000; the draw's title passes every rule of the specification and reaches it.
        var specification = JsonSerializer.SerializeToNode(SortitionScenario.Specification(DateTimeOffset.UtcNow.AddDays(30)))!;
        specification["title"] = "Panel\u0000";
        using var channel = Grpc.Net.Client.GrpcChannel.ForAddress(system.App.GetEndpoint("gateway", "grpc"));
        var agenda = new Assemblee.Contracts.Veille.V1.Veille.VeilleClient(channel)
            .ListAgendaItems(new() { Commission = "3e\u0000commission" });

        var rest = await system.Gateway("secretary-1", ["secretariat"], ["paris-citizens-assembly"])
            .PostAsJsonAsync("/api/sortition/bodies/paris-citizens-assembly/draws", specification);
        var grpc = await Assert.ThrowsAsync<Grpc.Core.RpcException>(() => agenda.ResponseStream.MoveNext(CancellationToken.None));

        Assert.Equal(HttpStatusCode.BadRequest, rest.StatusCode);
        Assert.Equal("unstorable-text", (await rest.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        Assert.Equal(Grpc.Core.StatusCode.InvalidArgument, grpc.StatusCode);
        Assert.Equal("unstorable-text", grpc.Trailers.GetValue("rule-code"));
    }

    /// <summary>Posts a body the service cannot read; asserts the answer is a 400 problem saying so, and returns it.</summary>
    private async Task<global::System.Text.Json.JsonDocument> PostUnreadableAsync(string path, string body)
    {
        var caller = path.StartsWith("/api/sortition/respondents", StringComparison.Ordinal) ? system.Gateway()
            : system.Gateway("admin-1", ["body-admin", "secretariat"], ["paris-citizens-assembly"]);

        var response = await caller.PostAsync(path, new StringContent(body, global::System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = global::System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("The request could not be read", problem.RootElement.GetProperty("title").GetString());
        return problem;
    }

    /// <summary>
    /// The quota is a fixed window per minute: requests sent across a window's end are split between two windows, so
    /// twice the quota and two guarantee that one window receives more than its quota (the loop takes seconds).
    /// </summary>
    private const int RequestsToExceedTheQuota = 2 * (SystemFixture.GatewayPermitsPerMinute + 1);

    [Fact]
    public async Task A_forged_X_Forwarded_For_from_an_untrusted_caller_does_not_escape_the_rate_limit()
    {
        using var caller = system.GatewayFrom(IPAddress.Parse("127.0.0.2"));
        HttpResponseMessage? refused = null;
        for (var i = 0; i < RequestsToExceedTheQuota && refused is null; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/veille/status");
            request.Headers.Add("X-Forwarded-For", $"203.0.113.{i % 250}");
            var response = await caller.SendAsync(request);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                refused = response;
            }
        }

        Assert.NotNull(refused);
        // The quota is the caller's address's: anonymous callers elsewhere are still served.
        Assert.Equal(HttpStatusCode.OK, (await system.Gateway().GetAsync("/api/veille/status")).StatusCode);
    }

    [Fact]
    public async Task Visitors_signed_in_to_the_web_application_from_one_address_each_have_their_own_quota()
    {
        // A venue's Wi-Fi: every member's phone comes from one address.
        var venue = IPAddress.Parse("127.0.0.3");
        using var first = system.GatewayFrom(venue);
        using var second = system.GatewayFrom(venue);
        await SignInToTheWebAsync(first, "rate-limit-visitor-1");
        await SignInToTheWebAsync(second, "rate-limit-visitor-2");
        HttpResponseMessage? refused = null;
        for (var i = 0; i < RequestsToExceedTheQuota && refused is null; i++)
        {
            var response = await first.GetAsync("/api/veille/status");
            refused = response.StatusCode == HttpStatusCode.TooManyRequests ? response : null;
        }

        Assert.NotNull(refused);
        Assert.Equal(HttpStatusCode.OK, (await second.GetAsync("/api/veille/status")).StatusCode);
        using var anonymous = system.GatewayFrom(venue);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/api/veille/status")).StatusCode);
    }

    [Fact]
    public async Task A_pages_form_holding_a_NUL_character_or_a_field_past_4_MB_gets_the_portals_error_page_not_plain_text()
    {
        using var browser = system.GatewayFrom(IPAddress.Parse("127.0.0.4"));
        await SignInToTheWebAsync(browser, "secretary-unreadable-forms", "secretariat");
        const string page = "/paris-citizens-assembly/secretariat/messages/welcome/fr";
        async Task<HttpResponseMessage> PostWordingAsync(string subject)
        {
            // The page's own form (not the sign-out one) with its hidden fields: Blazor's form name and antiforgery token.
            var form = global::System.Text.RegularExpressions.Regex.Matches(await browser.GetStringAsync(page),
                "<form[^>]*>(.*?)</form>", global::System.Text.RegularExpressions.RegexOptions.Singleline)
                .Single(match => match.Groups[1].Value.Contains("name=\"Wording.Subject\"", StringComparison.Ordinal)).Groups[1].Value;
            var fields = global::System.Text.RegularExpressions.Regex.Matches(form,
                "<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\"")
                .ToDictionary(match => match.Groups[1].Value, match => WebUtility.HtmlDecode(match.Groups[2].Value));
            fields["Wording.Subject"] = subject;
            fields["Wording.Body"] = "Bienvenue, {{ given_name }}.";
            return await browser.PostAsync(page, new FormUrlEncodedContent(fields));
        }

        var withNul = await PostWordingAsync("Bienvenue\0");
        var pastTheLimit = await PostWordingAsync(new string('x', 5_000_000));
        // The console's list import checks its token itself, since it streams the list: such a form got a 500 there.
        var token = FormToken(await browser.GetStringAsync(page), "/deconnexion");
        var import = $"/paris-citizens-assembly/secretariat/tirages/{Guid.NewGuid()}/listes/electoral";
        var importWithNul = await browser.PostAsync(import,
            new FormUrlEncodedContent([new("__RequestVerificationToken", token), new("Charset", "utf-8\0")]));

        // The console's script sends the token in a header and the list streamed: a form not in multipart, or a multipart body cut
        // off before its end, got a 500 there.
        async Task<HttpResponseMessage> PostListAsync(string contentType, string body)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, import) { Content = new StringContent(body) };
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
            request.Headers.Add("RequestVerificationToken", token);
            return await browser.SendAsync(request);
        }
        var notMultipart = await PostListAsync("application/x-www-form-urlencoded", "Charset=utf-8");
        var cutOff = await PostListAsync("multipart/form-data; boundary=list", "--list\r\nContent-Disposition: form-data; name=\"Char");

        // Before, Blazor answered the first two in English plain text: "A valid antiforgery token was not provided with the request."
        foreach (var refused in new[] { withNul, pastTheLimit, importWithNul, notMultipart, cutOff })
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Equal("text/html", refused.Content.Headers.ContentType?.MediaType);
            Assert.Contains("Une erreur est survenue", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    /// <summary>Signs in through the web application's development form (a member unless told); the client keeps the cookie.</summary>
    private static async Task SignInToTheWebAsync(HttpClient browser, string subject, string role = "member")
    {
        var signedIn = await PostDevelopmentSignInAsync(browser, subject, role);
        // Signed in, the form sends the visitor where they were going; refused, back to the form.
        Assert.Equal("/", signedIn.RequestMessage?.RequestUri?.AbsolutePath);
    }

    /// <summary>The development sign-in page's form, filled in as a visitor would and sent with the page's antiforgery token.</summary>
    private static async Task<HttpResponseMessage> PostDevelopmentSignInAsync(HttpClient browser, string subject, string role = "member",
        string returnUrl = "/")
    {
        var antiforgery = FormToken(await browser.GetStringAsync("/connexion"), "/connexion/developpement");
        return await browser.PostAsync("/connexion/developpement", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = antiforgery,
            ["ReturnUrl"] = returnUrl,
            ["Role"] = role,
            ["Body"] = "paris-citizens-assembly",
            ["Subject"] = subject,
        }));
    }

    /// <summary>The antiforgery token of the page's form that posts to <paramref name="action"/>.</summary>
    private static string FormToken(string page, string action) => global::System.Text.RegularExpressions.Regex.Match(page,
        $"action=\"{action}\"[^>]*>\\s*<input type=\"hidden\" name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;

    [Fact]
    public async Task Only_the_pages_own_sign_out_form_signs_a_visitor_out_a_post_from_elsewhere_gets_the_error_page()
    {
        using var browser = system.GatewayFrom(IPAddress.Parse("127.0.0.6"));
        await SignInToTheWebAsync(browser, "sign-out-visitor");
        static bool SignedIn(string page) => page.Contains("action=\"/deconnexion\"", StringComparison.Ordinal);

        // What a page of another site can send: the address, no token.
        var forged = await browser.PostAsync("/deconnexion", new FormUrlEncodedContent([]));
        var afterForged = await browser.GetStringAsync("/");
        var token = FormToken(afterForged, "/deconnexion");
        // The page's token with a field the form reader refuses: that used to be a 500 once the token was checked.
        var unreadable = await browser.PostAsync("/deconnexion",
            new FormUrlEncodedContent([new("__RequestVerificationToken", token), new("Subject", "a\0b")]));
        var afterUnreadable = await browser.GetStringAsync("/");
        var own = await browser.PostAsync("/deconnexion", new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));

        foreach (var refused in new[] { forged, unreadable })
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Contains("Une erreur est survenue", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        Assert.True(SignedIn(afterForged) && SignedIn(afterUnreadable), "the visitor should still be signed in");
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.False(SignedIn(await browser.GetStringAsync("/")), "the page's own form should have signed the visitor out");
    }

    [Fact]
    public async Task A_development_sign_in_past_200_characters_is_refused_and_a_return_address_past_2000_ignored_where_both_got_502()
    {
        using var browser = system.GatewayFrom(IPAddress.Parse("127.0.0.7"));

        var refused = await PostDevelopmentSignInAsync(browser, new string('x', 70_000));
        var sentHome = await PostDevelopmentSignInAsync(browser, "long-return-address", returnUrl: "/" + new string('x', 70_000));

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Equal("/connexion", refused.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Contains("200 caractères au plus", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        // A return address that long is not followed: the visitor lands on the body's page.
        Assert.Equal(HttpStatusCode.OK, sentHome.StatusCode);
        Assert.Equal("/paris-citizens-assembly", sentHome.RequestMessage!.RequestUri!.AbsolutePath);
    }

    [Fact]
    public async Task A_forged_token_is_refused_at_the_edge_with_problem_details()
    {
        var gateway = system.Gateway();
        gateway.DefaultRequestHeaders.Authorization = new("Bearer", DevelopmentTokensForgedWithAnotherKey());

        var response = await gateway.GetAsync("/api/sortition/status");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_client_over_its_quota_gets_429_with_Retry_After_while_others_are_served()
    {
        var greedy = system.Gateway("rate-limit-test-greedy", ["member"], ["paris-assembly"]);
        HttpResponseMessage? refused = null;
        for (var i = 0; i < RequestsToExceedTheQuota && refused is null; i++)
        {
            var response = await greedy.GetAsync("/api/sessions/status");
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                refused = response;
            }
        }

        Assert.NotNull(refused);
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Equal(HttpStatusCode.OK, (await system.Gateway("rate-limit-test-other", ["member"],
            ["paris-assembly"]).GetAsync("/api/sessions/status")).StatusCode);
    }

    [Fact]
    public async Task Cross_origin_requests_from_unlisted_origins_get_no_CORS_grant()
    {
        using var request = new HttpRequestMessage(HttpMethod.Options, "/api/membership/bodies");
        request.Headers.Add("Origin", "https://evil.example");
        request.Headers.Add("Access-Control-Request-Method", "POST");

        var response = await system.Gateway().SendAsync(request);

        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
    }

    private static string DevelopmentTokensForgedWithAnotherKey() =>
        Assemblee.ServiceDefaults.Authentication.DevelopmentTokens.Create(new string('x', 48), "mallory", ["body-admin"], []);

    private async Task<bool> DatabaseHasMigrationsTable(string service)
    {
        await using var connection = new Npgsql.NpgsqlConnection(await system.ConnectionStringAsync($"{service}db"));
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand("SELECT count(*) FROM schema_migrations WHERE version LIKE 'platform/%'",
            connection);
        return (long)(await command.ExecuteScalarAsync())! > 0;
    }
}
