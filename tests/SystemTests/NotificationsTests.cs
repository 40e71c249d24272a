using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Assemblee.Contracts.Membership.V1;
using Assemblee.Contracts.Sessions.V1;
using Assemblee.Contracts.Sortition.V1;
using Assemblee.Contracts.Veille.V1;
using Assemblee.SystemTests.Infrastructure;
using Grpc.Core;
using Grpc.Net.Client;

namespace Assemblee.SystemTests;

/// <summary>Notifications on the real servers: invitation letters by the thousand, their batch file, templates and access.</summary>
[Collection(NotificationsCollection.Name)]
public sealed partial class NotificationsTests(SystemFixture system)
{
    private readonly SortitionScenario _scenario = new(system, BodyEventsTests.UniqueBodyId());

    private string Body => _scenario.Body;

    private HttpClient Secretariat => system.Service("notifications", "secretary-1", ["secretariat"], [Body]);

    private string Campaigns => $"/api/notifications/bodies/{Body}/campaigns";

    [Fact, DisruptsTheApplication]
    public async Task Seven_thousand_invitations_give_exactly_one_letter_each_even_when_the_service_is_killed_midway()
    {
        var draw = await _scenario.CreateDrawAsync(electoralInvitations: 5_600, citizenCardInvitations: 1_400);
        Assert.Equal(HttpStatusCode.OK, (await _scenario.ImportAsync(draw, "electoral", SortitionScenario.SourceList("E", 24_000)))
            .StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _scenario.ImportAsync(draw, "citizen-card", SortitionScenario.SourceList("CC", 6_000)))
            .StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _scenario.Secretariat.PostAsJsonAsync(
            $"/api/sortition/bodies/{Body}/draws/{draw}/invitations", new { seed = "letters" })).StatusCode);

        // Killed (SIGKILL, no goodbye, with the `dotnet run` that started it) as soon as letters are being written, then started again.
        var underWay = await Eventually.ReturnsAsync(() => CampaignOrNullAsync(), campaign => campaign is { } c
            && c.GetProperty("written").GetInt32() > 0, TimeSpan.FromMinutes(2), "the invitation letters should be under way");
        Process.GetProcessById(system.App.ProcessId("notifications")).Kill(entireProcessTree: true);
        var writtenAtKill = await system.ScalarAsync<long>("notificationsdb", "SELECT count(*) FROM messages");
        using (var stopping = new CancellationTokenSource(TimeSpan.FromMinutes(1)))
        {
            await system.App.ResourceNotifications.WaitForResourceAsync("notifications",
                resource => KnownResourceStates.TerminalStates.Contains(resource.Snapshot.State?.Text), stopping.Token);
        }
        var started = await system.App.ResourceCommands.ExecuteCommandAsync("notifications", KnownResourceCommands.StartCommand);
        Assert.True(started.Success, started.Message);
        await system.App.WaitUntilHealthyAgainAsync("notifications");

        var ready = await Eventually.ReturnsAsync(() => CampaignOrNullAsync(), campaign => campaign?.GetProperty("state").GetString()
            == "ready", TimeSpan.FromMinutes(3), "the letters should be ready after the restart");
        Assert.Equal("preparing", underWay!.Value.GetProperty("state").GetString());
        Assert.True(writtenAtKill < 7_000 || ready!.Value.GetProperty("batch").ValueKind == JsonValueKind.Object,
            $"killed with {writtenAtKill} letters written");
        Assert.Equal(7_000, ready!.Value.GetProperty("expected").GetInt32());
        Assert.Equal(7_000, ready.Value.GetProperty("byState").GetProperty("queued").GetInt32());
        Assert.Equal(7_000, ready.Value.GetProperty("batch").GetProperty("letters").GetInt32());

        // Every code of sortition's letters is printed exactly once in the print shop's file, one page per letter.
        var campaign = ready.Value.GetProperty("id").GetGuid();
        var codes = (await _scenario.LettersAsync(draw)).Select(letter => letter.GetProperty("code").GetString()!).ToList();
        var batch = await Secretariat.GetByteArrayAsync($"{Campaigns}/{campaign}/batch.pdf");
        var printed = CodeLine().Matches(await PdfToTextAsync(batch)).Select(match => match.Groups[1].Value).ToList();
        Assert.Equal(7_000, codes.Distinct().Count());
        Assert.Equal(codes.Order(), printed.Order());
        Assert.Equal(7_000, await PageCountAsync(batch));
    }

    [Fact]
    public async Task A_letter_shows_the_invitees_name_and_code_and_its_QR_code_opens_the_answer_page_with_that_code()
    {
        var draw = await _scenario.InvitedDrawAsync("one-letter");
        var campaign = await ReadyCampaignAsync();
        var first = (await Secretariat.GetFromJsonAsync<List<JsonElement>>($"{Campaigns}/{campaign}/messages?limit=1"))!.Single();
        var letters = await _scenario.LettersAsync(draw);

        var pdf = await Secretariat.GetByteArrayAsync($"{Campaigns}/{campaign}/messages/{first.GetProperty("id")}/letter.pdf");

        var qr = await QrCodeAsync(pdf);
        var code = qr.Split("code=")[1];
        var invitee = letters.Single(letter => letter.GetProperty("code").GetString() == code);
        Assert.StartsWith("https://assemblee.paris.fr/repondre?code=", qr, StringComparison.Ordinal);
        var seen = Regex.Replace(await PdfText.ReadAsync(pdf), @"\s+", " ");
        Assert.Contains($"{invitee.GetProperty("givenName").GetString()} {invitee.GetProperty("familyName").GetString()}", seen,
            StringComparison.Ordinal);
        // The code as printed (its text, exactly; OCR may take an 8 for a B), and beside it the QR code zbar read from the image.
        Assert.Contains(code, CodeLine().Matches(await PdfToTextAsync(pdf)).Select(match => match.Groups[1].Value));
        var reads = (await Secretariat.GetFromJsonAsync<List<JsonElement>>($"/api/notifications/bodies/{Body}/personal-data-reads"))!;
        Assert.Contains(reads, read => read.GetProperty("purpose").GetString() == "letter"
            && read.GetProperty("actor").GetString() == "secretary-1");
    }

    [Fact]
    public async Task A_template_that_does_not_render_refuses_the_campaign_and_nothing_is_written()
    {
        var templates = $"/api/notifications/bodies/{Body}/templates";
        var invalid = await Secretariat.PutAsJsonAsync($"{templates}/invitation/fr", new { subject = "Invitation", body = "{% if x %}" });
        var misspelt = await Secretariat.PutAsJsonAsync($"{templates}/invitation/fr",
            new { subject = "Invitation", body = "Bonjour {{ invitee.surname }}" });
        var preview = await Secretariat.PostAsJsonAsync($"{templates}/invitation/fr/preview", new { });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, invalid.StatusCode);
        Assert.Equal(HttpStatusCode.Created, misspelt.StatusCode);
        Assert.Equal(1, (await misspelt.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt32());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, preview.StatusCode);
        Assert.Contains("invitee.familyName", (await preview.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(),
            StringComparison.Ordinal);

        await _scenario.InvitedDrawAsync("refused");
        var refused = await Eventually.ReturnsAsync(CampaignOrNullAsync, campaign => campaign is not null, TimeSpan.FromMinutes(1),
            "the campaign should be opened");

        Assert.Equal("refused", refused!.Value.GetProperty("state").GetString());
        Assert.Contains("does not render", refused.Value.GetProperty("refusal").GetString(), StringComparison.Ordinal);
        await Task.Delay(TimeSpan.FromSeconds(3));
        var after = (await CampaignOrNullAsync())!.Value;
        Assert.Equal(0, after.GetProperty("written").GetInt32());
        Assert.Equal(JsonValueKind.Null, after.GetProperty("batch").ValueKind);
    }

    [Fact]
    public async Task The_secretariats_own_wording_is_printed_and_posting_the_printed_batch_sends_every_letter()
    {
        var templates = $"/api/notifications/bodies/{Body}/templates";
        var wording = new
        {
            subject = "Rejoignez l'{{ draw.title }}",
            body = "Bonjour {{ invitee.givenName }},\n\nRépondez avant le "
            + "{{ draw.responseDeadline }} sur {{ response.url }}."
        };
        var preview = await Secretariat.PostAsJsonAsync($"{templates}/invitation/fr/preview", wording);
        Assert.Equal(HttpStatusCode.Created, (await Secretariat.PutAsJsonAsync($"{templates}/invitation/fr", wording)).StatusCode);
        Assert.Equal("Bonjour Camille,\n\nRépondez avant le 15 janvier 2027 sur https://assemblee.paris.fr/repondre.",
            (await preview.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("body").GetString());

        await _scenario.InvitedDrawAsync("posted");
        var campaign = await ReadyCampaignAsync();
        var text = await PdfToTextAsync(await Secretariat.GetByteArrayAsync($"{Campaigns}/{campaign}/batch.pdf"));
        var postedFirst = await Secretariat.PostAsync($"{Campaigns}/{campaign}/batch/posted", null);
        var printed = await Secretariat.PostAsync($"{Campaigns}/{campaign}/batch/printed", null);
        var posted = await Secretariat.PostAsync($"{Campaigns}/{campaign}/batch/posted", null);
        var postedAgain = await Secretariat.PostAsync($"{Campaigns}/{campaign}/batch/posted", null);
        var view = await Secretariat.GetFromJsonAsync<JsonElement>($"{Campaigns}/{campaign}");

        Assert.Equal(80, Regex.Matches(text, "Rejoignez l'Panel de test").Count);
        Assert.Equal(80, Regex.Matches(text, "Bonjour Prénom").Count);
        Assert.Equal(HttpStatusCode.Conflict, postedFirst.StatusCode);
        Assert.Equal(HttpStatusCode.OK, printed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, postedAgain.StatusCode);
        Assert.Equal(80, view.GetProperty("byState").GetProperty("sent").GetInt32());
        Assert.Equal(0, view.GetProperty("byState").GetProperty("queued").GetInt32());
        Assert.Equal(1, view.GetProperty("templateVersion").GetInt32());
        Assert.Equal("secretary-1", view.GetProperty("batch").GetProperty("postedBy").GetString());
        Assert.Equal(80L, await system.ScalarAsync<long>("notificationsdb",
            "SELECT count(*) FROM outbox_messages WHERE message_type = 'notifications.message-delivered.v1' AND body->>'campaignId' = $1",
            campaign.ToString()));

        // What the letters carried is erased on schedule (17 seconds here); the ledger keeps each letter's state.
        var letter = (await Secretariat.GetFromJsonAsync<List<JsonElement>>($"{Campaigns}/{campaign}/messages?limit=1"))!.Single();
        await Eventually.ReturnsAsync(async () => (await Secretariat.GetAsync($"{Campaigns}/{campaign}/batch.pdf")).StatusCode,
            status => status == HttpStatusCode.NotFound, TimeSpan.FromMinutes(1), "the posted batch's file should be erased");
        Assert.Equal(HttpStatusCode.NotFound,
            (await Secretariat.GetAsync($"{Campaigns}/{campaign}/messages/{letter.GetProperty("id")}/letter.pdf")).StatusCode);
        Assert.Equal(80, (await Secretariat.GetFromJsonAsync<JsonElement>($"{Campaigns}/{campaign}")).GetProperty("byState")
            .GetProperty("sent").GetInt32());
    }

    [Fact]
    public async Task Every_endpoint_refuses_the_wrong_role_and_the_wrong_body()
    {
        var campaign = Guid.NewGuid();
        var requests = new (HttpMethod Method, string Path, object? Body)[]
        {
            (HttpMethod.Get, Campaigns, null),
            (HttpMethod.Get, $"{Campaigns}/{campaign}", null),
            (HttpMethod.Get, $"{Campaigns}/{campaign}/messages", null),
            (HttpMethod.Get, $"{Campaigns}/{campaign}/messages/{Guid.NewGuid()}/letter.pdf", null),
            (HttpMethod.Get, $"{Campaigns}/{campaign}/batch.pdf", null),
            (HttpMethod.Post, $"{Campaigns}/{campaign}/batch/printed", null),
            (HttpMethod.Post, $"{Campaigns}/{campaign}/batch/posted", null),
            (HttpMethod.Get, $"/api/notifications/bodies/{Body}/personal-data-reads", null),
            (HttpMethod.Get, $"/api/notifications/bodies/{Body}/templates", null),
            (HttpMethod.Get, $"/api/notifications/bodies/{Body}/templates/invitation/fr/versions", null),
            (HttpMethod.Put, $"/api/notifications/bodies/{Body}/templates/invitation/fr", new { subject = "s", body = "b" }),
            (HttpMethod.Post, $"/api/notifications/bodies/{Body}/templates/invitation/fr/preview", new { }),
        };
        var callers = new[]
        {
            system.Gateway("member-1", ["member", "executive", "guarantor"], [Body]),
            system.Gateway("secretary-9", ["secretariat"], ["another-body"]),
        };

        foreach (var caller in callers)
        {
            foreach (var (method, path, body) in requests)
            {
                var response = await caller.SendAsync(new HttpRequestMessage(method, path)
                {
                    Content = body is null ? null : JsonContent.Create(body),
                });
                Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{method} {path}: {response.StatusCode}");
            }
        }
        Assert.Equal(HttpStatusCode.Unauthorized, (await system.Gateway().GetAsync(Campaigns)).StatusCode);

        // A member's own preferences: members only, of their own body.
        var preferences = $"/api/notifications/bodies/{Body}/preferences/me";
        var choice = new { language = "fr", quietHours = (object?)null, channels = new { } };
        foreach (var caller in new[] { Secretariat, system.Gateway(Guid.NewGuid().ToString(), ["member"], ["another-body"]) })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await caller.GetAsync(preferences)).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await caller.PutAsJsonAsync(preferences, choice)).StatusCode);
        }
        Assert.Equal(HttpStatusCode.OK, (await system.Gateway(Guid.NewGuid().ToString(), ["member"], [Body]).GetAsync(preferences))
            .StatusCode);
    }

    [Fact]
    public async Task Only_notifications_reads_letters_and_contacts_over_grpc_and_only_for_the_bodys_own_people()
    {
        var draw = await _scenario.InvitedDrawAsync("grpc-letters");
        using var sortitionChannel = GrpcChannel.ForAddress(system.App.GetEndpoint("sortition", "grpc"));
        using var membershipChannel = GrpcChannel.ForAddress(system.App.GetEndpoint("membership", "grpc"));
        using var sessionsChannel = GrpcChannel.ForAddress(system.App.GetEndpoint("sessions", "grpc"));
        using var gatewayChannel = GrpcChannel.ForAddress(system.App.GetEndpoint("gateway", "grpc"));
        var letters = new InvitationLetters.InvitationLettersClient(sortitionChannel);
        var contacts = new MemberContacts.MemberContactsClient(membershipChannel);
        var request = new ListInvitationLettersRequest { BodyId = Body, DrawId = draw.ToString() };
        var contactsRequest = new GetContactsRequest { BodyId = Body, MemberIds = { Guid.NewGuid().ToString() } };
        Metadata As(string subject, string role, params string[] bodies) =>
            new() { { "authorization", $"Bearer {system.Token(subject, [role], bodies)}" } };
        static async Task<StatusCode> RefusalAsync(Func<Task> call) => (await Assert.ThrowsAsync<RpcException>(call)).StatusCode;
        async Task<int> LettersAsync(InvitationLetters.InvitationLettersClient client, ListInvitationLettersRequest asked,
            Metadata? headers)
        {
            using var call = client.ListInvitationLetters(asked, headers);
            return await call.ResponseStream.ReadAllAsync().CountAsync();
        }

        Assert.Equal(StatusCode.Unauthenticated, await RefusalAsync(() => LettersAsync(letters, request, null)));
        Assert.Equal(StatusCode.PermissionDenied,
            await RefusalAsync(() => LettersAsync(letters, request, As("secretary-1", "secretariat", Body))));
        Assert.Equal(StatusCode.PermissionDenied, await RefusalAsync(() => LettersAsync(letters, request, As("membership", "service"))));
        Assert.Equal(StatusCode.NotFound, await RefusalAsync(() => LettersAsync(letters,
            new ListInvitationLettersRequest { BodyId = "another-body", DrawId = draw.ToString() }, As("notifications", "service"))));
        Assert.Equal(StatusCode.Unimplemented, await RefusalAsync(() => LettersAsync(
            new InvitationLetters.InvitationLettersClient(gatewayChannel), request, As("notifications", "service"))));
        Assert.Equal(80, await LettersAsync(letters, request, As("notifications", "service")));

        Assert.Equal(StatusCode.PermissionDenied, await RefusalAsync(() =>
            contacts.GetContactsAsync(contactsRequest, As("secretary-1", "secretariat", Body)).ResponseAsync));
        Assert.Equal(StatusCode.PermissionDenied, await RefusalAsync(() =>
            contacts.GetContactsAsync(contactsRequest, As("veille", "service")).ResponseAsync));
        Assert.Equal(StatusCode.InvalidArgument, await RefusalAsync(() =>
            contacts.GetContactsAsync(new GetContactsRequest { BodyId = Body }, As("notifications", "service")).ResponseAsync));
        Assert.Equal(StatusCode.Unimplemented, await RefusalAsync(() => new MemberContacts.MemberContactsClient(gatewayChannel)
            .GetContactsAsync(contactsRequest, As("notifications", "service")).ResponseAsync));
        Assert.Empty((await contacts.GetContactsAsync(contactsRequest, As("notifications", "service"))).Contacts);

        var sessions = new Sessions.SessionsClient(sessionsChannel);
        var session = new GetSessionRequest { BodyId = Body, SessionId = Guid.NewGuid().ToString() };
        Assert.Equal(StatusCode.PermissionDenied, await RefusalAsync(() =>
            sessions.GetSessionCalendarAsync(session, As("member-1", "member", "another-body")).ResponseAsync));
        Assert.Equal(StatusCode.PermissionDenied, await RefusalAsync(() =>
            sessions.GetSessionCalendarAsync(session, As("membership", "service")).ResponseAsync));
        Assert.Equal(StatusCode.NotFound, await RefusalAsync(() =>
            sessions.GetSessionCalendarAsync(session, As("notifications", "service")).ResponseAsync));
        Assert.Equal(StatusCode.PermissionDenied, await RefusalAsync(async () =>
        {
            using var call = sessions.ListConvocations(new ListConvocationsRequest { BodyId = Body, SessionId = session.SessionId },
                As("member-1", "member", "another-body"));
            await call.ResponseStream.MoveNext();
        }));

        // A question as its body sees it (a referral's answer before the register shows it): notifications' credential only.
        using var veilleChannel = GrpcChannel.ForAddress(system.App.GetEndpoint("veille", "grpc"));
        var veille = new Veille.VeilleClient(veilleChannel);
        var question = new GetQuestionRequest { BodyId = Body, QuestionId = Guid.NewGuid().ToString() };
        Assert.Equal(StatusCode.PermissionDenied, await RefusalAsync(() =>
            veille.GetQuestionAsync(question, As("sessions", "service")).ResponseAsync));
        Assert.Equal(StatusCode.NotFound, await RefusalAsync(() =>
            veille.GetQuestionAsync(question, As("notifications", "service")).ResponseAsync));
    }

    private async Task<JsonElement?> CampaignOrNullAsync()
    {
        var campaigns = (await Secretariat.GetFromJsonAsync<List<JsonElement>>(Campaigns))!;
        return campaigns.Count == 0 ? null : campaigns.Single(campaign => campaign.GetProperty("kind").GetString() == "invitation");
    }

    private async Task<Guid> ReadyCampaignAsync() =>
        (await Eventually.ReturnsAsync(CampaignOrNullAsync, campaign => campaign?.GetProperty("state").GetString() == "ready",
            TimeSpan.FromMinutes(1), "the letters should be ready"))!.Value.GetProperty("id").GetGuid();

    private static async Task<string> PdfToTextAsync(byte[] pdf) => await WithFileAsync(pdf, async file =>
    {
        var text = await ProcessRunner.RunAsync("pdftotext", ["-layout", file, "-"], TimeSpan.FromMinutes(2));
        Assert.True(text.ExitCode == 0, text.Error);
        return text.Output;
    });

    private static async Task<int> PageCountAsync(byte[] pdf) => await WithFileAsync(pdf, async file =>
    {
        var info = await ProcessRunner.RunAsync("pdfinfo", [file], TimeSpan.FromMinutes(1));
        return int.Parse(PagesLine().Match(info.Output).Groups[1].Value, global::System.Globalization.CultureInfo.InvariantCulture);
    });

    /// <summary>The page rendered to PNG (poppler) and its QR code read back (zbar), as a phone would.</summary>
    private static async Task<string> QrCodeAsync(byte[] pdf) => await WithFileAsync(pdf, async file =>
    {
        var png = Path.ChangeExtension(file, null);
        var render = await ProcessRunner.RunAsync("pdftoppm", ["-png", "-r", "150", "-singlefile", file, png], TimeSpan.FromMinutes(1));
        Assert.True(render.ExitCode == 0, render.Error);
        var read = await ProcessRunner.RunAsync("zbarimg", ["--raw", "-q", png + ".png"], TimeSpan.FromMinutes(1));
        Assert.True(read.ExitCode == 0, $"zbarimg found no QR code: {read.Error}");
        return read.Output.Trim();
    });

    private static async Task<T> WithFileAsync<T>(byte[] pdf, Func<string, Task<T>> read)
    {
        var folder = Directory.CreateTempSubdirectory("letters-");
        try
        {
            var file = Path.Combine(folder.FullName, "letters.pdf");
            await File.WriteAllBytesAsync(file, pdf);
            return await read(file);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    // The code line of a letter: "Votre code de réponse" above it, the code alone on its line.
    [GeneratedRegex(@"^\s*([A-HJ-NP-Z2-9]{10})\s*$", RegexOptions.Multiline)]
    private static partial Regex CodeLine();

    [GeneratedRegex(@"Pages:\s+(\d+)")]
    private static partial Regex PagesLine();
}
