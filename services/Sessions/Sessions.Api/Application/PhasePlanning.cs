using Assemblee.Common.Data;
using Assemblee.Common.Rules;
using Assemblee.Sessions.Data;
using Assemblee.Sessions.Domain;
using Npgsql;

namespace Assemblee.Sessions.Application;

/// <summary>Adds a phase to a promotion's mandate, checked against the others under a lock so that two at once cannot overlap.</summary>
public sealed class PhasePlanning(NpgsqlDataSource dataSource)
{
    /// <summary>The phase added, or the request's errors (an overlap among them) and nothing added.</summary>
    public async Task<(Phase? Phase, ValidationErrors Errors)> AddAsync(string bodyId, Guid promotionId, PhaseRequest request,
        CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await AdvisoryLock.TakeAsync(transaction, $"phases:{promotionId}", cancellationToken);
        var errors = request.Validate(await PhaseStore.ListAsync(transaction, bodyId, promotionId, cancellationToken));
        if (errors.Count > 0)
        {
            return (null, errors);
        }
        var phase = new Phase(Guid.NewGuid(), bodyId, promotionId, request.Name.Trim(), request.Description?.Trim() ?? "",
            request.StartsOn, request.EndsOn);
        await PhaseStore.InsertAsync(transaction, phase, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (phase, errors);
    }
}
