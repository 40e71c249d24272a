using Assemblee.Common.Rules;

namespace Assemblee.Membership.Domain;

/// <summary>
/// The rules of a member's life from the draw to the end of the mandate, without I/O: each check throws the
/// <see cref="RuleViolation"/> a secretariat reads when a change is not allowed.
/// </summary>
public static class MemberTransitions
{
    /// <summary>Contact attempts and profile changes concern members who still hold their seat.</summary>
    public static void EnsureSeated(Member member)
    {
        if (member.State is not (MemberStates.Drawn or MemberStates.Active))
        {
            throw RuleViolation.Conflict("member-has-left", "Member has left", $"The member is {member.State}.");
        }
    }

    /// <summary>A parent's or guardian's consent is recorded once, for a minor who holds their seat.</summary>
    public static void EnsureConsentExpected(Member member)
    {
        if (!member.Minor)
        {
            throw RuleViolation.Conflict("not-a-minor", "Not a minor", "Only minor members need a parent's or guardian's consent.");
        }
        if (member.State is not (MemberStates.Drawn or MemberStates.Active) || member.ConsentRecorded)
        {
            throw RuleViolation.Conflict("consent-not-expected", "Consent not expected",
                member.ConsentRecorded ? "Consent is already recorded." : $"The member is {member.State}.");
        }
    }

    /// <summary>A drawn member confirms their seat; a minor only once consent is recorded.</summary>
    public static void EnsureConfirmable(Member member)
    {
        if (member.State != MemberStates.Drawn)
        {
            throw RuleViolation.Conflict("cannot-confirm", "Cannot confirm", $"Only a drawn member confirms; this one is {member.State}.");
        }
        if (member.Minor && !member.ConsentRecorded)
        {
            throw RuleViolation.Conflict("consent-required", "Consent required",
                "This member is a minor: record the consent of a parent or guardian (who, when and how) before confirming.");
        }
    }

    /// <summary>
    /// A drawn member declines or misses the deadline (only once it has passed); an active member resigns.
    /// <paramref name="kind"/> is one of the departure states, checked by the caller's validation.
    /// </summary>
    public static void EnsureDeparture(Member member, string kind, DateTimeOffset now)
    {
        var from = MemberStates.DepartureFrom[kind];
        if (member.State != from)
        {
            throw RuleViolation.Conflict("cannot-leave-that-way", "Cannot leave that way",
                $"'{kind}' applies to a {from} member; this one is {member.State}.");
        }
        if (kind == MemberStates.DeadlineMissed && now <= member.ConfirmationDeadline)
        {
            throw RuleViolation.Conflict("deadline-not-passed", "Deadline not passed",
                $"The member has until {member.ConfirmationDeadline:u} to confirm.");
        }
    }

    /// <summary>A seat is asked for again only when its member left and no substitute is designated yet.</summary>
    public static void EnsureVacant(Member member, bool substituteDesignated)
    {
        if (!MemberStates.DepartureFrom.ContainsKey(member.State) || substituteDesignated)
        {
            throw RuleViolation.Conflict("seat-not-vacant", "Seat not vacant", member.State is MemberStates.Drawn or MemberStates.Active
                ? $"The member is {member.State}." : "A substitute is already designated for this seat.");
        }
    }

    /// <summary>
    /// When sortition designates a substitute for a member who has not left in membership (the secretariat replaced
    /// them in sortition directly), how they leave: an active member resigned, a drawn one declined; null if they left.
    /// </summary>
    public static string? DepartureOnReplacement(Member leaving) => leaving.State switch
    {
        MemberStates.Active => MemberStates.Resigned,
        MemberStates.Drawn => MemberStates.Declined,
        _ => null,
    };
}

/// <summary>The rules of choosing an atelier, without I/O.</summary>
public static class AtelierChoice
{
    /// <summary>
    /// An active member joins an atelier: by their own choice while the promotion's choice is open, or moved by the
    /// secretariat at any time; a full atelier refuses. False when the member is already in it (nothing to do).
    /// </summary>
    public static bool EnsureCanJoin(
        string memberState, Guid? currentAtelier, Guid atelierId, string atelierName, int members, int capacity,
            DateTimeOffset? choiceClosesAt,
        bool bySecretariat, DateTimeOffset now)
    {
        if (memberState != MemberStates.Active)
        {
            throw RuleViolation.Conflict("not-an-active-member", "Not an active member",
                $"Only active members of this promotion join its ateliers; this one is {memberState}.");
        }
        if (currentAtelier == atelierId)
        {
            return false;
        }
        if (!bySecretariat && choiceClosesAt is { } closes && now >= closes)
        {
            throw RuleViolation.Conflict("choice-closed", "Choice closed",
                $"Members chose their atelier until {closes:u}; ask the secretariat to move you.");
        }
        if (members >= capacity)
        {
            throw RuleViolation.Conflict("atelier-full", "Atelier full",
                $"'{atelierName}' has its {capacity} members; choose another atelier.");
        }
        return true;
    }
}
