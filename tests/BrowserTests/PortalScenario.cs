namespace Assemblee.BrowserTests;

/// <summary>A confirmed member: their id (the subject of their token) and the given name the roster publishes.</summary>
public sealed record ConfirmedMember(Guid Id, string GivenName);

/// <summary>
/// A body as the browser tests find it, made through the public APIs as the secretariat would: registered, a small panel drawn
/// by sortition, its promotion in membership with three members confirmed (and so published and convened).
/// </summary>
internal sealed class PortalScenario(SystemFixture system)
{
    public string Body { get; } = BodyEventsTests.UniqueBodyId();

    public string Name => $"Conseil citoyen {Body[5..]}";

    public Guid Draw { get; private set; }

    public Assemblee.Sortition.Engine.Lottery.DrawRecord Record { get; private set; } = null!;

    public Guid PromotionId { get; private set; }

    public string Promotion { get; private set; } = "";

    public IReadOnlyList<ConfirmedMember> Confirmed { get; private set; } = [];

    /// <summary>A drawn member not yet confirmed: the roster must not show them.</summary>
    public string Waiting { get; private set; } = "";

    public HttpClient Secretariat(string service) => system.Service(service, "secretary-1", ["secretariat"], [Body]);

    /// <summary>The body registered, and nothing else: the secretariat starts from an empty console.</summary>
    public async Task<PortalScenario> RegisteredAsync()
    {
        await RegisterAsync();
        return this;
    }

    public async Task<PortalScenario> DrawnAsync(string seed)
    {
        await RegisterAsync();
        (Draw, Record) = await new SortitionScenario(system, Body).DrawnPanelAsync(seed);
        var membership = Secretariat("membership");
        var promotion = (await Eventually.ReturnsAsync(async () =>
                (await membership.GetFromJsonAsync<List<JsonElement>>($"/api/membership/bodies/{Body}/promotions"))!
                .Select(view => view.GetProperty("promotion")).Cast<JsonElement?>()
                .SingleOrDefault(p => p!.Value.GetProperty("drawId").GetString() == Draw.ToString()),
            found => found is not null, because: "membership should make a promotion of the drawn panel"))!.Value;
        (PromotionId, Promotion) = (promotion.GetProperty("id").GetGuid(), promotion.GetProperty("name").GetString()!);
        var members = await Eventually.ReturnsAsync(async () => (await membership.GetFromJsonAsync<List<JsonElement>>(
                $"/api/membership/bodies/{Body}/promotions/{PromotionId}/members"))!,
            list => list.Count == 10, because: "the ten drawn should enter the promotion");
        var confirmed = new List<ConfirmedMember>();
        foreach (var member in members.Take(3))
        {
            var id = member.GetProperty("member").GetProperty("id").GetGuid();
            (await membership.PostAsync($"/api/membership/bodies/{Body}/members/{id}/confirmation", null)).EnsureSuccessStatusCode();
            confirmed.Add(new ConfirmedMember(id, member.GetProperty("givenName").GetString()!));
        }
        (Confirmed, Waiting) = (confirmed, members[3].GetProperty("givenName").GetString()!);
        return this;
    }

    public HttpClient Member(ConfirmedMember member, string service) => system.Service(service, member.Id.ToString(), ["member"], [Body]);

    /// <summary>An atelier the member joins, and a vœu its members are writing (a draft of two parts).</summary>
    public async Task<Guid> AtelierDraftAsync(ConfirmedMember member, string title, params string[] parts)
    {
        var atelier = await Secretariat("membership").PostAsJsonAsync($"/api/membership/bodies/{Body}/promotions/{PromotionId}/ateliers",
            new { name = "Logement", theme = "Logement", mandate = "", capacity = 10 });
        atelier.EnsureSuccessStatusCode();
        var atelierId = (await atelier.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        (await Member(member, "membership").PostAsJsonAsync($"/api/membership/bodies/{Body}/ateliers/{atelierId}/choice", new { }))
            .EnsureSuccessStatusCode();
        var started = await Member(member, "documents").PostAsJsonAsync($"/api/documents/bodies/{Body}/documents", new
        {
            kind = "voeu",
            promotionId = PromotionId,
            atelierId,
            title,
            sections = parts.Select((markdown, i) => new { heading = i == 0 ? "Considérants" : "Vœu", markdown }),
        });
        started.EnsureSuccessStatusCode();
        return (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("document").GetProperty("id").GetGuid();
    }

    /// <summary>A public session of the promotion (a plenary unless told), planned by the secretariat (not yet convened).</summary>
    public async Task<Guid> PlannedSessionAsync(DateTimeOffset startsAt, string kind = "plenary", string title = "Plénière de lancement")
    {
        var planned = await Secretariat("sessions").PostAsJsonAsync($"/api/sessions/bodies/{Body}/promotions/{PromotionId}/sessions", new
        {
            kind,
            title,
            agenda = new[] { new { title = "Accueil", speakers = new[] { "Secrétariat" }, documentIds = Array.Empty<Guid>() } },
            place = new { address = "Hôtel de Ville, 75004 Paris", room = "Salle des fêtes", access = "Entrée rue de Rivoli" },
            startsAt,
            endsAt = startsAt.AddHours(3),
            guests = Array.Empty<object>(),
            @public = true,
        });
        planned.EnsureSuccessStatusCode();
        return (await planned.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    /// <summary>The mandate's phase under way: it started yesterday (Paris) and lasts a month.</summary>
    public async Task CurrentPhaseAsync(string name)
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        (await Secretariat("sessions").PostAsJsonAsync($"/api/sessions/bodies/{Body}/promotions/{PromotionId}/phases", new
        {
            name,
            description = "Les membres découvrent les sujets et les acteurs de la Ville.",
            startsOn = today.AddDays(-1),
            endsOn = today.AddDays(30),
        })).EnsureSuccessStatusCode();
    }

    private async Task RegisterAsync() => (await system.Gateway("admin-1", ["body-admin"])
        .PostAsJsonAsync("/api/membership/bodies", new { id = Body, name = Name, kind = "other" })).EnsureSuccessStatusCode();
}
