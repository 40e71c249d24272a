using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting.ApplicationModel;
using Assemblee.AppHost.LocalServers;
using Assemblee.SystemTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace Assemblee.SystemTests;

/// <summary>Convocations by e-mail, from a real panel through membership and sessions to the real SMTP server.</summary>
[Collection(SystemCollection.Name)]
public sealed class NotificationsEmailTests(SystemFixture system) : MembershipTestBase(system)
{
    private HttpClient Notifications => Fixture.Service("notifications", "secretary-1", ["secretariat"], [Body]);

    [Fact]
    public async Task Convocations_wait_while_the_mail_server_is_stopped_then_reach_it_once_each_with_the_calendar_file()
    {
        var (promotion, members) = await PanelAsync(adults: 3);
        foreach (var member in members)
        {
            Assert.Equal(HttpStatusCode.OK, (await PostAsync(Secretariat, $"members/{IdOf(member)}/confirmation")).StatusCode);
        }
        await Eventually.ReturnsAsync(() => Fixture.ScalarAsync<long>("sessionsdb",
            "SELECT count(*) FROM members WHERE promotion_id = $1 AND state = 'active'", promotion), count => count == 3,
            because: "sessions should know the three active members");
        var sessions = Fixture.Service("sessions", "secretary-1", ["secretariat"], [Body]);
        var startsAt = DateTimeOffset.UtcNow.AddDays(3);
        var title = $"Plénière {Guid.NewGuid():N}"[..20];
        var planned = await sessions.PostAsJsonAsync($"/api/sessions/bodies/{Body}/promotions/{promotion}/sessions", new
        {
            kind = "plenary",
            title,
            agenda = Array.Empty<object>(),
            startsAt,
            endsAt = startsAt.AddHours(3),
            @public = false,
            place = new { address = "Hôtel de Ville, 75004 Paris", room = "Salle des fêtes", access = "Entrée rue de Rivoli" },
            guests = Array.Empty<object>(),
        });
        Assert.Equal(HttpStatusCode.Created, planned.StatusCode);
        var session = (await planned.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        await Fixture.App.ResourceCommands.ExecuteCommandAsync("mail", KnownResourceCommands.StopCommand);
        try
        {
            Assert.Equal(HttpStatusCode.OK,
                (await sessions.PostAsync($"/api/sessions/bodies/{Body}/sessions/{session}/convocation", null)).StatusCode);
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

    private async Task<JsonElement?> CampaignAsync() =>
        (await Notifications.GetFromJsonAsync<List<JsonElement>>($"/api/notifications/bodies/{Body}/campaigns"))!
            .Cast<JsonElement?>().SingleOrDefault(campaign => campaign!.Value.GetProperty("kind").GetString() == "convocation");

    private async Task<List<JsonElement>> MessagesAsync(JsonElement campaign) =>
        (await Notifications.GetFromJsonAsync<List<JsonElement>>(
            $"/api/notifications/bodies/{Body}/campaigns/{campaign.GetProperty("id").GetGuid()}/messages"))!;

    /// <summary>What the SMTP server kept of this test's session (its title is unique), from its Maildir.</summary>
    private List<MimeMessage> Received(string title)
    {
        var maildir = Fixture.App.Services.GetRequiredService<DistributedApplicationModel>().Resources.OfType<LocalSmtpResource>()
            .Single().Maildir;
        var folder = Path.Combine(maildir, "new");
        return Directory.Exists(folder)
            ? [.. Directory.GetFiles(folder).Select(file => MimeMessage.Load(file)).Where(message => message.Subject?.Contains(title,
                StringComparison.Ordinal) == true)]
            : [];
    }
}
