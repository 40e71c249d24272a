using Assemblee.Common.Rules;

namespace Assemblee.Membership.Domain.Tests;

/// <summary>What a body may give as its institutional mailboxes.</summary>
public sealed class BodyMailboxesTests
{
    [Theory]
    [InlineData("secretariat.jeunesse@paris.fr", true)]
    [InlineData("Conseil <jeunesse@paris.fr>", false)]
    [InlineData("jeunesse.paris.fr", false)]
    [InlineData("jeunesse@paris.fr, seniors@paris.fr", false)]
    [InlineData(" jeunesse@paris.fr", false)]
    public void A_mailbox_is_one_plain_address(string email, bool valid) => Assert.Equal(valid, BodyContacts.IsValid(email));

    [Fact]
    public void An_address_longer_than_smtp_allows_is_refused() =>
        Assert.False(BodyContacts.IsValid(new string('a', 250) + "@paris.fr"));

    [Fact]
    public void Each_wrong_mailbox_is_named_and_a_missing_one_is_fine()
    {
        var errors = new ValidationErrors().Validate(new BodyMailboxes("cabinet", null), "mailboxes.");

        Assert.Equal(["mailboxes.contact"], errors.Keys);
        Assert.Empty(new ValidationErrors().Validate(null));
    }
}
