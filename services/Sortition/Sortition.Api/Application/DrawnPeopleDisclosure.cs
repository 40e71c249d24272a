using Assemblee.Common.PersonalData;
using Assemblee.Common.Rules;
using Assemblee.Contracts.People;
using Assemblee.Sortition.Data;
using Npgsql;

namespace Assemblee.Sortition.Application;

/// <summary>
/// Hands the contact details of drawn people to the service that reaches them (membership), on request and never
/// through the broker; each read is logged, in the reading transaction, with the caller and the number of people.
/// </summary>
public sealed class DrawnPeopleDisclosure(NpgsqlDataSource dataSource, PersonalDataLog log)
{
    public async Task<IReadOnlyList<DrawnPerson>> ReadAsync(
        string bodyId, Guid drawId, IReadOnlyList<int> respondentNumbers, string caller, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var people = await PanelStore.SeatedPeopleAsync(transaction, bodyId, drawId, respondentNumbers, cancellationToken)
            ?? throw RuleViolation.NotFound($"Body '{bodyId}' has no draw '{drawId}'.");
        await log.WriteAsync(new PersonalDataAccess(bodyId, drawId.ToString(), caller, "drawn people's contact details", people.Count),
            transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return people;
    }
}
