using System.Data.Common;
using System.Net.Sockets;
using Assemblee.Notifications.Data;
using Assemblee.Notifications.Domain;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;
using Npgsql;

namespace Assemblee.Notifications.Application;

/// <summary>
/// Sends the e-mails that are due over SMTP (MailKit), a batch per transaction: each one sent is marked sent with
/// MessageDelivered; a temporary failure (4xx, the server unreachable, a timeout) is tried again later with a growing wait;
/// a permanent one (5xx) fails it for good, bounced when the address was refused, with MessageFailed. The rows stay locked
/// while they are sent, so two senders never send the same message; a sender stopped between the server's acceptance and the
/// commit sends it again on restart, with the same Message-Id, which mail systems use to drop the duplicate.
/// </summary>
public sealed class EmailDelivery(NpgsqlDataSource dataSource, DeliveryOutcomes outcomes, IConfiguration configuration,
    IOptions<MailOptions> options, ILogger<EmailDelivery> logger)
{
    private const int BatchSize = 50;

    /// <summary>Sends one batch; returns how many e-mails it handled (0: nothing was due).</summary>
    public async Task<int> SendDueAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var due = await DeliveryStore.LockDueAsync(transaction, Channels.Email, BatchSize, cancellationToken);
        if (due.Count == 0)
        {
            return 0;
        }
        using var smtp = new SmtpClient { Timeout = options.Value.TimeoutSeconds * 1000 };
        string? unreachable = null;
        try
        {
            var (host, port) = Server();
            await smtp.ConnectAsync(host, port, SecureSocketOptions.Auto, cancellationToken);
        }
        catch (Exception error) when (error is SocketException or IOException or SmtpProtocolException or SmtpCommandException
            or TimeoutException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            unreachable = $"The mail server is unreachable: {error.Message}";
        }
        foreach (var email in due)
        {
            if (unreachable is not null)
            {
                await outcomes.PostponeOrFailAsync(transaction, email, unreachable, cancellationToken);
                continue;
            }
            await SendAsync(smtp, transaction, email, cancellationToken);
        }
        if (smtp.IsConnected)
        {
            await smtp.DisconnectAsync(true, cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return due.Count;
    }

    private async Task SendAsync(SmtpClient smtp, NpgsqlTransaction transaction, DueMessage email, CancellationToken cancellationToken)
    {
        try
        {
            await smtp.SendAsync(Mime(email.Id, email.Content<EmailMessage>()), cancellationToken);
            await outcomes.SentAsync(transaction, email, cancellationToken);
        }
        catch (SmtpCommandException refused) when ((int)refused.StatusCode >= 500)
        {
            var bounced = refused.ErrorCode == SmtpErrorCode.RecipientNotAccepted;
            logger.LogWarning("E-mail {Message} refused for good ({Status})", email.Id, (int)refused.StatusCode);
            await outcomes.FailAsync(transaction, email, bounced ? MessageStates.Bounced : MessageStates.Failed,
                $"{(int)refused.StatusCode} {refused.Message}", cancellationToken);
        }
        catch (Exception error) when (error is SmtpCommandException or SmtpProtocolException or ServiceNotConnectedException
            or IOException or SocketException or TimeoutException)
        {
            await outcomes.PostponeOrFailAsync(transaction, email, error.Message, cancellationToken);
        }
    }

    private MimeMessage Mime(Guid id, EmailMessage email)
    {
        var message = new MimeMessage
        {
            // The ledger's id: a message sent again after a crash keeps its Message-Id.
            MessageId = $"{id}@assemblee.notifications",
            Subject = email.Subject,
        };
        message.From.Add(new MailboxAddress(options.Value.FromName, options.Value.From));
        message.To.Add(new MailboxAddress(email.ToName, email.ToAddress));
        // RFC 8058: mail clients offer one-click unsubscribing, a POST to the link.
        message.Headers.Add("List-Unsubscribe", $"<{email.UnsubscribeUrl}>");
        message.Headers.Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        var body = new BodyBuilder { TextBody = email.Body };
        if (email.CalendarIcs is { } ics)
        {
            body.Attachments.Add(email.CalendarFileName, System.Text.Encoding.UTF8.GetBytes(ics),
                ContentType.Parse("text/calendar; charset=utf-8; method=PUBLISH"));
        }
        message.Body = body.ToMessageBody();
        return message;
    }

    /// <summary>The SMTP server of the connection string "mail" ("Endpoint=smtp://host:port", as the AppHost gives it).</summary>
    private (string Host, int Port) Server()
    {
        var builder = new DbConnectionStringBuilder { ConnectionString = configuration.GetConnectionString("mail") ?? "" };
        if (!builder.TryGetValue("Endpoint", out var endpoint) || !Uri.TryCreate(endpoint?.ToString(), UriKind.Absolute, out var uri))
        {
            throw new IOException("No mail server is configured (connection string 'mail', Endpoint=smtp://host:port).");
        }
        return (uri.Host, uri.Port > 0 ? uri.Port : 25);
    }
}
