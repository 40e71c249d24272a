using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Aspire.Hosting.ApplicationModel;
using Assemblee.AppHost.LocalServers;
using Assemblee.Common.Text;
using Assemblee.Contracts.Documents;
using Assemblee.SystemTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace Assemblee.SystemTests;

/// <summary>
/// Convocations from a real panel through membership and sessions to the real SMTP server, and to the SMS provider's stand-in
/// (the provider is outside the city's walls): retries, each member's choices, one-click unsubscribing.
/// </summary>
[Collection(NotificationsCollection.Name)]
public sealed class NotificationsEmailTests(SystemFixture system) : MembershipTestBase(system)
{
    private HttpClient Notifications => Fixture.Service("notifications", "secretary-1", ["secretariat"], [Body]);

    [Fact, DisruptsTheApplication]
    public async Task Convocations_wait_while_the_mail_server_is_stopped_then_reach_it_once_each_with_the_calendar_file()
    {
        var (promotion, members) = await ActivePanelAsync();
        var title = $"Plénière {Guid.NewGuid():N}"[..20];
        var session = await PlanAsync(promotion, title);

        await Fixture.App.ResourceCommands.ExecuteCommandAsync("mail", KnownResourceCommands.StopCommand);
        try
        {
            await ConveneAsync(session);
            var campaign = await Eventually.ReturnsAsync(CampaignAsync, c => c?.GetProperty("state").GetString() == "ready",
                because: "the convocations should be written");
            var written = await MessagesAsync(campaign!.Value);
            Assert.True(written.Count == 3 && written.All(m => m.GetProperty("state").GetString() == "queued"),
                string.Join("\n", written.Select(m => m.GetRawText())));
            var waiting = await Eventually.ReturnsAsync(() => MessagesAsync(campaign!.Value),
                list => list.Count == 3 && list.All(m => m.GetProperty("attempts").GetInt32() >= 2), TimeSpan.FromMinutes(2),
                "each convocation should be tried and tried again");
            Assert.All(waiting, message => Assert.Equal("queued", message.GetProperty("state").GetString()));
            Assert.All(waiting, message => Assert.Contains("unreachable", message.GetProperty("lastError").GetString(),
                StringComparison.Ordinal));
            Assert.Empty(Received(title));
        }
        finally
        {
            await Fixture.App.ResourceCommands.ExecuteCommandAsync("mail", KnownResourceCommands.StartCommand);
        }

        var sent = await Eventually.ReturnsAsync(CampaignAsync, c => c?.GetProperty("byState").GetProperty("sent").GetInt32() == 3,
            TimeSpan.FromMinutes(2), "the convocations should be sent once the server is back");
        var received = Received(title);
        Assert.Equal(members.Select(member => member.GetProperty("email").GetString()).Order(),
            received.Select(message => message.To.Mailboxes.Single().Address).Order());
        foreach (var message in received)
        {
            var calendar = message.Attachments.OfType<MimePart>().Single();
            Assert.Equal("text/calendar", calendar.ContentType.MimeType);
            using var ics = new MemoryStream();
            await calendar.Content!.DecodeToAsync(ics);
            Assert.Contains($"SUMMARY:{title}", System.Text.Encoding.UTF8.GetString(ics.ToArray()), StringComparison.Ordinal);
            Assert.StartsWith("<https://", message.Headers["List-Unsubscribe"]!, StringComparison.Ordinal);
            Assert.Contains("préférences", message.TextBody, StringComparison.Ordinal);
        }
        Assert.Equal(0, sent!.Value.GetProperty("byState").GetProperty("queued").GetInt32());
        var reads = (await Secretariat.GetFromJsonAsync<List<JsonElement>>($"/api/membership/bodies/{Body}/personal-data-reads"))!;
        Assert.Contains(reads, read => read.GetProperty("actor").GetString() == "notifications"
            && read.GetProperty("people").GetInt32() == 3);
    }

    [Fact]
    public async Task Each_members_choices_hold_no_email_when_turned_off_none_in_quiet_hours_their_language_and_one_click_unsubscribes()
    {
        var (promotion, members) = await ActivePanelAsync();
        var (off, quiet, english) = (IdOf(members[0]), IdOf(members[1]), IdOf(members[2]));
        var paris = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris"));
        var quietHours = new { from = paris.AddHours(-1).ToString("HH:mm"), until = paris.AddHours(2).ToString("HH:mm") };
        Assert.Equal(HttpStatusCode.OK, (await ChooseAsync(off, new
        {
            language = "fr",
            quietHours = (object?)null,
            channels = new Dictionary<string, string[]> { ["convocation"] = [] },
        })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await ChooseAsync(quiet, new { language = "fr", quietHours, channels = new { } })).StatusCode);
        var inEnglish = new { language = "en", quietHours = (object?)null, channels = new { } };
        Assert.Equal(HttpStatusCode.OK, (await ChooseAsync(english, inEnglish)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await ChooseAsync(english, new
        {
            language = "de",
            quietHours = new { from = "25:00", until = "08:00" },
            channels = new { convocation = new[] { "pigeon" } },
        })).StatusCode);
        var title = $"Atelier {Guid.NewGuid():N}"[..20];

        await ConveneAsync(await PlanAsync(promotion, title));

        var campaign = await Eventually.ReturnsAsync(CampaignAsync, c => c?.GetProperty("state").GetString() == "ready",
            because: "the convocations should be written");
        var messages = await MessagesAsync(campaign!.Value);
        Assert.Equal(new[] { $"member:{english}", $"member:{quiet}" }.Order(),
            messages.Select(m => m.GetProperty("recipient").GetString()).Order());
        var held = messages.Single(m => m.GetProperty("recipient").GetString() == $"member:{quiet}");
        Assert.InRange(held.GetProperty("nextAttemptAt").GetDateTimeOffset() - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(100),
            TimeSpan.FromMinutes(121));
        var received = (await Eventually.ReturnsAsync(() => Task.FromResult(Received(title)), list => list.Count == 1,
            because: "the English-speaking member's convocation should arrive")).Single();
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Single(Received(title));
        Assert.StartsWith("Convocation: Atelier", received.Subject, StringComparison.Ordinal);
        Assert.Equal("List-Unsubscribe=One-Click", received.Headers["List-Unsubscribe-Post"]);

        // The mail client's one click: a POST to the header's link, without signing in, through the gateway.
        var link = new Uri(received.Headers["List-Unsubscribe"]!.Trim('<', '>'));
        var unsubscribed = await Fixture.Gateway().PostAsync(link.AbsolutePath,
            new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]));
        var unknown = await Fixture.Gateway().PostAsync("/api/notifications/unsubscribe/no-such-link", null);

        Assert.Equal(HttpStatusCode.OK, unsubscribed.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        var now = await Member(english).GetFromJsonAsync<JsonElement>($"/api/notifications/bodies/{Body}/preferences/me");
        Assert.Equal(0, now.GetProperty("channels").GetProperty("convocation").GetArrayLength());
        Assert.Equal("en", now.GetProperty("language").GetString());
    }

    [Fact]
    public async Task A_member_who_chose_SMS_gets_it_through_the_providers_API_and_a_number_the_provider_refuses_bounces()
    {
        var (promotion, members) = await ActivePanelAsync();
        var (bySms, refused, byEmail) = (IdOf(members[0]), IdOf(members[1]), IdOf(members[2]));
        var sms = new { language = "fr", quietHours = (object?)null, channels = new { convocation = new[] { "sms" } } };
        Assert.Equal(HttpStatusCode.OK, (await ChooseAsync(bySms, sms)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await ChooseAsync(refused, sms)).StatusCode);
        // The provider's documented test number for "not a valid phone number".
        Assert.Equal(HttpStatusCode.OK, (await Fixture.Service("membership", refused.ToString(), ["member"], [Body])
            .PatchAsJsonAsync($"/api/membership/bodies/{Body}/me", new { phone = "+1 500 555 0001" })).StatusCode);
        var title = $"Visite {Guid.NewGuid():N}"[..20];

        await ConveneAsync(await PlanAsync(promotion, title));

        var campaign = await Eventually.ReturnsAsync(CampaignAsync, c => c?.GetProperty("state").GetString() == "ready"
            && c.Value.GetProperty("byState").GetProperty("queued").GetInt32() == 0, because: "every message should be handled");
        var messages = await MessagesAsync(campaign!.Value);
        string StateOf(Guid member, string channel) => messages.Single(m => m.GetProperty("recipient").GetString() == $"member:{member}"
            && m.GetProperty("channel").GetString() == channel).GetProperty("state").GetString()!;
        Assert.Equal(3, messages.Count);
        Assert.Equal("sent", StateOf(bySms, "sms"));
        Assert.Equal("bounced", StateOf(refused, "sms"));
        Assert.Equal("sent", StateOf(byEmail, "email"));
        var texts = ReceivedSms(title);
        var text = Assert.Single(texts);
        Assert.Equal("+33612345678", text.GetProperty("to").GetString());
        Assert.StartsWith("Convocation : Visite", text.GetProperty("body").GetString(), StringComparison.Ordinal);
        Assert.Contains(messages, m => m.GetProperty("state").GetString() == "bounced"
            && m.GetProperty("lastError").GetString()!.StartsWith("21211", StringComparison.Ordinal));
        Assert.Equal(1L, await Fixture.ScalarAsync<long>("notificationsdb", """
            SELECT count(*) FROM outbox_messages WHERE message_type = 'notifications.message-failed.v1'
            AND body->>'campaignId' = $1 AND (body->>'bounced')::boolean
            """, campaign.Value.GetProperty("id").GetGuid().ToString()));
    }

    [Fact]
    public async Task Members_are_told_when_a_convened_session_moves_and_when_it_is_cancelled_and_their_calendar_follows()
    {
        var (promotion, _) = await ActivePanelAsync();
        var title = $"Séance {Guid.NewGuid():N}"[..20];
        var session = await PlanAsync(promotion, title);
        await ConveneAsync(session);
        await Eventually.ReturnsAsync(() => Task.FromResult(Received(title).Count), count => count == 3,
            because: "the three convocations should arrive");
        var movedTo = new DateTimeOffset(DateTime.UtcNow.Date.AddDays(10).AddHours(17), TimeSpan.Zero);

        Assert.Equal(HttpStatusCode.OK, (await Sessions.PutAsJsonAsync($"/api/sessions/bodies/{Body}/sessions/{session}",
            SessionOf(title, movedTo))).StatusCode);
        var changes = await Eventually.ReturnsAsync(() => Task.FromResult(Subjects(title, "Modifiée")), list => list.Count == 3,
            because: "the three members should be told of the move");
        Assert.Equal(HttpStatusCode.OK, (await Sessions.PostAsJsonAsync(
            $"/api/sessions/bodies/{Body}/sessions/{session}/cancellation", new { reason = "Grève des transports" })).StatusCode);
        var cancellations = await Eventually.ReturnsAsync(() => Task.FromResult(Subjects(title, "Annulée")), list => list.Count == 3,
            because: "the three members should be told of the cancellation");

        var moved = $"DTSTART:{movedTo:yyyyMMdd'T'HHmmss'Z'}";
        Assert.All(changes, message => Assert.Contains(moved, Calendar(message), StringComparison.Ordinal));
        Assert.All(changes, message => Assert.Contains("SEQUENCE:1", Calendar(message), StringComparison.Ordinal));
        Assert.All(cancellations, message => Assert.Contains("STATUS:CANCELLED", Calendar(message), StringComparison.Ordinal));
        Assert.All(cancellations, message => Assert.Contains("Grève des transports", message.TextBody, StringComparison.Ordinal));
        Assert.Equal(9, Received(title).Count);

        // Each start had its reminder due the day before; the move replaced the first, the cancellation withdrew the second.
        var reminders = (await CampaignsAsync()).Where(campaign => campaign.GetProperty("kind").GetString() == "session-reminder")
            .OrderBy(campaign => campaign.GetProperty("createdAt").GetDateTimeOffset()).ToList();
        Assert.Equal(2, reminders.Count);
        Assert.Equal(movedTo.AddDays(-1), reminders[1].GetProperty("dueAt").GetDateTimeOffset());
        Assert.All(reminders, reminder => Assert.Equal("withdrawn", reminder.GetProperty("state").GetString()));
        Assert.Equal(["The session was rescheduled.", "The session was cancelled."],
            reminders.Select(reminder => reminder.GetProperty("refusal").GetString()));
    }

    [Fact]
    public async Task Members_are_welcomed_reminded_the_day_before_and_told_when_a_vote_opens_and_how_it_ended()
    {
        var (promotion, members) = await ActivePanelAsync();
        var addresses = members.Select(member => member.GetProperty("email").GetString()!).ToList();
        var welcomes = await Eventually.ReturnsAsync(() => Task.FromResult(ReceivedBy(addresses, "Bienvenue")),
            list => list.Count >= 3, because: "each confirmed member should be welcomed");
        var title = $"Séance {Guid.NewGuid():N}"[..20];
        // Due in 15 s: time enough to see the reminder waiting (its campaign was listed 0.9 and 2.0 s after the session was
        // planned, in two runs), and the test waits for its sending no longer than that.
        var startsAt = DateTimeOffset.UtcNow.AddDays(1).AddSeconds(15);
        var planned = await Sessions.PostAsJsonAsync($"/api/sessions/bodies/{Body}/promotions/{promotion}/sessions",
            SessionOf(title, startsAt));
        var session = (await planned.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        await ConveneAsync(session);
        var reminder = await Eventually.ReturnsAsync(async () => (await CampaignsAsync())
            .Where(campaign => campaign.GetProperty("kind").GetString() == "session-reminder").ToList(), list => list.Count == 1,
            because: "the convocation should set a reminder for the day before");
        Assert.Equal("preparing", reminder[0].GetProperty("state").GetString());
        Assert.Equal(startsAt.AddDays(-1), reminder[0].GetProperty("dueAt").GetDateTimeOffset(), TimeSpan.FromMilliseconds(1));

        // A session starting in ten minutes, convened now: the convocation is its reminder; its vote is told to all three.
        var under = $"Séance {Guid.NewGuid():N}"[..20];
        var soon = await Sessions.PostAsJsonAsync($"/api/sessions/bodies/{Body}/promotions/{promotion}/sessions",
            SessionOf(under, DateTimeOffset.UtcNow.AddMinutes(10)));
        var underWay = (await soon.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        await ConveneAsync(underWay);
        var present = IdOf(members[0]);
        Assert.Equal(HttpStatusCode.OK, (await Sessions.PostAsJsonAsync(
            $"/api/sessions/bodies/{Body}/sessions/{underWay}/roll-call", new { present = new[] { present } })).StatusCode);
        var prepared = await Sessions.PostAsJsonAsync($"/api/sessions/bodies/{Body}/sessions/{underWay}/votes",
            new { question = $"Adoptez-vous l'ordre du jour ? {under}", majority = "simple", method = "ballot" });
        var vote = (await prepared.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.OK, (await Sessions.PostAsync($"/api/sessions/bodies/{Body}/votes/{vote}/opening", null)).StatusCode);
        var ballot = await Fixture.Service("sessions", present.ToString(), ["member"], [Body])
            .PostAsJsonAsync($"/api/sessions/bodies/{Body}/votes/{vote}/ballots", new { option = "for" });
        Assert.Equal(HttpStatusCode.NoContent, ballot.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Sessions.PostAsync($"/api/sessions/bodies/{Body}/votes/{vote}/closing", null)).StatusCode);

        var opened = await Eventually.ReturnsAsync(() => Task.FromResult(Subjects(under, "Vote ouvert")), list => list.Count == 3,
            because: "the members convened should be told the vote is open");
        var results = await Eventually.ReturnsAsync(() => Task.FromResult(Subjects(under, "Résultat du vote")),
            list => list.Count == 3, because: "the members convened should get the result");
        var reminded = await Eventually.ReturnsAsync(() => Task.FromResult(Subjects(title, "Rappel")), list => list.Count == 3,
            TimeSpan.FromMinutes(2), "the reminder should leave the day before the session");

        Assert.Equal(addresses.Order(), welcomes.Select(message => message.To.Mailboxes.Single().Address).Order());
        Assert.All(opened, message => Assert.Contains("Choix : for, against, abstention", message.TextBody, StringComparison.Ordinal));
        Assert.All(results, message => Assert.Contains("La proposition est adoptée.", message.TextBody, StringComparison.Ordinal));
        Assert.All(results, message => Assert.Contains("for : 1, against : 0, abstention : 0 (1 votants)", message.TextBody,
            StringComparison.Ordinal));
        Assert.All(opened.Concat(results), message => Assert.Empty(message.Attachments));
        Assert.All(reminded, message => Assert.Contains("UID:", Calendar(message), StringComparison.Ordinal));
        Assert.Equal(addresses.Order(), reminded.Select(message => message.To.Mailboxes.Single().Address).Order());
        // The mail server has the e-mails a moment before notifications records that it took them.
        await Eventually.ReturnsAsync(async () => (await CampaignsAsync())
            .Single(campaign => campaign.GetProperty("kind").GetString() == "session-reminder"),
            campaign => campaign.GetProperty("byState").GetProperty("sent").GetInt32() == 3,
            because: "the reminder's campaign should count its three e-mails as sent");
        Assert.Empty(Subjects(under, "Rappel"));
    }

    [Fact]
    public async Task Drawn_people_get_the_official_letter_in_one_print_batch_and_an_email_and_a_minors_parents_a_consent_request()
    {
        var (_, members) = await PanelAsync(adults: 2, minors: 1);
        string[] kinds = ["drawn-letter", "drawn", "consent-request"];

        var campaigns = await Eventually.ReturnsAsync(async () => (await CampaignsAsync())
            .Where(campaign => kinds.Contains(campaign.GetProperty("kind").GetString())).ToList(),
            list => list.Count == 3 && list.All(campaign => campaign.GetProperty("state").GetString() == "ready"),
            because: "the draw should open the letters, the e-mails and the consent request");
        JsonElement Of(string kind) => campaigns.Single(campaign => campaign.GetProperty("kind").GetString() == kind);
        var minor = members.Single(member => member.GetProperty("member").GetProperty("minor").GetBoolean());
        string Name(JsonElement member) => $"{member.GetProperty("givenName").GetString()} {member.GetProperty("familyName").GetString()}";

        var deadline = TimeZoneInfo.ConvertTime(minor.GetProperty("member").GetProperty("confirmationDeadline").GetDateTimeOffset(),
            TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris"));
        var confirmBy = $"avant le {Dates.Long(DateOnly.FromDateTime(deadline.DateTime))}";

        Assert.Equal(3, Of("drawn-letter").GetProperty("batch").GetProperty("letters").GetInt32());
        var batch = await SeenAsync(Of("drawn-letter"));
        Assert.All(members, member => Assert.Contains(Name(member), batch, StringComparison.Ordinal));
        Assert.Equal(3, Regex.Matches(batch, Regex.Escape(Plain($"Confirmez votre siège {confirmBy}"))).Count);
        Assert.Equal(1, Of("consent-request").GetProperty("batch").GetProperty("letters").GetInt32());
        var consent = await SeenAsync(Of("consent-request"));
        var envelope = $"Aux parents ou représentants légaux de {Name(minor)} {minor.GetProperty("address").GetString()}";
        Assert.Contains(Plain(envelope), consent, StringComparison.Ordinal);
        Assert.Contains($"{minor.GetProperty("givenName").GetString()} a moins de 18 ans", consent, StringComparison.Ordinal);

        var emails = await Eventually.ReturnsAsync(() => Task.FromResult(Received("").Where(message => message.Subject!
            .StartsWith("Vous êtes tiré·e au sort", StringComparison.Ordinal) && message.TextBody?.Contains($"/{Body}/membres",
            StringComparison.Ordinal) == true).ToList()), list => list.Count == 3, because: "each drawn member should get the e-mail");
        Assert.Equal(members.Select(member => member.GetProperty("email").GetString()).Order(),
            emails.Select(message => message.To.Mailboxes.Single().Address).Order());
        Assert.All(emails, message => Assert.EndsWith(confirmBy, message.Subject, StringComparison.Ordinal));
        var toMinor = emails.Single(message => message.To.Mailboxes.Single().Address == minor.GetProperty("email").GetString());
        Assert.Contains("Votre parent ou tuteur reçoit une lettre", toMinor.TextBody, StringComparison.Ordinal);
        Assert.Single(emails, message => message.TextBody!.Contains("parent ou tuteur", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_active_members_of_a_promotion_get_the_address_of_a_text_it_publishes()
    {
        var (promotion, members) = await ActivePanelAsync();
        var title = $"Synthèse {Guid.NewGuid():N}"[..22];
        var documents = Fixture.Gateway("secretary-1", ["secretariat"], [Body]);
        var path = $"/api/documents/bodies/{Body}/documents";
        var started = await documents.PostAsJsonAsync(path, new
        {
            kind = "synthesis",
            promotionId = promotion,
            title,
            sections = new[] { new { heading = "Synthèse", markdown = "Les membres proposent de rénover les écoles." } },
        });
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        var document = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("document").GetProperty("id").GetGuid();
        await documents.PostAsJsonAsync($"{path}/{document}/paper-vote", new { @for = 40, against = 2, abstention = 1 });

        Assert.Equal(HttpStatusCode.Created, (await documents.PostAsync($"{path}/{document}/publication", null)).StatusCode);

        var told = await Eventually.ReturnsAsync(() => Task.FromResult(Subjects(title, "Texte publié")), list => list.Count == 3,
            because: "each active member should get the published text's address");
        Assert.Equal(members.Select(member => member.GetProperty("email").GetString()).Order(),
            told.Select(message => message.To.Mailboxes.Single().Address).Order());
        var link = new Uri(Regex.Match(told[0].TextBody!, @"https://\S+/published/\S+\.html").Value);
        Assert.Equal($"/api/documents/bodies/{Body}/published/{document}.html", link.AbsolutePath);
        Assert.Contains("rénover les écoles", await Fixture.Gateway().GetStringAsync(link.AbsolutePath), StringComparison.Ordinal);
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Equal(3, Subjects(title, "Texte publié").Count);
    }

    [Fact]
    public async Task An_amendment_to_an_ateliers_draft_goes_to_review_by_the_ateliers_other_members_only()
    {
        var (promotion, members) = await ActivePanelAsync();
        var ids = members.Select(IdOf).ToList();
        async Task<Guid> AtelierAsync(string name) => (await (await PostAsync(Secretariat, $"promotions/{promotion}/ateliers",
            new { name, theme = name, mandate = "", capacity = 5 })).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var (housing, mobility) = (await AtelierAsync("Logement"), await AtelierAsync("Mobilité"));
        foreach (var (member, atelier) in new[] { (ids[0], housing), (ids[1], housing), (ids[2], mobility) })
        {
            Assert.Equal(HttpStatusCode.OK, (await PostAsync(AsMember(member), $"ateliers/{atelier}/choice")).StatusCode);
        }
        var title = $"Vœu {Guid.NewGuid():N}"[..18];
        var author = Fixture.Gateway(ids[0].ToString(), ["member"], [Body]);
        var path = $"/api/documents/bodies/{Body}/documents";
        var started = await author.PostAsJsonAsync(path, new
        {
            kind = "voeu",
            promotionId = promotion,
            atelierId = housing,
            title,
            sections = new[] { new { heading = "Vœu", markdown = "Le Conseil de Paris émet le vœu que la Ville rénove les écoles." } },
        });
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        var document = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("document").GetProperty("id").GetGuid();

        var proposed = await author.PostAsJsonAsync($"{path}/{document}/amendments", new
        {
            section = 1,
            operation = "replace",
            text = "Le Conseil de Paris émet le vœu que la Ville rénove les écoles et les crèches.",
            motivation = "Les crèches aussi.",
        });
        Assert.Equal(HttpStatusCode.Created, proposed.StatusCode);
        var number = (await proposed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("number").GetInt32();

        var told = await Eventually.ReturnsAsync(() => Task.FromResult(Subjects(title, "Amendement n°")), list => list.Count > 0,
            because: "the atelier's other member should be asked to review the amendment");
        var message = Assert.Single(told);
        Assert.Equal(members[1].GetProperty("email").GetString(), message.To.Mailboxes.Single().Address);
        Assert.Equal($"Amendement n° {number} à relire : {title}", message.Subject);
        var link = new Uri(Regex.Match(message.TextBody!, @"https://\S+/documents/\S+").Value);
        Assert.Equal($"/{Body}/membres/documents/{document}", link.AbsolutePath);
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Single(Subjects(title, "Amendement n°"));
    }

    [Fact]
    public async Task A_campaign_about_a_text_that_no_longer_exists_is_withdrawn_with_the_reason_and_sends_nothing()
    {
        var (missing, title) = (Guid.NewGuid(), $"Texte disparu {Guid.NewGuid():N}"[..26]);
        // As documents would publish it, through its outbox; documents has no such text, so notifications' read is NOT_FOUND.
        await Fixture.ExecuteAsync("documentsdb", "INSERT INTO outbox_messages (id, message_type, body) VALUES ($1, $2, $3::jsonb)",
            Guid.NewGuid(), "documents.document-published.v1", JsonSerializer.Serialize(new DocumentPublished(Body, missing, "synthesis", 1,
                title, new string('0', 64), DateTimeOffset.UtcNow), new JsonSerializerOptions(JsonSerializerDefaults.Web)));

        var withdrawn = await Eventually.ReturnsAsync(async () => (await CampaignsAsync()).Cast<JsonElement?>()
            .SingleOrDefault(campaign => campaign!.Value.GetProperty("title").GetString() == title),
            campaign => campaign?.GetProperty("state").GetString() == "withdrawn", TimeSpan.FromMinutes(1),
            "a campaign whose text is gone should be withdrawn, not retried");
        Assert.Contains(missing.ToString(), withdrawn!.Value.GetProperty("refusal").GetString(), StringComparison.Ordinal);
        Assert.Empty(await MessagesAsync(withdrawn.Value));
    }

    /// <summary>A campaign's batch file as a person reads it (rendered and read back), without accents, which OCR blurs.</summary>
    private async Task<string> SeenAsync(JsonElement campaign) => Plain(await PdfText.ReadAsync(await Notifications.GetByteArrayAsync(
        $"/api/notifications/bodies/{Body}/campaigns/{campaign.GetProperty("id")}/batch.pdf")));

    // By hand: the tests run with invariant globalization, where Normalize(FormD) leaves accented letters whole.
    private static string Plain(string text) => Regex.Replace(new string([.. text.Select(c =>
        "àâäéèêëîïôöùûüç".IndexOf(c, StringComparison.Ordinal) is var i and >= 0 ? "aaaeeeeiioouuuc"[i] : c)]), @"\s+", " ");

    /// <summary>What the SMTP server received for these addresses whose subject starts so.</summary>
    private List<MimeMessage> ReceivedBy(IReadOnlyCollection<string> addresses, string start) =>
        [.. Received("").Where(message => message.Subject?.StartsWith(start, StringComparison.Ordinal) == true
            && addresses.Contains(message.To.Mailboxes.Single().Address))];

    private async Task<List<JsonElement>> CampaignsAsync() =>
        (await Notifications.GetFromJsonAsync<List<JsonElement>>($"/api/notifications/bodies/{Body}/campaigns"))!;

    private List<MimeMessage> Subjects(string title, string start) =>
        [.. Received(title).Where(message => message.Subject?.StartsWith(start, StringComparison.Ordinal) == true)];

    private static string Calendar(MimeMessage message)
    {
        using var ics = new MemoryStream();
        message.Attachments.OfType<MimePart>().Single().Content!.DecodeTo(ics);
        return System.Text.Encoding.UTF8.GetString(ics.ToArray());
    }

    /// <summary>What the SMS provider's stand-in accepted for this test's session (its title is unique).</summary>
    private List<JsonElement> ReceivedSms(string title)
    {
        var folder = Fixture.App.Services.GetRequiredService<DistributedApplicationModel>().Resources.OfType<LocalSmsResource>()
            .Single().Folder;
        return Directory.Exists(folder)
            ? [.. Directory.GetFiles(folder, "*.json").Select(file => JsonDocument.Parse(File.ReadAllText(file)).RootElement)
                .Where(message => message.GetProperty("body").GetString()!.Contains(title, StringComparison.Ordinal))]
            : [];
    }

    private HttpClient Member(Guid member) => Fixture.Gateway(member.ToString(), ["member"], [Body]);

    private Task<HttpResponseMessage> ChooseAsync(Guid member, object preferences) =>
        Member(member).PutAsJsonAsync($"/api/notifications/bodies/{Body}/preferences/me", preferences);

    /// <summary>A panel of three drawn with their e-mail addresses, confirmed, and known to sessions as active.</summary>
    private async Task<(Guid Promotion, List<JsonElement> Members)> ActivePanelAsync()
    {
        var (promotion, members) = await PanelAsync(adults: 3);
        foreach (var member in members)
        {
            Assert.Equal(HttpStatusCode.OK, (await PostAsync(Secretariat, $"members/{IdOf(member)}/confirmation")).StatusCode);
        }
        await Eventually.ReturnsAsync(() => Fixture.ScalarAsync<long>("sessionsdb",
            "SELECT count(*) FROM members WHERE promotion_id = $1 AND state = 'active'", promotion), count => count == 3,
            because: "sessions should know the three active members");
        return (promotion, members);
    }

    private HttpClient Sessions => Fixture.Service("sessions", "secretary-1", ["secretariat"], [Body]);

    private static object SessionOf(string title, DateTimeOffset startsAt) => new
    {
        kind = "plenary",
        title,
        agenda = Array.Empty<object>(),
        startsAt,
        endsAt = startsAt.AddHours(3),
        @public = false,
        place = new { address = "Hôtel de Ville, 75004 Paris", room = "Salle des fêtes", access = "Entrée rue de Rivoli" },
        guests = Array.Empty<object>(),
    };

    private async Task<Guid> PlanAsync(Guid promotion, string title)
    {
        var planned = await Sessions.PostAsJsonAsync($"/api/sessions/bodies/{Body}/promotions/{promotion}/sessions",
            SessionOf(title, DateTimeOffset.UtcNow.AddDays(3)));
        Assert.Equal(HttpStatusCode.Created, planned.StatusCode);
        return (await planned.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    private async Task ConveneAsync(Guid session) => Assert.Equal(HttpStatusCode.OK,
        (await Sessions.PostAsync($"/api/sessions/bodies/{Body}/sessions/{session}/convocation", null)).StatusCode);

    private async Task<JsonElement?> CampaignAsync() =>
        (await CampaignsAsync()).Cast<JsonElement?>()
            .SingleOrDefault(campaign => campaign!.Value.GetProperty("kind").GetString() == "convocation");

    private async Task<List<JsonElement>> MessagesAsync(JsonElement campaign) =>
        (await Notifications.GetFromJsonAsync<List<JsonElement>>(
            $"/api/notifications/bodies/{Body}/campaigns/{campaign.GetProperty("id").GetGuid()}/messages"))!;

    /// <summary>What the SMTP server kept of this test's session (its title is unique), from its Maildir.</summary>
    private List<MimeMessage> Received(string title) =>
        [.. Fixture.App.ReceivedMail().Where(message => message.Subject?.Contains(title, StringComparison.Ordinal) == true)];
}
