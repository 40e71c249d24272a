using Assemblee.Common.Rules;

namespace Assemblee.Sortition.Domain;

/// <summary>An answer to an invitation, with the self-declared profile (one value per quota category).</summary>
public sealed record RegistrationRequest(string InvitationCode, Dictionary<string, string>? Profile, string? Email, string? Phone);

/// <summary>What sortition holds about the invitation being answered, read under a lock on its draw.</summary>
public sealed record AnsweredInvitation(
    Guid InvitationId, Guid DrawId, string SeatGroup, DateOnly? BirthDate, DrawSpecification Specification, string DrawState,
    bool AlreadyAnswered, bool AlreadySelected);

/// <summary>An accepted answer: the profile in quota categories and the contact data given.</summary>
public sealed record AcceptedAnswer(IReadOnlyDictionary<string, string> Profile, string? Email, string? Phone);

/// <summary>The rules of answering an invitation, without I/O.</summary>
public static class Registration
{
    /// <summary>
    /// Refuses (with a <see cref="RuleViolation"/>) an answer the draw can no longer take or a person it cannot seat;
    /// otherwise returns the answer, or the errors of a profile that cannot be used.
    /// </summary>
    public static (AcceptedAnswer? Answer, ValidationErrors Errors) Check(
        AnsweredInvitation invitation, RegistrationRequest request, DateTimeOffset now)
    {
        var specification = invitation.Specification;
        if (invitation.AlreadyAnswered)
        {
            throw RuleViolation.Conflict("already-registered", "Already registered", "This invitation has already been answered.");
        }
        if (invitation.DrawState is not (DrawStates.Invited or DrawStates.Infeasible) || now > specification.ResponseDeadline
            || invitation.BirthDate is not { } birthDate)
        {
            throw RuleViolation.Conflict("registration-closed", "Registration closed",
                $"Answers were accepted until {specification.ResponseDeadline:yyyy-MM-dd HH:mm} UTC.");
        }
        var group = specification.SeatGroups.Single(g => g.Name == invitation.SeatGroup);
        var age = specification.AgeAt(birthDate);
        if (age < group.MinAge || age > group.MaxAge)
        {
            throw RuleViolation.Unprocessable("not-eligible", "Not eligible",
                $"The {group.Name} seats are for people aged {group.MinAge} to {group.MaxAge} "
                + $"on {specification.ReferenceDate:yyyy-MM-dd}.");
        }
        if (invitation.AlreadySelected)
        {
            throw RuleViolation.Unprocessable("not-eligible", "Not eligible", "This person has already been selected for this body.");
        }
        var (profile, errors) = Profile(specification, request.Profile ?? [], birthDate, invitation.SeatGroup);
        var email = Blank(request.Email);
        var phone = Blank(request.Phone);
        errors.Require(email is null || (email.Length <= 254 && email.Contains('@', StringComparison.Ordinal)), "email",
            new FieldRule("email", "This is not an e-mail address."));
        errors.Require(phone is null || (phone.Length <= 20 && phone.All(c => char.IsDigit(c) || c is '+' or ' ' or '.')), "phone",
            new FieldRule("phone", "This is not a phone number."));
        return errors.Count > 0 ? (null, errors) : (new AcceptedAnswer(profile, email, phone), errors);
    }

    /// <summary>The profile in quota categories: seat group from the invitation, age class from the list, the rest declared.</summary>
    private static (Dictionary<string, string> Profile, ValidationErrors Errors) Profile(
        DrawSpecification specification, IReadOnlyDictionary<string, string> declared, DateOnly birthDate, string seatGroup)
    {
        var profile = new Dictionary<string, string> { [DrawSpecification.SeatGroupCategory] = seatGroup };
        var errors = new ValidationErrors();
        foreach (var category in specification.Categories)
        {
            if (category.Name == DrawSpecification.AgeCategory && specification.AgeClasses.Count > 0)
            {
                if (specification.AgeClassOf(birthDate) is { } ageClass)
                {
                    profile[category.Name] = ageClass;
                }
                else
                {
                    errors.Add(category.Name, new FieldRule("no-age-class", "No age class of this draw covers this person's age."));
                }
                continue;
            }
            var values = category.Values.Select(v => v.Value).ToList();
            if (!declared.TryGetValue(category.Name, out var value) || !values.Contains(value))
            {
                var listed = string.Join(", ", values);
                errors.Add($"profile.{category.Name}", category.Name == "arrondissement"
                    ? new FieldRule("residents-only", $"Only residents can take part: the arrondissement must be one of {listed}.", listed)
                    : FieldRule.OneOf(values));
                continue;
            }
            profile[category.Name] = value;
        }
        foreach (var unknown in declared.Keys.Where(k => specification.Categories.All(c => c.Name != k)))
        {
            errors.Add($"profile.{unknown}", new FieldRule("not-asked", "This draw does not ask this question."));
        }
        return (profile, errors);
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
