using System.Data.Common;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Assemblee.Notifications.Data;
using Assemblee.Notifications.Domain;
using Npgsql;

namespace Assemblee.Notifications.Application;

/// <summary>
/// Sends the SMS that are due through the provider's API (Twilio's Messages resource: a form POST with Basic
/// authentication), a batch per transaction, rows locked like e-mails. 2xx: sent. The API's refusals of the number
/// (21211 not a valid number, 21614 not a mobile, 21610 the person replied STOP) bounce the message; other 4xx, 429, 5xx,
/// and a provider out of reach are temporary and tried again later.
/// </summary>
public sealed class SmsDelivery(NpgsqlDataSource dataSource, DeliveryOutcomes outcomes, IHttpClientFactory clients,
    IConfiguration configuration, ILogger<SmsDelivery> logger)
{
    private const int BatchSize = 50;

    private static readonly int[] NumberRefused = [21211, 21610, 21614];

    /// <summary>Sends one batch; returns how many messages it handled (0: nothing was due).</summary>
    public async Task<int> SendDueAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var due = await DeliveryStore.LockDueAsync(transaction, Channels.Sms, BatchSize, cancellationToken);
        if (due.Count == 0)
        {
            return 0;
        }
        var provider = Provider();
        var client = clients.CreateClient("sms");
        foreach (var message in due)
        {
            if (provider is null)
            {
                await outcomes.PostponeOrFailAsync(transaction, message, "No SMS provider is configured (connection string 'sms').",
                    cancellationToken);
                continue;
            }
            await SendAsync(client, provider, transaction, message, cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return due.Count;
    }

    private async Task SendAsync(HttpClient client, SmsProvider provider, NpgsqlTransaction transaction, DueMessage message,
        CancellationToken cancellationToken)
    {
        var sms = message.Content<SmsMessage>();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(provider.Endpoint,
            $"2010-04-01/Accounts/{Uri.EscapeDataString(provider.AccountSid)}/Messages.json"))
        {
            Content = new FormUrlEncodedContent([new("To", sms.To), new("From", provider.From), new("Body", sms.Text)]),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{provider.AccountSid}:{provider.AuthToken}")));
        try
        {
            using var response = await client.SendAsync(request, cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                await outcomes.SentAsync(transaction, message, cancellationToken);
                return;
            }
            var (code, text) = await ErrorAsync(response, cancellationToken);
            if (response.StatusCode == HttpStatusCode.BadRequest && NumberRefused.Contains(code))
            {
                logger.LogWarning("SMS {Message} refused by the provider ({Code})", message.Id, code);
                await outcomes.FailAsync(transaction, message, MessageStates.Bounced, $"{code} {text}", cancellationToken);
                return;
            }
            await outcomes.PostponeOrFailAsync(transaction, message, $"{(int)response.StatusCode} {code} {text}", cancellationToken);
        }
        catch (Exception error) when (error is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            await outcomes.PostponeOrFailAsync(transaction, message, $"The SMS provider is unreachable: {error.Message}",
                cancellationToken);
        }
    }

    /// <summary>The API's error document: {"code": 21211, "message": "…"}.</summary>
    private static async Task<(int Code, string Message)> ErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
            return (document.RootElement.TryGetProperty("code", out var code) && code.TryGetInt32(out var number) ? number : 0,
                document.RootElement.TryGetProperty("message", out var text) ? text.GetString() ?? "" : "");
        }
        catch (JsonException)
        {
            return (0, response.ReasonPhrase ?? "");
        }
    }

    private sealed record SmsProvider(Uri Endpoint, string AccountSid, string AuthToken, string From);

    /// <summary>The connection string "sms": Endpoint=…;AccountSid=…;AuthToken=…;From=…; null when it is not configured.</summary>
    private SmsProvider? Provider()
    {
        var builder = new DbConnectionStringBuilder { ConnectionString = configuration.GetConnectionString("sms") ?? "" };
        string? Part(string key) => builder.TryGetValue(key, out var value) ? value?.ToString() : null;
        return Uri.TryCreate(Part("Endpoint")?.TrimEnd('/') + "/", UriKind.Absolute, out var endpoint)
            && Part("AccountSid") is { } sid && Part("AuthToken") is { } token
            ? new SmsProvider(endpoint, sid, token, Part("From") ?? "Paris")
            : null;
    }
}
