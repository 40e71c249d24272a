using Assemblee.Common.Messaging;
using Assemblee.Common.Rules;
using Assemblee.Contracts.Membership;
using Assemblee.Membership.Data;
using Assemblee.Membership.Domain;
using Npgsql;

namespace Assemblee.Membership.Application;

/// <summary>A participatory body joins: its row and its BodyRegistered event, in one transaction.</summary>
public sealed class BodyRegistration(NpgsqlDataSource dataSource, Outbox outbox)
{
    /// <summary>Registers the body; refused when the id is taken.</summary>
    public async Task<Body> RegisterAsync(string id, string name, string kind, BodyMailboxes mailboxes,
        CancellationToken cancellationToken) =>
        await TryRegisterAsync(id, name, kind, mailboxes, cancellationToken)
        ?? throw RuleViolation.Conflict("body-already-registered", "Body already registered", $"A body with the id '{id}' already exists.");

    /// <summary>Registers the body; null when the id is taken (as when another replica registered it first).</summary>
    public async Task<Body?> TryRegisterAsync(string id, string name, string kind, BodyMailboxes mailboxes,
        CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (await BodyStore.InsertAsync(transaction, id, name, kind, mailboxes, cancellationToken) is not { } body)
        {
            return null;
        }
        await outbox.AddAsync(new BodyRegistered(body.Id, body.Name, body.Kind, body.RegisteredAt), transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return body;
    }
}
