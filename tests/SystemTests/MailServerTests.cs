using Aspire.Hosting.ApplicationModel;
using Assemblee.AppHost.LocalServers;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace Assemblee.SystemTests;

/// <summary>The SMTP server run mode starts beside the others: a real server, whose Maildir shows what it received.</summary>
[Collection(NotificationsCollection.Name)]
public sealed class MailServerTests(SystemFixture system)
{
    [Fact]
    public async Task The_mail_server_accepts_a_message_over_smtp_and_keeps_it_as_sent()
    {
        var endpoint = system.App.GetEndpoint("mail", "smtp");
        var maildir = system.App.Services.GetRequiredService<DistributedApplicationModel>().Resources.OfType<LocalSmtpResource>()
            .Single().Maildir;
        var subject = $"Convocation {Guid.NewGuid():N}";
        var message = new MimeMessage
        {
            From = { new MailboxAddress("Assemblée citoyenne", "assemblee@paris.fr") },
            To = { new MailboxAddress("Élodie", "elodie@example.org") },
            Subject = subject,
            Body = new TextPart("plain") { Text = "Séance plénière le 9 février à 18 h." },
        };

        using (var client = new SmtpClient())
        {
            await client.ConnectAsync(endpoint.Host, endpoint.Port, SecureSocketOptions.None);
            await client.SendAsync(message);
            await client.DisconnectAsync(true);
        }

        var kept = Directory.GetFiles(Path.Combine(maildir, "new")).Select(file => MimeMessage.Load(file))
            .Single(received => received.Subject == subject);
        Assert.Equal("elodie@example.org", kept.To.Mailboxes.Single().Address);
        Assert.Equal("Séance plénière le 9 février à 18 h.", kept.TextBody?.Trim());
    }
}
