using System.Net;
using System.Net.Http.Json;
using Assemblee.SystemTests.Infrastructure;

namespace Assemblee.SystemTests;

/// <summary>Membership registers bodies; sortition learns of them through the outbox, RabbitMQ and an idempotent consumer.</summary>
[Collection(SystemCollection.Name)]
public sealed class BodyEventsTests(SystemFixture system)
{
    private sealed record KnownBody(string Id, string Name);

    [Fact]
    public async Task A_registered_body_reaches_sortition_once_even_when_its_event_is_delivered_again()
    {
        var id = UniqueBodyId();
        await RegisterAsync(id);
        await WaitUntilSortitionListsAsync(id);
        var messageId = await OutboxMessageIdAsync(id);

        // Deliver the same event again: the dispatcher republishes the row with the same message id.
        await ExecuteAsync("membershipdb", "UPDATE outbox_messages SET dispatched_at = NULL WHERE id = $1", messageId);
        await Eventually.ReturnsAsync(() => ScalarAsync<int?>("sortitiondb",
            "SELECT duplicates FROM inbox_messages WHERE message_id = $1", messageId),
            duplicates => duplicates == 1, because: "sortition should recognise the redelivery");

        Assert.Equal(1L, await ScalarAsync<long>("sortitiondb", "SELECT count(*) FROM inbox_messages WHERE message_id = $1", messageId));
        Assert.Equal(1L, await ScalarAsync<long>("sortitiondb", "SELECT count(*) FROM body_directory WHERE id = $1", id));
    }

    [Fact, DisruptsTheApplication]
    public async Task An_event_written_while_RabbitMQ_is_down_is_delivered_once_it_is_back_and_sortition_answers_meanwhile_over_gRPC()
    {
        var id = UniqueBodyId();
        await system.App.StopResourceAsync("messaging");
        try
        {
            await RegisterAsync(id);

            // Sortition has not heard of the body, yet answers: it asks membership over gRPC.
            var body = await system.Gateway().GetFromJsonAsync<KnownBody>($"/api/sortition/bodies/{id}");
            Assert.Equal(id, body!.Id);
            Assert.DoesNotContain(await SortitionBodiesAsync(), b => b.Id == id);
            Assert.Null(await ScalarAsync<DateTime?>("membershipdb",
                "SELECT dispatched_at FROM outbox_messages WHERE body->>'bodyId' = $1", id));
            // Readiness covers the broker: a service that cannot publish or consume says so.
            await Eventually.ReturnsAsync(async () => (await system.App.CreateHttpClient("sortition").GetAsync("/health")).StatusCode,
                status => status == HttpStatusCode.ServiceUnavailable, TimeSpan.FromSeconds(60),
                    "sortition's /health should fail without RabbitMQ");
        }
        finally
        {
            await system.App.StartResourceAsync("messaging");
        }
        await WaitUntilSortitionListsAsync(id, TimeSpan.FromSeconds(120));
        await Eventually.ReturnsAsync(async () => (await system.App.CreateHttpClient("sortition").GetAsync("/health")).StatusCode,
            status => status == HttpStatusCode.OK, TimeSpan.FromSeconds(60), "sortition's /health should recover with RabbitMQ");
        var messageId = await OutboxMessageIdAsync(id);
        Assert.Equal(0, await ScalarAsync<int?>("sortitiondb", "SELECT duplicates FROM inbox_messages WHERE message_id = $1", messageId));
    }

    [Fact]
    public async Task Sortition_answers_404_for_a_body_nobody_registered()
    {
        var response = await system.Gateway().GetAsync($"/api/sortition/bodies/{UniqueBodyId()}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Only_a_body_admin_registers_bodies()
    {
        var request = new { id = UniqueBodyId(), name = "Conseil des seniors", kind = "seniors-committee" };

        var anonymous = await system.Gateway().PostAsJsonAsync("/api/membership/bodies", request);
        var member = await system.Gateway("member-1", ["member"], ["paris-assembly"]).PostAsJsonAsync("/api/membership/bodies", request);
        var secretariat = await system.Gateway("secretary-1", ["secretariat"],
            ["paris-assembly"]).PostAsJsonAsync("/api/membership/bodies", request);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, member.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, secretariat.StatusCode);
    }

    [Fact]
    public async Task Bad_input_and_duplicates_get_problem_details_and_change_nothing()
    {
        var admin = system.Gateway("admin-1", ["body-admin"]);
        var id = UniqueBodyId();
        await RegisterAsync(id);

        var invalid = await admin.PostAsJsonAsync("/api/membership/bodies", new { id = "Not A Slug", name = "", kind = "club" });
        var duplicate = await admin.PostAsJsonAsync("/api/membership/bodies", new { id, name = "Autre nom", kind = "other" });

        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Equal("application/problem+json", invalid.Content.Headers.ContentType?.MediaType);
        var errors = (await invalid.Content.ReadFromJsonAsync<global::System.Text.Json.JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("id", out _) && errors.TryGetProperty("name", out _) && errors.TryGetProperty("kind", out _));
        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
        Assert.Equal("Body already registered",
            (await duplicate.Content.ReadFromJsonAsync<global::System.Text.Json.JsonElement>()).GetProperty("title").GetString());
        Assert.Equal("Conseil " + id, (await system.Gateway().GetFromJsonAsync<KnownBody>($"/api/membership/bodies/{id}"))!.Name);
        Assert.Equal(1L, await ScalarAsync<long>("membershipdb", "SELECT count(*) FROM outbox_messages WHERE body->>'bodyId' = $1", id));
    }

    internal static string UniqueBodyId() => $"body-{Guid.NewGuid():N}"[..20];

    internal async Task RegisterAsync(string id)
    {
        var response = await system.Gateway("admin-1", ["body-admin"])
            .PostAsJsonAsync("/api/membership/bodies", new { id, name = "Conseil " + id, kind = "other" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    /// <summary>Asks sortition directly, not through the gateway, so that polling does not eat the rate limit.</summary>
    private async Task<List<KnownBody>> SortitionBodiesAsync() =>
        (await system.App.CreateHttpClient("sortition").GetFromJsonAsync<List<KnownBody>>("/api/sortition/bodies"))!;

    internal async Task WaitUntilSortitionListsAsync(string id, TimeSpan? timeout = null) =>
        await Eventually.ReturnsAsync(SortitionBodiesAsync, bodies => bodies.Any(b => b.Id == id), timeout, $"sortition should list {id}");

    private Task<Guid> OutboxMessageIdAsync(string id) =>
        ScalarAsync<Guid>("membershipdb", "SELECT id FROM outbox_messages WHERE body->>'bodyId' = $1", id);

    private Task<T> ScalarAsync<T>(string database, string sql, object parameter) => system.ScalarAsync<T>(database, sql, parameter);

    private Task ExecuteAsync(string database, string sql, object parameter) => system.ExecuteAsync(database, sql, parameter);
}
