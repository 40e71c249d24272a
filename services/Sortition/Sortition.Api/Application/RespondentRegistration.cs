using Assemblee.Common.Rules;
using Assemblee.Sortition.Data;
using Assemblee.Sortition.Domain;
using Npgsql;

namespace Assemblee.Sortition.Application;

/// <summary>An answer accepted (its respondent id), or the errors of a profile that cannot be used.</summary>
public sealed record RegistrationOutcome(Registered? Registered, ValidationErrors Errors);

/// <summary>Someone answers their letter: the rules decide, the store records, in one transaction that locks the draw.</summary>
public sealed class RespondentRegistration(NpgsqlDataSource dataSource, TimeProvider time)
{
    public async Task<RegistrationOutcome> RegisterAsync(RegistrationRequest request, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var invitation = await RespondentStore.FindForAnswerAsync(request.InvitationCode, transaction, cancellationToken)
            ?? throw RuleViolation.NotFound("No invitation has this code; check the letter.");
        var (answer, errors) = Registration.Check(invitation, request, time.GetUtcNow());
        if (answer is null)
        {
            return new RegistrationOutcome(null, errors);
        }
        var number = await RespondentStore.InsertAsync(invitation, answer, transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new RegistrationOutcome(new Registered(RespondentIds.Of(number), invitation.DrawId), errors);
    }
}
