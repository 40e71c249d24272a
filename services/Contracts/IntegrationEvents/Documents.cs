using MassTransit;

namespace Assemblee.Contracts.Documents;

/// <summary>
/// A document was validated: by the members' vote (<paramref name="VoteId"/>, from sessions' VoteClosed) or by a paper vote the
/// secretariat recorded (no vote id). <paramref name="Version"/> is the text validated.
/// </summary>
[Event("documents.document-validated.v1")]
public sealed record DocumentValidated(
    string BodyId, Guid DocumentId, string Kind, int Version, string By, Guid? VoteId, DateTimeOffset ValidatedAt);
