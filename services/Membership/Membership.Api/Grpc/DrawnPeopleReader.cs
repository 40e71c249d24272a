using Assemblee.Contracts.People;
using Assemblee.Contracts.Sortition.V1;
using DrawnPeopleClient = Assemblee.Contracts.Sortition.V1.DrawnPeople.DrawnPeopleClient;

namespace Assemblee.Membership.Grpc;

/// <summary>
/// Reads from sortition, with membership's own credential, the contact details of the people a draw seated: sortition's
/// events name them by pseudonymous id only. A failure throws, so the event is retried and later redelivered.
/// </summary>
public sealed class DrawnPeopleReader(DrawnPeopleClient sortition)
{
    public async Task<IReadOnlyDictionary<string, DrawnPerson>> ReadAsync(
        string bodyId, Guid drawId, IEnumerable<string> respondentIds, CancellationToken cancellationToken)
    {
        var request = new GetDrawnPeopleRequest { BodyId = bodyId, DrawId = drawId.ToString() };
        request.RespondentIds.AddRange(respondentIds);
        var reply = await sortition.GetDrawnPeopleAsync(request, deadline: DateTime.UtcNow.AddSeconds(30),
            cancellationToken: cancellationToken);
        return reply.People.Select(DrawnPerson.FromMessage).ToDictionary(person => person.RespondentId);
    }
}
