using Assemblee.Common.Data;
using Assemblee.Common.Messaging;
using Assemblee.Contracts.Veille;
using Assemblee.Veille.Data;
using Assemblee.Veille.Domain;
using Npgsql;

namespace Assemblee.Veille.Application;

/// <summary>What an import did: items added, changed, left as they were, and alerts raised.</summary>
public sealed record ImportReport(int Meetings, int Items, int Added, int Changed, int Unchanged, int Alerts);

/// <summary>
/// Imports the Council's agenda: one transaction (a bad file changes nothing), imports taking turns. An item changes only
/// when its content or its scheduling does; each change raises one alert per body that follows the item (before or after the
/// change), with AgendaItemChanged for notifications. Items the file leaves out stay as they were.
/// </summary>
public sealed class AgendaImporting(NpgsqlDataSource dataSource, Outbox outbox, TimeProvider time)
{
    public async Task<ImportReport> ImportAsync(AgendaFile file, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var incoming = AgendaImport.Read(file, now).ToList();
        var meetings = file.Meetings!.Select(AgendaImport.Meeting).ToList();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await AdvisoryLock.TakeAsync(transaction, "veille:agenda-import", cancellationToken);
        var stored = await AgendaStore.LockAsync(transaction, [.. incoming.Select(entry => entry.Item.Id)],
            [.. meetings.Select(meeting => meeting.Id)], cancellationToken);
        var follows = await WatchStore.AllFollowsAsync(transaction, cancellationToken);
        foreach (var meeting in meetings)
        {
            await AgendaStore.SaveMeetingAsync(transaction, meeting, cancellationToken);
        }
        // Items of these meetings that the file leaves out keep their content, but move with their meeting.
        var inFile = incoming.Select(entry => entry.Item.Id).ToHashSet();
        var moved = stored.Values.Where(before => !inFile.Contains(before.Item.Id) && meetings.Any(m => m.Id == before.Item.MeetingId))
            .Select(before => (Meeting: meetings.First(m => m.Id == before.Item.MeetingId), before.Item));
        int added = 0, changed = 0, unchanged = 0, alerts = 0;
        foreach (var (meeting, item) in incoming.Concat(moved))
        {
            var before = stored.GetValueOrDefault(item.Id);
            var changes = AgendaChanges.Between(before, new ScheduledItem(item, meeting));
            if (changes.Count == 0)
            {
                unchanged++;
                continue;
            }
            if (before is null)
            {
                added++;
            }
            else
            {
                changed++;
            }
            var saved = item with { Revision = (before?.Item.Revision ?? 0) + 1, UpdatedAt = now };
            await AgendaStore.SaveItemAsync(transaction, saved, cancellationToken);
            var followers = Watch.Followers(saved, follows).Union(before is null ? [] : Watch.Followers(before.Item, follows));
            foreach (var bodyId in followers.Distinct())
            {
                if (await WatchStore.RaiseAsync(transaction, bodyId, saved, changes, now, cancellationToken))
                {
                    alerts++;
                    var message = new AgendaItemChanged(bodyId, saved.Id, saved.Reference, saved.Title, saved.Revision, changes, now);
                    await outbox.AddAsync(message,
                        transaction, cancellationToken);
                }
            }
        }
        await transaction.CommitAsync(cancellationToken);
        return new ImportReport(meetings.Count, incoming.Count, added, changed, unchanged, alerts);
    }
}
