using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Xml.Linq;
using Assemblee.Common.Rules;
using Assemblee.Contracts.Veille.V1;
using Assemblee.SystemTests.Infrastructure;
using Grpc.Core;
using Grpc.Net.Client;
using VeilleClient = Assemblee.Contracts.Veille.V1.Veille.VeilleClient;

namespace Assemblee.SystemTests;

/// <summary>
/// Veille et Interpellation through the gateway: the Council's agenda and what bodies follow of it, questions from draft to
/// closing across bodies, referrals to the guarantors, and the public register.
/// </summary>
[Collection(NotificationsCollection.Name)]
public sealed class VeilleTests(SystemFixture system)
{
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";

    private readonly string _run = Guid.NewGuid().ToString("N")[..8];

    private HttpClient Secretariat(string body) => system.Gateway($"secretary-{body}", ["secretariat"], [body]);

    private HttpClient Member(string body) => system.Gateway($"member-{body}", ["member"], [body]);

    private HttpClient Executive(string body) => system.Gateway($"exec-{body}", ["executive"], [body]);

    private HttpClient Guarantor(string body) => system.Gateway($"guarantor-{body}", ["guarantor"], [body]);

    private HttpClient Keeper => system.Gateway("agenda-keeper", ["secretariat"], [SystemFixture.VeilleAgendaKeeper]);

    private static string Questions(string body, string path = "") => $"/api/veille/bodies/{body}/questions{path}";

    /// <summary>A body registered with membership, which veille asks about the bodies invited to co-sign.</summary>
    private async Task<string> BodyAsync(string name, string? contact = null, string? executive = null)
    {
        var id = BodyEventsTests.UniqueBodyId();
        var registered = await system.Gateway("admin-1", ["body-admin"])
            .PostAsJsonAsync("/api/membership/bodies", new { id, name, kind = "other", mailboxes = new { contact, executive } });
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        return id;
    }

    /// <summary>An item of this run's agenda: ids unique to the run, since the agenda is the whole space's.</summary>
    private object Item(int number, string title, string commission = "1re commission", string[]? themes = null) => new
    {
        id = $"{_run}-item-{number}",
        number = number.ToString(System.Globalization.CultureInfo.InvariantCulture),
        reference = $"2027 DFA {number}",
        kind = "deliberation",
        name = title,
        commission,
        rapporteur = "Paul Simondon",
        themes = themes ?? ["budget"],
        auxiliaryFile = new[] { new { name = "Exposé des motifs", accessUrl = $"https://cdn.paris.fr/{_run}/{number}.pdf" } },
    };

    private object Agenda(DateTimeOffset start, params object[] items) => new
    {
        meetings = new[] { new { id = $"{_run}-cp", name = "Conseil de Paris de février", start, end = start.AddDays(3),
            agendaItem = items } },
    };

    private async Task<JsonElement> ImportAsync(object agenda)
    {
        var imported = await Keeper.PostAsJsonAsync($"/api/veille/bodies/{SystemFixture.VeilleAgendaKeeper}/agenda-imports", agenda);
        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        return await imported.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static object Draft(string kind, string title, string[]? items = null, string addresseeKind = "deputy") => new
    {
        kind,
        title,
        text = "Le Conseil de la jeunesse demande comment la Ville associera les jeunes au budget participatif.",
        addresseeKind,
        addressee = addresseeKind == "guarantors" ? "Comité des garants" : "Adjointe chargée de la jeunesse",
        itemIds = items ?? [],
        themes = new[] { "Jeunesse" },
    };

    private static async Task<JsonElement> OkAsync(Task<HttpResponseMessage> call, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await call;
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{response.RequestMessage?.RequestUri}: {response.StatusCode} {body}");
        return body.Length == 0 ? default : JsonDocument.Parse(body).RootElement.Clone();
    }

    private static async Task<Guid> DraftAsync(HttpClient client, string body, object draft) =>
        (await OkAsync(client.PostAsJsonAsync(Questions(body), draft), HttpStatusCode.Created)).GetProperty("id").GetGuid();

    private static Task<JsonElement> PostAsync(HttpClient client, string body, Guid question, string step, object? content = null) =>
        OkAsync(client.PostAsJsonAsync(Questions(body, $"/{question}/{step}"), content ?? new { }));

    private Task<long> OutboxCountAsync(string type, Guid question) => system.ScalarAsync<long>("veilledb",
        "SELECT count(*) FROM outbox_messages WHERE message_type = $1 AND body->>'questionId' = $2", type, question.ToString());

    [Fact]
    public async Task A_youth_council_question_co_signed_by_two_bodies_goes_from_draft_to_closing_and_the_register_shows_it()
    {
        var (youth, assembly, seniors) = (await BodyAsync("Conseil parisien de la jeunesse"), await BodyAsync("Assemblée citoyenne"),
            await BodyAsync("Comité usagers séniors"));
        await ImportAsync(Agenda(DateTimeOffset.UtcNow.AddDays(20), Item(1, "Budget participatif 2027")));
        var question = await DraftAsync(Member(youth), youth, Draft("oral-question", "Les jeunes et le budget participatif",
            [$"{_run}-item-1"]));

        await PostAsync(Secretariat(youth), youth, question, "validation", new { decision = "Plénière du 2 décembre, à l'unanimité" });
        var invited = await PostAsync(Secretariat(youth), youth, question, "invitations", new { bodies = new[] { assembly, seniors } });
        await PostAsync(Secretariat(assembly), assembly, question, "cosignature",
            new { accept = true, decision = "Bureau du 3 décembre" });
        await PostAsync(Secretariat(seniors), seniors, question, "cosignature", new { accept = true, decision = "Vote du comité" });
        var submitted = await PostAsync(Secretariat(youth), youth, question, "submission");
        await PostAsync(Executive(youth), youth, question, "ruling", new { decision = "admissible" });
        var sessions = $"/api/sessions/bodies/{youth}/promotions/{Guid.NewGuid()}/sessions";
        var exchange = await OkAsync(Secretariat(youth).PostAsJsonAsync(sessions,
            new
            {
                kind = "veille-exchange",
                title = "Échange avec l'exécutif",
                agenda = new[] { new { title = "Questions", speakers = new[] { "Adjointe" }, documentIds = Array.Empty<Guid>() } },
                place = new { address = "Hôtel de Ville, 75004 Paris", room = "Salon des arcades", access = "Rivoli" },
                startsAt = DateTimeOffset.UtcNow.AddDays(10),
                endsAt = DateTimeOffset.UtcNow.AddDays(10).AddHours(2),
                guests = Array.Empty<object>(),
                @public = true,
            }), HttpStatusCode.Created);
        await PostAsync(Executive(youth), youth, question, "scheduling", new { sessionId = exchange.GetProperty("id").GetGuid() });
        await OkAsync(Executive(youth).PostAsJsonAsync(Questions(youth, $"/{question}/answers"), new
        {
            answeredAs = "Adjointe chargée de la jeunesse",
            text = "Un collège jeunesse votera une part du budget.",
            attachments = new[] { new { name = "Délibération 2027 DJS 4", accessUrl = "https://cdn.paris.fr/djs4.pdf" } },
        }), HttpStatusCode.Created);
        await PostAsync(Secretariat(youth), youth, question, "reaction", new
        {
            outcome = "follow-up-requested",
            comment = "Quelle part ?"
        });
        await OkAsync(Executive(youth).PostAsJsonAsync(Questions(youth, $"/{question}/answers"),
            new { answeredAs = "Adjointe chargée de la jeunesse", text = "Dix pour cent." }), HttpStatusCode.Created);
        var closed = await PostAsync(Secretariat(youth), youth, question, "reaction", new { outcome = "satisfied" });

        Assert.Equal(2, invited.GetArrayLength());
        Assert.Equal("submitted", submitted.GetProperty("state").GetString());
        Assert.True(submitted.GetProperty("answeredInSession").GetBoolean(), "an oral question is answered in an exchange session");
        Assert.Equal("closed", closed.GetProperty("state").GetString());
        foreach (var (client, body) in new[] { (Member(youth), youth), (Member(assembly), assembly), (Secretariat(seniors), seniors) })
        {
            var seen = await OkAsync(client.GetAsync(Questions(body, $"/{question}")));
            Assert.Equal("closed", seen.GetProperty("question").GetProperty("state").GetString());
            Assert.Contains((await OkAsync(client.GetAsync(Questions(body)))).EnumerateArray(),
                listed => listed.GetProperty("question").GetProperty("id").GetGuid() == question);
        }
        var entry = await OkAsync(system.Gateway().GetAsync($"/api/veille/register/{question}"));
        Assert.Equal(new[] { assembly, seniors }.Order(), entry.GetProperty("coSigners").EnumerateArray()
            .Select(c => c.GetProperty("bodyId").GetString()!).Order());
        Assert.Equal(2, entry.GetProperty("answers").GetArrayLength());
        Assert.Equal(["drafted", "validated", "invited", "co-signed", "co-signed", "submitted", "admissible", "scheduled", "answered",
            "follow-up-requested", "answered", "satisfied"],
            entry.GetProperty("timeline").EnumerateArray().Select(step => step.GetProperty("action").GetString()));
        Assert.DoesNotContain($"member-{youth}", entry.ToString());
        var bySeniors = await OkAsync(system.Gateway().GetAsync($"/api/veille/register?bodyId={seniors}"));
        var listedEntry = Assert.Single(bySeniors.EnumerateArray());
        Assert.Equal(question, listedEntry.GetProperty("id").GetGuid());
        Assert.Equal("closed", listedEntry.GetProperty("state").GetString());
        var feed = XDocument.Parse(await system.Gateway().GetStringAsync($"/api/veille/register.atom?bodyId={youth}"));
        var feedEntry = Assert.Single(feed.Root!.Elements(Atom + "entry"));
        Assert.Equal("Les jeunes et le budget participatif", feedEntry.Element(Atom + "title")!.Value);
        Assert.Equal($"urn:uuid:{question}", feedEntry.Element(Atom + "id")!.Value);
        Assert.EndsWith($"/api/veille/register/{question}", feedEntry.Element(Atom + "link")!.Attribute("href")!.Value);
        var csv = await system.Gateway().GetStringAsync($"/api/veille/register.csv?bodyId={assembly}");
        Assert.Contains($"{question},{youth},{assembly}|{seniors},oral-question,Les jeunes et le budget participatif,", csv.Replace(
            $"{seniors}|{assembly}", $"{assembly}|{seniors}"));
        Assert.Equal(1L, await OutboxCountAsync("veille.question-submitted.v1", question));
        Assert.Equal(2L, await OutboxCountAsync("veille.question-co-signed.v1", question));
        Assert.Equal(2L, await OutboxCountAsync("veille.question-answered.v1", question));

        // A year after the question closed, who acted gives way to the body or office they acted for.
        const string Accounts = "SELECT count(*) FROM question_events WHERE question_id = $1 AND actor <> acting_as";
        Assert.True(await system.ScalarAsync<long>("veilledb", Accounts, question) > 0);
        await system.ExecuteAsync("veilledb", "UPDATE questions SET updated_at = updated_at - interval '400 days' WHERE id = $1", question);
        await Eventually.ReturnsAsync(() => system.ScalarAsync<long>("veilledb", Accounts, question), count => count == 0,
            because: "the retention job should erase the accounts of a question settled a year ago");
        Assert.Equal(youth, await system.ScalarAsync<string>("veilledb", "SELECT drafted_by FROM questions WHERE id = $1", question));
    }

    [Fact]
    public async Task Two_bodies_co_signing_at_once_both_count_once_and_no_body_co_signs_twice_or_acts_for_another()
    {
        var (youth, assembly, seniors, stranger) = (await BodyAsync("Jeunesse"), await BodyAsync("Assemblée"), await BodyAsync("Séniors"),
            await BodyAsync("Associations"));
        var question = await DraftAsync(Secretariat(youth), youth, Draft("written-question", "Horaires des bibliothèques"));
        await PostAsync(Secretariat(youth), youth, question, "invitations", new { bodies = new[] { assembly, seniors } });

        var accept = new { accept = true, decision = "Bureau" };
        var together = await Task.WhenAll(
            Secretariat(assembly).PostAsJsonAsync(Questions(assembly, $"/{question}/cosignature"), accept),
            Secretariat(seniors).PostAsJsonAsync(Questions(seniors, $"/{question}/cosignature"), accept));
        var twice = await Secretariat(assembly).PostAsJsonAsync(Questions(assembly, $"/{question}/cosignature"),
            new { accept = true, decision = "Encore" });
        var notInvited = await Secretariat(stranger).PostAsJsonAsync(Questions(stranger, $"/{question}/cosignature"),
            new { accept = true, decision = "Bureau" });
        var forAnother = await Secretariat(youth).PostAsJsonAsync(Questions(assembly, $"/{question}/cosignature"),
            new { accept = true, decision = "Bureau" });
        var ownBody = await Secretariat(youth).PostAsJsonAsync(Questions(youth, $"/{question}/invitations"),
            new { bodies = new[] { youth } });
        var unknownBody = await Secretariat(youth).PostAsJsonAsync(Questions(youth, $"/{question}/invitations"),
            new { bodies = new[] { "no-such-body" } });
        var unknownVote = await Secretariat(youth).PostAsJsonAsync(Questions(youth, $"/{question}/validation"),
            new { voteId = Guid.NewGuid() });
        var memberSubmits = await Member(youth).PostAsJsonAsync(Questions(youth, $"/{question}/submission"), new { });
        var seen = await OkAsync(Secretariat(youth).GetAsync(Questions(youth, $"/{question}")));

        Assert.All(together, response => Assert.Equal(HttpStatusCode.OK, response.StatusCode));
        Assert.False(seen.GetProperty("question").GetProperty("answeredInSession").GetBoolean(),
            "a written question is answered in writing");
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        Assert.Contains("a body co-signs once", await twice.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, notInvited.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, forAnother.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, ownBody.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, unknownBody.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, unknownVote.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, memberSubmits.StatusCode);
        Assert.Equal(["accepted", "accepted"], seen.GetProperty("coSigners").EnumerateArray()
            .Select(c => c.GetProperty("state").GetString()));
        Assert.Equal(2L, await OutboxCountAsync("veille.question-co-signed.v1", question));
    }

    [Fact]
    public async Task Re_importing_an_agenda_with_one_changed_item_alerts_each_following_body_once_and_nothing_changed_alerts_none()
    {
        var (housing, youth, other) = (await BodyAsync("Logement"), await BodyAsync("Jeunesse"), await BodyAsync("Autre"));
        var start = DateTimeOffset.UtcNow.AddDays(30);
        var first = Agenda(start, Item(1, "Plan climat", "3e commission", ["climat", "logement"]), Item(2, "Propreté", "4e commission"),
            Item(3, "Budget primitif", "1re commission"));
        await ImportAsync(first);
        await OkAsync(Member(housing).PutAsync($"/api/veille/bodies/{housing}/follows/item/{_run}-item-1", null), HttpStatusCode.NoContent);
        // Youth follows the same item twice over, by its commission and by a theme: it is alerted once.
        await OkAsync(Member(youth).PutAsync($"/api/veille/bodies/{youth}/follows/commission/3E%20Commission", null),
            HttpStatusCode.NoContent);
        await OkAsync(Member(youth).PutAsync($"/api/veille/bodies/{youth}/follows/theme/climat", null), HttpStatusCode.NoContent);
        await OkAsync(Member(other).PutAsync($"/api/veille/bodies/{other}/follows/item/{_run}-item-3", null), HttpStatusCode.NoContent);

        var same = await ImportAsync(first);
        var changed = await ImportAsync(Agenda(start, Item(1, "Plan climat 2024-2030", "3e commission", ["climat", "logement"]),
            Item(2, "Propreté", "4e commission"), Item(3, "Budget primitif", "1re commission")));
        var invalid = await Keeper.PostAsJsonAsync($"/api/veille/bodies/{SystemFixture.VeilleAgendaKeeper}/agenda-imports",
            Agenda(start, Item(1, "Plan climat : nouveau titre"), new { id = $"{_run}-bad", number = "", kind = "edict" }));
        var notKeeper = await Secretariat(housing).PostAsJsonAsync($"/api/veille/bodies/{housing}/agenda-imports", first);
        async Task<List<JsonElement>> AlertsAsync(string body) =>
            [.. (await OkAsync(Member(body).GetAsync($"/api/veille/bodies/{body}/alerts"))).EnumerateArray()
                .Where(alert => alert.GetProperty("itemId").GetString()!.StartsWith(_run, StringComparison.Ordinal))];
        var item = await OkAsync(system.Gateway().GetAsync($"/api/veille/agenda/items/{_run}-item-1"));

        Assert.Equal(0, same.GetProperty("changed").GetInt32());
        Assert.Equal(0, same.GetProperty("alerts").GetInt32());
        Assert.Equal(1, changed.GetProperty("changed").GetInt32());
        Assert.Equal(2, changed.GetProperty("unchanged").GetInt32());
        Assert.Equal(2, changed.GetProperty("alerts").GetInt32());
        Assert.Equal(["title"], Assert.Single(await AlertsAsync(housing)).GetProperty("changes").EnumerateArray()
            .Select(c => c.GetString()));
        Assert.Single(await AlertsAsync(youth));
        Assert.Empty(await AlertsAsync(other));
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Contains("meetings[0].agendaItem[1].kind", await invalid.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Forbidden, notKeeper.StatusCode);
        Assert.Equal("Plan climat 2024-2030", item.GetProperty("item").GetProperty("title").GetString());
        Assert.Equal(2, item.GetProperty("item").GetProperty("revision").GetInt32());
        Assert.Equal(2L, await system.ScalarAsync<long>("veilledb",
            "SELECT count(*) FROM outbox_messages WHERE message_type = 'veille.agenda-item-changed.v1' AND body->>'itemId' = $1 "
            + "AND (body->>'revision')::int = 2", $"{_run}-item-1"));

        // Moving the meeting moves every item of it: the bodies following them are told of the new scheduling.
        var moved = await ImportAsync(new
        {
            meetings = new[] { new { id = $"{_run}-cp", name = "Conseil de Paris de février", start = start.AddDays(7),
                end = start.AddDays(10) } },
        });
        Assert.Equal(3, moved.GetProperty("changed").GetInt32());
        Assert.Equal(["scheduling"], (await AlertsAsync(other)).Single().GetProperty("changes").EnumerateArray()
            .Select(c => c.GetString()));
    }

    [Fact]
    public async Task A_bodys_mailboxes_hear_once_of_its_question_of_a_change_to_an_item_it_follows_and_of_the_answer_it_co_signed()
    {
        var (youthMail, seniorsMail, executiveMail) = ($"jeunesse-{_run}@paris.fr", $"seniors-{_run}@paris.fr", $"cabinet-{_run}@paris.fr");
        var (youth, seniors) = (await BodyAsync("Conseil parisien de la jeunesse", youthMail, executiveMail),
            await BodyAsync("Comité séniors"));
        // The seniors' secretariat gives its mailbox after registering; no other body's may, and it must be one address.
        var mailboxes = $"/api/membership/bodies/{seniors}/mailboxes";
        Assert.Equal(HttpStatusCode.Forbidden, (await Secretariat(youth).PutAsJsonAsync(mailboxes, new { contact = youthMail }))
            .StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Member(seniors).PutAsJsonAsync(mailboxes, new { contact = youthMail }))
            .StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await Secretariat(seniors).PutAsJsonAsync(mailboxes,
            new { contact = "Comité <seniors@paris.fr>" })).StatusCode);
        var given = await OkAsync(Secretariat(seniors).PutAsJsonAsync(mailboxes, new { contact = seniorsMail }));
        Assert.Equal(seniorsMail, given.GetProperty("mailboxes").GetProperty("contact").GetString());
        var start = DateTimeOffset.UtcNow.AddDays(25);
        await ImportAsync(Agenda(start, Item(1, "Budget primitif")));
        await OkAsync(Member(youth).PutAsync($"/api/veille/bodies/{youth}/follows/item/{_run}-item-1", null), HttpStatusCode.NoContent);
        var title = $"Vestiaires des gymnases {_run}";
        var question = await DraftAsync(Member(youth), youth, Draft("written-question", title));
        await PostAsync(Secretariat(youth), youth, question, "validation", new { decision = "Plénière du 2 décembre" });
        await PostAsync(Secretariat(youth), youth, question, "invitations", new { bodies = new[] { seniors } });
        await PostAsync(Secretariat(seniors), seniors, question, "cosignature", new { accept = true, decision = "Vote du comité" });
        await PostAsync(Secretariat(youth), youth, question, "submission");
        await PostAsync(Executive(youth), youth, question, "ruling", new { decision = "admissible" });

        await ImportAsync(Agenda(start.AddDays(7), Item(1, "Budget primitif 2027")));
        await OkAsync(Executive(youth).PostAsJsonAsync(Questions(youth, $"/{question}/answers"),
            new { answeredAs = "l'adjoint chargé des sports", text = "Ils rouvrent en mars." }), HttpStatusCode.Created);

        List<MimeKit.MimeMessage> To(string address, string subject) => [.. system.App.ReceivedMail().Where(message =>
            message.To.Mailboxes.Single().Address == address && message.Subject?.StartsWith(subject, StringComparison.Ordinal) == true)];
        var answers = (await Eventually.ReturnsAsync(() => Task.FromResult(To(youthMail, "Réponse à votre question").Concat(
            To(seniorsMail, "Réponse à votre question")).Where(m => m.Subject!.EndsWith(title, StringComparison.Ordinal)).ToList()),
            list => list.Count == 2, TimeSpan.FromMinutes(1), "the asking body and the co-signing body should each hear of the answer"))!;
        var alert = (await Eventually.ReturnsAsync(() => Task.FromResult(To(youthMail, "Veille : 2027 DFA 1 modifié")),
            list => list.Count == 1, TimeSpan.FromMinutes(1), "the body following the item should hear that it moved"))!.Single();
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Equal(2, To(youthMail, "Réponse à votre question").Count + To(seniorsMail, "Réponse à votre question").Count);
        Assert.Single(To(youthMail, "Veille : 2027 DFA 1"));
        Assert.Empty(To(seniorsMail, "Veille :"));
        Assert.All(answers, answer => Assert.Contains("l'adjoint chargé des sports", answer.TextBody, StringComparison.Ordinal));
        Assert.Contains($"/{seniors}/veille/questions/{question}", answers.Single(a => a.To.ToString().Contains(seniorsMail)).TextBody,
            StringComparison.Ordinal);
        Assert.Contains("(date de séance, titre)", alert.TextBody, StringComparison.Ordinal);
        Assert.Contains("Budget primitif 2027", alert.TextBody, StringComparison.Ordinal);
        // The executive office the asking body deals with was told of the question when it was submitted, once.
        var submitted = Assert.Single(To(executiveMail, "Question de Conseil parisien de la jeunesse"));
        Assert.EndsWith(title, submitted.Subject, StringComparison.Ordinal);
        Assert.Matches(@"La réponse est attendue au plus tard le \d{1,2}(er)? \p{L}+ 20\d\d\.", submitted.TextBody);
        Assert.Empty(To(executiveMail, "Veille :"));

        // One click on the alert's unsubscribe link: the next change of the item reaches the body's space but not its mailbox.
        var link = new Uri(alert.Headers["List-Unsubscribe"]!.Trim('<', '>'));
        Assert.Equal(HttpStatusCode.OK, (await system.Gateway().PostAsync(link.AbsolutePath,
            new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]))).StatusCode);
        await ImportAsync(Agenda(start.AddDays(7), Item(1, "Budget primitif 2027 (rectifié)")));
        async Task<List<JsonElement>> AlertCampaignsAsync() => [.. (await OkAsync(Secretariat(youth)
            .GetAsync($"/api/notifications/bodies/{youth}/campaigns"))).EnumerateArray()
            .Where(campaign => campaign.GetProperty("kind").GetString() == "agenda-alert")];
        var campaigns = await Eventually.ReturnsAsync(AlertCampaignsAsync,
            list => list.Count == 2 && list.All(c => c.GetProperty("state").GetString() == "ready"), TimeSpan.FromMinutes(1),
            "the second alert's campaign should be prepared");
        Assert.Equal([0, 1], campaigns.Select(c => c.GetProperty("written").GetInt32()).Order());
        Assert.Single(To(youthMail, "Veille : 2027 DFA 1"));
    }

    [Fact]
    public async Task A_bodys_notes_on_an_item_stay_private_until_it_shares_them_and_the_scheduled_import_reads_the_citys_file()
    {
        var (housing, youth) = (await BodyAsync("Logement"), await BodyAsync("Jeunesse"));
        await File.WriteAllTextAsync(system.AgendaDropFile, JsonSerializer.Serialize(Agenda(DateTimeOffset.UtcNow.AddDays(40),
            Item(7, "Plan vélo")), new JsonSerializerOptions(JsonSerializerDefaults.Web)));
        var imported = await Eventually.ReturnsAsync(() => system.Gateway().GetAsync($"/api/veille/agenda/items/{_run}-item-7"),
            response => response.StatusCode == HttpStatusCode.OK, because: "the scheduled import should read the dropped file");
        var note = await OkAsync(Member(housing).PostAsJsonAsync($"/api/veille/bodies/{housing}/items/{_run}-item-7/notes",
            new { kind = "press-review", title = "Revue de presse", markdown = "Le Parisien, 3 décembre." }), HttpStatusCode.Created);
        var publicBefore = await OkAsync(system.Gateway().GetAsync($"/api/veille/agenda/items/{_run}-item-7/notes"));
        var otherBodyBefore = await OkAsync(Member(youth).GetAsync($"/api/veille/bodies/{youth}/items/{_run}-item-7/notes"));
        var ownBody = await OkAsync(Member(housing).GetAsync($"/api/veille/bodies/{housing}/items/{_run}-item-7/notes"));
        var memberShares = await Member(housing).PostAsync($"/api/veille/bodies/{housing}/notes/{note.GetProperty("id")}/sharing", null);
        await OkAsync(Secretariat(housing).PostAsync($"/api/veille/bodies/{housing}/notes/{note.GetProperty("id")}/sharing", null),
            HttpStatusCode.NoContent);
        var publicAfter = await OkAsync(system.Gateway().GetAsync($"/api/veille/agenda/items/{_run}-item-7/notes"));

        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        Assert.Equal(0, publicBefore.GetArrayLength());
        Assert.Equal(0, otherBodyBefore.GetArrayLength());
        Assert.Equal(1, ownBody.GetArrayLength());
        Assert.Equal(HttpStatusCode.Forbidden, memberShares.StatusCode);
        Assert.Equal("Revue de presse", Assert.Single(publicAfter.EnumerateArray()).GetProperty("title").GetString());
    }

    [Fact]
    public async Task An_overdue_question_is_flagged_and_counted_in_the_statistics()
    {
        var body = await BodyAsync("Conseil des européens");
        var late = await DraftAsync(Secretariat(body), body, Draft("written-question", "Cartes de résident"));
        var prompt = await DraftAsync(Secretariat(body), body, Draft("written-question", "Inscriptions électorales"));
        foreach (var question in new[] { late, prompt })
        {
            await PostAsync(Secretariat(body), body, question, "validation", new { decision = "Plénière" });
            await PostAsync(Secretariat(body), body, question, "submission");
        }
        // Forty days pass for the first question: its month to be answered is over.
        await system.ExecuteAsync("veilledb", "UPDATE questions SET submitted_at = submitted_at - interval '40 days', "
            + "answer_due = answer_due - interval '40 days' WHERE id = $1", late);
        await PostAsync(Executive(body), body, prompt, "ruling", new { decision = "admissible" });
        await OkAsync(Executive(body).PostAsJsonAsync(Questions(body, $"/{prompt}/answers"),
            new { answeredAs = "Direction de la démocratie", text = "En ligne dès janvier." }), HttpStatusCode.Created);

        var register = await OkAsync(system.Gateway().GetAsync($"/api/veille/register?bodyId={body}"));
        var statistics = (await OkAsync(system.Gateway().GetAsync("/api/veille/statistics"))).EnumerateArray()
            .Single(row => row.GetProperty("bodyId").GetString() == body);
        var all = (await OkAsync(system.Gateway().GetAsync("/api/veille/statistics"))).EnumerateArray()
            .Single(row => row.GetProperty("bodyId").GetString() == "all");

        Assert.True(register.EnumerateArray().Single(e => e.GetProperty("id").GetGuid() == late).GetProperty("overdue").GetBoolean());
        Assert.False(register.EnumerateArray().Single(e => e.GetProperty("id").GetGuid() == prompt).GetProperty("overdue").GetBoolean());
        Assert.Equal(2, statistics.GetProperty("submitted").GetInt32());
        Assert.Equal(1, statistics.GetProperty("overdue").GetInt32());
        Assert.Equal(1, statistics.GetProperty("answeredInTime").GetInt32());
        Assert.Equal(0.5, statistics.GetProperty("shareAnsweredInTime").GetDouble());
        Assert.Equal(0, statistics.GetProperty("medianDaysToAnswer").GetDouble());
        Assert.True(all.GetProperty("overdue").GetInt32() >= 1);
    }

    [Fact]
    public async Task A_referral_to_the_guarantors_is_acknowledged_answered_and_public_once_they_publish_their_opinion()
    {
        var mailbox = $"assemblee-{_run}@paris.fr";
        var body = await BodyAsync("Assemblée citoyenne", mailbox);
        var referral = await DraftAsync(Member(body), body, Draft("referral", "Tirage au sort des ateliers", addresseeKind: "guarantors"));
        await PostAsync(Member(body), body, referral, "submission");
        var executiveAnswers = await Executive(body).PostAsJsonAsync(Questions(body, $"/{referral}/answers"),
            new { answeredAs = "Cabinet", text = "Non." });
        var hiddenBefore = await system.Gateway().GetAsync($"/api/veille/register/{referral}");
        var referrals = $"/api/veille/bodies/{body}/referrals/{referral}";
        await OkAsync(Guarantor(body).PostAsync($"{referrals}/acknowledgement", null));
        await OkAsync(Guarantor(body).PostAsJsonAsync($"{referrals}/answers",
            new { answeredAs = "Comité des garants", text = "La procédure a été respectée." }), HttpStatusCode.Created);
        // The body hears of the answer while the referral is still out of the register.
        const string Told = "Réponse des garants à votre saisine : Tirage au sort des ateliers";
        await Eventually.ReturnsAsync(() => Task.FromResult(system.App.ReceivedMail().Count(message =>
            message.To.Mailboxes.Single().Address == mailbox && message.Subject == Told)),
            count => count == 1, TimeSpan.FromMinutes(1), "the body should be told that the guarantors answered its referral");
        await OkAsync(Guarantor(body).PostAsync($"{referrals}/opinion-publication", null));
        var entry = await OkAsync(system.Gateway().GetAsync($"/api/veille/register/{referral}"));

        Assert.Equal(HttpStatusCode.NotFound, executiveAnswers.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, hiddenBefore.StatusCode);
        Assert.Equal("answered", entry.GetProperty("question").GetProperty("state").GetString());
        Assert.Equal("La procédure a été respectée.", entry.GetProperty("answers")[0].GetProperty("text").GetString());
        Assert.Equal(1L, await system.ScalarAsync<long>("veilledb",
            "SELECT count(*) FROM outbox_messages WHERE message_type = 'veille.referral-answered.v1' AND body->>'referralId' = $1",
            referral.ToString()));
    }

    [Fact]
    public async Task Another_body_with_debians_python_grpcio_drafts_and_submits_through_the_gateway()
    {
        var body = await BodyAsync("Conseil parisien des associations");
        var token = system.Token($"secretary-{body}", ["secretariat", "member"], [body]);
        var gateway = system.App.GetEndpoint("gateway", "grpc").Authority;

        var flow = await GrpcTests.PythonAsync("veille-flow", gateway, token, body);
        var wrongBody = await GrpcTests.PythonAsync("veille-draft", gateway, token, await BodyAsync("Autre conseil"), "Titre");
        var badInput = await GrpcTests.PythonAsync("veille-draft", gateway, token, body, "");

        Assert.Equal("OK", flow.GetProperty("code").GetString());
        Assert.Equal("draft", flow.GetProperty("drafted").GetString());
        Assert.Equal("submitted", flow.GetProperty("state").GetString());
        Assert.NotEqual("", flow.GetProperty("due").GetString());
        Assert.Equal([flow.GetProperty("id").GetString()], flow.GetProperty("listed").EnumerateArray().Select(id => id.GetString()));
        Assert.Equal("PERMISSION_DENIED", wrongBody.GetProperty("code").GetString());
        Assert.Equal("INVALID_ARGUMENT", badInput.GetProperty("code").GetString());
        Assert.Contains("title", badInput.GetProperty("details").GetString());
        // Beside the English detail, the broken rule by its code, for a program that says it in its own language.
        Assert.Equal(["title=text"], badInput.GetProperty("fieldRules").EnumerateArray().Select(rule => rule.GetString()));
    }

    [Fact]
    public async Task Every_route_refuses_the_wrong_role_and_the_wrong_body_over_rest_and_grpc()
    {
        var body = await BodyAsync("Conseil de la citoyenneté et de l'autonomie");
        var question = await DraftAsync(Secretariat(body), body, Draft("oral-question", "Accessibilité des piscines"));
        var (item, note, path) = ($"{_run}-item-1", Guid.NewGuid(), $"/api/veille/bodies/{body}");
        var insiders = new (HttpMethod Method, string Path, object? Body)[]
        {
            (HttpMethod.Get, $"{path}/follows", null),
            (HttpMethod.Put, $"{path}/follows/theme/sport", null),
            (HttpMethod.Delete, $"{path}/follows/theme/sport", null),
            (HttpMethod.Get, $"{path}/alerts", null),
            (HttpMethod.Get, $"{path}/items/{item}/notes", null),
            (HttpMethod.Post, $"{path}/items/{item}/notes", new { kind = "note", title = "t", markdown = "m" }),
            (HttpMethod.Post, Questions(body), Draft("written-question", "t")),
            (HttpMethod.Get, Questions(body), null),
            (HttpMethod.Put, Questions(body, $"/{question}"), Draft("written-question", "t")),
            (HttpMethod.Post, Questions(body, $"/{question}/submission"), null),
        };
        var secretariatOnly = new (HttpMethod Method, string Path, object? Body)[]
        {
            (HttpMethod.Post, $"{path}/agenda-imports", Agenda(DateTimeOffset.UtcNow, Item(1, "t"))),
            (HttpMethod.Post, $"{path}/notes/{note}/sharing", null),
            (HttpMethod.Post, Questions(body, $"/{question}/validation"), new { decision = "d" }),
            (HttpMethod.Post, Questions(body, $"/{question}/invitations"), new { bodies = new[] { "other" } }),
            (HttpMethod.Post, Questions(body, $"/{question}/cosignature"), new { accept = false }),
            (HttpMethod.Post, Questions(body, $"/{question}/reaction"), new { outcome = "satisfied" }),
            (HttpMethod.Post, Questions(body, $"/{question}/closing"), null),
        };
        var executiveOnly = new (HttpMethod Method, string Path, object? Body)[]
        {
            (HttpMethod.Post, Questions(body, $"/{question}/ruling"), new { decision = "admissible" }),
            (HttpMethod.Post, Questions(body, $"/{question}/scheduling"), new { sessionId = note }),
            (HttpMethod.Post, Questions(body, $"/{question}/answers"), new { answeredAs = "a", text = "t" }),
        };
        var guarantorsOnly = new (HttpMethod Method, string Path, object? Body)[]
        {
            (HttpMethod.Post, $"{path}/referrals/{question}/acknowledgement", null),
            (HttpMethod.Post, $"{path}/referrals/{question}/answers", new { answeredAs = "a", text = "t" }),
            (HttpMethod.Post, $"{path}/referrals/{question}/opinion-publication", null),
        };
        var reading = (HttpMethod.Get, Questions(body, $"/{question}"), (object?)null);
        var other = new[] { await BodyAsync("Autre") };
        var refusals = new (HttpClient Client, (HttpMethod Method, string Path, object? Body)[] Requests)[]
        {
            (Member(body), [.. secretariatOnly, .. executiveOnly, .. guarantorsOnly]),
            (Executive(body), [.. insiders, .. secretariatOnly, .. guarantorsOnly]),
            (Guarantor(body), [.. insiders, .. secretariatOnly, .. executiveOnly]),
            (system.Gateway("secretary-9", ["secretariat", "member", "executive", "guarantor"], other),
                [.. insiders, .. secretariatOnly, .. executiveOnly, .. guarantorsOnly, reading]),
        };

        foreach (var (client, requests) in refusals)
        {
            foreach (var (method, target, content) in requests)
            {
                var response = await client.SendAsync(new HttpRequestMessage(method, target)
                {
                    Content = content is null ? null : JsonContent.Create(content),
                });
                Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{method} {target}: {response.StatusCode}");
            }
        }
        Assert.Equal(HttpStatusCode.Unauthorized, (await system.Gateway().PostAsJsonAsync(Questions(body), Draft("oral-question", "t")))
            .StatusCode);

        using var channel = GrpcChannel.ForAddress(system.App.GetEndpoint("gateway", "grpc"));
        var grpc = new VeilleClient(channel);
        Metadata As(string role, string scope) => new() { { "authorization", $"Bearer {system.Token($"{role}-1", [role], [scope])}" } };
        async Task<StatusCode> RefusalAsync(Func<Task> call) => (await Assert.ThrowsAsync<RpcException>(call)).StatusCode;
        var draft = new DraftQuestionRequest
        {
            BodyId = body,
            Kind = "written-question",
            Title = "t",
            Text = "t",
            AddresseeKind = "mayor",
            Addressee = "Maire",
        };
        var validate = new ValidateQuestionRequest { BodyId = body, QuestionId = question.ToString(), Decision = "d" };
        var cosign = new CoSignQuestionRequest { BodyId = body, QuestionId = question.ToString(), Decision = "d" };
        var submit = new SubmitQuestionRequest { BodyId = body, QuestionId = question.ToString() };
        var follow = new FollowRequest { BodyId = body, TargetKind = "theme", Target = "sport" };
        var view = new GetQuestionRequest { BodyId = body, QuestionId = question.ToString() };

        // The wrong role for the body, then the right role for another body.
        foreach (var scope in new[] { body, other[0] })
        {
            var secretariat = scope == body ? "member" : "secretariat";
            var calls = new Func<Task>[]
            {
                () => grpc.FollowAsync(follow, As("executive", scope)).ResponseAsync,
                () => grpc.DraftQuestionAsync(draft, As("guarantor", scope)).ResponseAsync,
                () => grpc.ValidateQuestionAsync(validate, As(secretariat, scope)).ResponseAsync,
                () => grpc.CoSignQuestionAsync(cosign, As(secretariat, scope)).ResponseAsync,
                () => grpc.SubmitQuestionAsync(submit, As("executive", scope)).ResponseAsync,
            };
            foreach (var call in calls)
            {
                Assert.Equal(StatusCode.PermissionDenied, await RefusalAsync(call));
            }
        }
        Assert.Equal(StatusCode.PermissionDenied,
            await RefusalAsync(() => grpc.GetQuestionAsync(view, As("secretariat", other[0])).ResponseAsync));
        Assert.Equal(StatusCode.Unauthenticated, await RefusalAsync(() => grpc.DraftQuestionAsync(draft).ResponseAsync));
        // The right role for the body, at the wrong moment: the refused rule is named in a trailer, as in REST's problem details.
        var early = await Assert.ThrowsAsync<RpcException>(() => grpc.SubmitQuestionAsync(submit, As("secretariat", body)).ResponseAsync);
        Assert.Equal((StatusCode.FailedPrecondition, "not-now"), (early.StatusCode, early.Trailers.GetValue(RuleViolation.CodeTrailer)));
        Assert.Equal(StatusCode.NotFound, await RefusalAsync(() => grpc.GetQuestionAsync(new GetQuestionRequest
        {
            QuestionId = question.ToString(),
        }).ResponseAsync));
    }
}
