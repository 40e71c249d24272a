using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Assemblee.Contracts.People;
using Assemblee.Contracts.Sortition;

namespace Assemblee.SystemTests.Infrastructure;

/// <summary>
/// What tests that need real members share: a fresh body, a panel drawn by sortition (standing in for the draw itself) that
/// enters membership over RabbitMQ, and membership's REST API called directly.
/// </summary>
public abstract class MembershipTestBase(SystemFixture system)
{
    protected static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    protected string Body { get; } = BodyEventsTests.UniqueBodyId();

    protected SystemFixture Fixture => system;

    protected HttpClient Secretariat => system.Service("membership", "secretary-1", ["secretariat"], [Body]);

    protected HttpClient AsMember(Guid memberId) => system.Service("membership", memberId.ToString(), ["member"], [Body]);

    /// <summary>A person of this test's body, with an e-mail address of its own: tests running at once share the mail server.</summary>
    protected DrawnPerson Person(int number, DateOnly birthDate, string seatGroup = "electoral-list") => new(
        $"R{number:D4}", seatGroup, $"Dupont{number}", $"Camille{number}", birthDate,
        $"{number} rue de la Roquette", $"750{1 + number % 20:D2}", $"camille{number}.{Body}@example.org", "06 12 34 56 78");

    /// <summary>
    /// Stands in for sortition having drawn a panel: the people are seated in sortition's database as its draw leaves
    /// them (membership reads their contact details from there over gRPC), and PanelDrawn, naming them by id, is written
    /// to sortition's outbox, from which its dispatcher publishes it on RabbitMQ like any other.
    /// </summary>
    protected async Task SeatInSortitionAsync(Guid draw, IReadOnlyList<DrawnPerson> people)
    {
        await system.ExecuteAsync("sortitiondb", """
            INSERT INTO draws (id, body_id, title, specification, state) VALUES ($1, $2, 'Promotion de test', '{}', 'drawn')
            """, draw, Body);
        foreach (var person in people)
        {
            var invitation = Guid.NewGuid();
            await system.ExecuteAsync("sortitiondb", """
                INSERT INTO invitations (id, draw_id, code, seat_group, stratum, list_line, person_hash, household_hash,
                                         family_name, given_name, birth_date, address, postcode)
                VALUES ($1, $2, $3, $4, 'test', 1, $3, $3, $5, $6, $7, $8, $9)
                """, invitation, draw, invitation.ToString("N"), person.SeatGroup, person.FamilyName, person.GivenName, person.BirthDate,
                person.Address, person.Postcode);
            await system.ExecuteAsync("sortitiondb", """
                INSERT INTO respondents (draw_id, number, invitation_id, features, email, phone, status)
                VALUES ($1, $2, $3, '{}', $4, $5, 'selected')
                """, draw, int.Parse(person.RespondentId[1..], CultureInfo.InvariantCulture), invitation, person.Email!, person.Phone!);
        }
    }

    /// <summary>Publishes PanelDrawn for a panel seated by <see cref="SeatInSortitionAsync"/>; returns the message id.</summary>
    protected async Task<Guid> PublishPanelAsync(Guid draw, IReadOnlyList<DrawnPerson> members)
    {
        var seats = members.Select(member => new DrawnSeat(member.RespondentId, member.SeatGroup)).ToList();
        var message = new PanelDrawn(draw, Body, "Promotion de test", "commitment", seats, ["R0901", "R0902"], DateTimeOffset.UtcNow);
        var id = Guid.NewGuid();
        await system.ExecuteAsync("sortitiondb", "INSERT INTO outbox_messages (id, message_type, body) VALUES ($1, $2, $3::jsonb)",
            id, "sortition.panel-drawn.v2", JsonSerializer.Serialize(message, Json));
        return id;
    }

    protected async Task<(Guid Promotion, List<JsonElement> Members)> PanelAsync(int adults, int minors = 0)
    {
        var draw = Guid.NewGuid();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var people = Enumerable.Range(1, adults).Select(n => Person(n, today.AddYears(-30 - n)))
            .Concat(Enumerable.Range(adults + 1, minors).Select(n => Person(n, today.AddYears(-16).AddDays(-n), "minors"))).ToList();
        await SeatInSortitionAsync(draw, people);
        await PublishPanelAsync(draw, people);
        var promotion = await PromotionOfDrawAsync(draw, adults + minors);
        return (promotion, await MembersAsync(promotion));
    }

    protected async Task<Guid> PromotionOfDrawAsync(Guid draw, int members)
    {
        await Eventually.ReturnsAsync(() => system.ScalarAsync<long>("membershipdb",
                "SELECT count(*) FROM members m JOIN promotions p ON p.id = m.promotion_id WHERE p.draw_id = $1 AND p.body_id = $2",
                draw, Body),
            count => count == members, because: "the drawn people should enter membership");
        return await system.ScalarAsync<Guid>("membershipdb", "SELECT id FROM promotions WHERE draw_id = $1 AND body_id = $2", draw, Body);
    }

    protected async Task<List<JsonElement>> MembersAsync(Guid promotion, string? state = null) =>
        (await Secretariat.GetFromJsonAsync<List<JsonElement>>(
            $"/api/membership/bodies/{Body}/promotions/{promotion}/members{(state is null ? "" : "?state=" + state)}"))!;

    protected static Guid IdOf(JsonElement contact) => contact.GetProperty("member").GetProperty("id").GetGuid();

    protected static string StateOf(JsonElement member) => member.GetProperty("state").GetString()!;

    protected Task<HttpResponseMessage> PostAsync(HttpClient client, string path, object? body = null) =>
        client.PostAsJsonAsync($"/api/membership/bodies/{Body}/{path}", body ?? new { });

    protected Task<long> OutboxCountAsync(string type, Guid memberId) =>
        system.ScalarAsync<long>("membershipdb",
            "SELECT count(*) FROM outbox_messages WHERE message_type = $1 AND body->>'memberId' = $2", type, memberId.ToString());
}
