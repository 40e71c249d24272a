using Aspire.Hosting.ApplicationModel;
using Assemblee.AppHost.LocalServers;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace Assemblee.SystemTests.Infrastructure;

/// <summary>What the real SMTP server the AppHost runs received, read from its Maildir as a mail client would.</summary>
public static class MailDrop
{
    public static List<MimeMessage> ReceivedMail(this DistributedApplication app)
    {
        var maildir = app.Services.GetRequiredService<DistributedApplicationModel>().Resources.OfType<LocalSmtpResource>().Single().Maildir;
        var folder = Path.Combine(maildir, "new");
        return Directory.Exists(folder) ? [.. Directory.GetFiles(folder).Select(file => MimeMessage.Load(file))] : [];
    }
}
