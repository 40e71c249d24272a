using System.Security.Cryptography;
using System.Text;
using Assemblee.Common.Messaging;
using Assemblee.Common.Rules;
using Assemblee.Contracts.Sortition;
using Assemblee.Sortition.Data;
using Assemblee.Sortition.Domain;
using Assemblee.Sortition.Engine.Randomness;
using Npgsql;

namespace Assemblee.Sortition.Application;

public sealed record InvitationSummary(int Invitations, IReadOnlyDictionary<string, int> BySeatGroup, int Strata);

/// <summary>
/// Stage 1: draws each seat group's invitations from its source list, stratified as the specification says, keeps
/// what the letters need, and erases the rest of the lists by dropping the draw's partition, in one transaction.
/// </summary>
public sealed class InvitationDraw(NpgsqlDataSource dataSource, Outbox outbox, TimeProvider time)
{
    public async Task<InvitationSummary?> DrawAsync(Draw draw, string seed, CancellationToken cancellationToken)
    {
        var specification = draw.Specification;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (!await InvitationStore.ClaimAsync(transaction, draw.Id, seed, cancellationToken))
        {
            return null;
        }

        var bySeatGroup = new Dictionary<string, int>();
        var strataCount = 0;
        var invitations = new List<(SeatGroup Group, int Stratum, int Line)>();
        foreach (var group in specification.SeatGroups)
        {
            var strata = await InvitationStore.EligibleAsync(transaction, draw.Id, group, cancellationToken);
            var eligible = strata.Sum(s => s.Lines.Length);
            if (eligible < group.Seats)
            {
                throw RuleViolation.Unprocessable("not-enough-people", "Not enough people",
                    $"Seat group {group.Name}: the list '{group.SourceList}' has {eligible} eligible people for {group.Seats} seats.");
            }
            var random = new DrawRandom(SHA256.HashData(Encoding.UTF8.GetBytes($"assemblee-invitations/1\n{seed}\n{group.Name}\n")));
            var chosen = StratifiedSample.Select(strata, group.Invitations, random);
            strataCount += strata.Count;
            bySeatGroup[group.Name] = chosen.Count;
            invitations.AddRange(chosen.Select(c => (group, c.Stratum, c.Item)));
        }
        await InvitationStore.StoreAsync(transaction, draw.Id, specification, invitations, cancellationToken);
        // The uninvited are erased with the lists.
        await InvitationStore.DropListsAsync(transaction, draw.Id, specification.SourceLists.Count, cancellationToken);
        var now = time.GetUtcNow();
        await outbox.AddAsync(new InvitationsDrawn(draw.Id, draw.BodyId, specification.Title, invitations.Count, bySeatGroup,
            specification.ResponseDeadline, now), transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new InvitationSummary(invitations.Count, bySeatGroup, strataCount);
    }
}
