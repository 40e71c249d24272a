using Assemblee.Common.Rules;

namespace Assemblee.Documents.Domain.Tests;

public sealed class MinutesTests
{
    private static readonly Guid Promotion = Guid.NewGuid();
    private static readonly Guid Housing = Guid.NewGuid();
    private static readonly NewDocument HousingMinutes =
        new(DocumentKinds.Minutes, Promotion, Housing, "Compte rendu", [new Section("", "…")], Guid.NewGuid());

    [Fact]
    public void Minutes_name_their_session_and_no_other_kind_does()
    {
        Assert.Empty(HousingMinutes.Validate());
        Assert.Contains("sessionId", (HousingMinutes with { SessionId = null }).Validate().Keys);
        Assert.Contains("sessionId", (HousingMinutes with { Kind = DocumentKinds.Voeu }).Validate().Keys);
    }

    [Fact]
    public void Minutes_record_a_session_of_their_promotion_and_atelier_that_was_not_cancelled()
    {
        Minutes.EnsureRecords(HousingMinutes, new RecordedSession(Promotion, Housing, "held"));

        Assert.Throws<RuleViolation>(() => Minutes.EnsureRecords(HousingMinutes, null));
        Assert.Throws<RuleViolation>(() => Minutes.EnsureRecords(HousingMinutes, new RecordedSession(Guid.NewGuid(), Housing, "held")));
        Assert.Throws<RuleViolation>(() => Minutes.EnsureRecords(HousingMinutes, new RecordedSession(Promotion, null, "held")));
        Assert.Throws<RuleViolation>(() => Minutes.EnsureRecords(HousingMinutes, new RecordedSession(Promotion, Housing, "cancelled")));
    }
}
