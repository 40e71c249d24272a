namespace Assemblee.Sortition.Domain.Tests;

/// <summary>The invitation code typed from a letter, and the keys that recognise a person or a household unread.</summary>
public sealed class InvitationKeysTests
{
    [Fact]
    public void A_code_has_ten_characters_none_of_which_can_be_misread_from_paper()
    {
        var codes = Enumerable.Range(0, 200).Select(_ => InvitationKeys.NewCode()).ToList();

        Assert.All(codes, code => Assert.Equal(10, code.Length));
        Assert.DoesNotContain(codes.SelectMany(code => code), c => "01IO".Contains(c));
        Assert.Equal(codes.Count, codes.Distinct().Count());
    }

    [Fact]
    public void The_same_address_in_another_case_is_the_same_household_but_not_in_another_postcode()
    {
        var household = InvitationKeys.HouseholdKey("12 rue des Rosiers", "75004");

        Assert.Equal(household, InvitationKeys.HouseholdKey("12 RUE DES ROSIERS", "75004"));
        Assert.NotEqual(household, InvitationKeys.HouseholdKey("12 rue des Rosiers", "75011"));
        Assert.DoesNotContain("Rosiers", household, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void A_person_is_recognised_by_their_reference_within_one_list_only()
    {
        Assert.Equal(InvitationKeys.PersonKey("electoral", "E-1"), InvitationKeys.PersonKey("electoral", "E-1"));
        Assert.NotEqual(InvitationKeys.PersonKey("electoral", "E-1"), InvitationKeys.PersonKey("minors", "E-1"));
    }
}
