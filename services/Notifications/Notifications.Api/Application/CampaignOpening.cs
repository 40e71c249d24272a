using Assemblee.Common.Rules;
using Assemblee.Notifications.Data;
using Assemblee.Notifications.Domain;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Assemblee.Notifications.Application;

/// <summary>
/// Opens the campaign an event causes, in the consuming transaction: with the body's current template when it renders the
/// kind's variables, or refused, naming why, when it does not; a refused campaign writes no message and sends nothing. A
/// campaign opened with a due time waits for it (its template is the one current when the event arrived).
/// </summary>
public sealed class CampaignOpening(Templates templates, ILogger<CampaignOpening> logger)
{
    public async Task OpenAsync(NpgsqlTransaction transaction, string bodyId, MessageKind kind, string sourceKey, string title,
        IReadOnlyDictionary<string, string> parameters, string language, CancellationToken cancellationToken, DateTimeOffset? dueAt = null)
    {
        var template = await templates.CurrentAsync(bodyId, kind.Name, language, cancellationToken);
        string? refusal = null;
        // Every language a recipient may have chosen must render, not only the campaign's.
        foreach (var wording in Languages.All)
        {
            try
            {
                (wording == language ? template : await templates.CurrentAsync(bodyId, kind.Name, wording, cancellationToken))
                    .Render(kind.Sample);
            }
            catch (RuleViolation violation)
            {
                refusal ??= violation.Message;
            }
        }
        var campaign = new Campaign(Guid.CreateVersion7(), bodyId, kind.Name, sourceKey, title, parameters, language, template.Version,
            refusal is null ? CampaignStates.Preparing : CampaignStates.Refused, refusal, null, DateTimeOffset.UtcNow, null, dueAt);
        if (await CampaignStore.AddAsync(transaction, campaign, cancellationToken) && refusal is not null)
        {
            logger.LogWarning("Campaign {Campaign} ({Kind}) of {Body} refused: its template does not render", campaign.Id, kind.Name,
                bodyId);
        }
    }

    /// <summary>
    /// The reminder of a session starting at <paramref name="startsAt"/>, due the day before; none when the members were told
    /// less than a day ahead. <paramref name="revision"/> names the event that set this start (convened, or the calendar revision).
    /// </summary>
    public Task OpenReminderAsync(NpgsqlTransaction transaction, string bodyId, Guid sessionId, string revision,
        DateTimeOffset startsAt, DateTimeOffset toldAt, CancellationToken cancellationToken) =>
        Reminders.DueAt(startsAt, toldAt) is { } due
            ? OpenAsync(transaction, bodyId, MessageKinds.SessionReminder, $"{Reminders.SourceKeyOf(sessionId)}{revision}",
                $"reminder {sessionId}", MemberMessagePreparation.OfReminder(sessionId, startsAt), Languages.French, cancellationToken,
                due)
            : Task.CompletedTask;
}
