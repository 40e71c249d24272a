using Assemblee.Notifications.Domain;

namespace Assemblee.Notifications.Domain.Tests;

public sealed class PreferencesTests
{
    private static readonly QuietHours Night = new(new TimeOnly(21, 0), new TimeOnly(8, 0));

    [Theory]
    [InlineData("2027-01-15T19:59:00Z", "2027-01-15T19:59:00Z")] // 20:59 in Paris (winter, UTC+1): not yet quiet
    [InlineData("2027-01-15T20:00:00Z", "2027-01-16T07:00:00Z")] // 21:00: until 08:00 the next morning
    [InlineData("2027-01-16T03:30:00Z", "2027-01-16T07:00:00Z")] // 04:30: until 08:00 that morning
    [InlineData("2027-07-15T05:00:00Z", "2027-07-15T06:00:00Z")] // 07:00 in summer (UTC+2): until 08:00, 06:00 UTC
    [InlineData("2027-01-16T07:00:00Z", "2027-01-16T07:00:00Z")] // 08:00 sharp: allowed
    public void Quiet_hours_across_midnight_hold_a_message_until_they_end_in_Paris_time(string now, string allowed)
    {
        Assert.Equal(DateTimeOffset.Parse(allowed), Night.NextAllowed(DateTimeOffset.Parse(now)));
    }

    [Fact]
    public void Quiet_hours_within_a_day_hold_only_inside_them()
    {
        var lunch = new QuietHours(new TimeOnly(12, 0), new TimeOnly(14, 0));

        Assert.Equal(DateTimeOffset.Parse("2027-01-15T13:00:00Z"), lunch.NextAllowed(DateTimeOffset.Parse("2027-01-15T11:30:00Z")));
        Assert.Equal(DateTimeOffset.Parse("2027-01-15T10:00:00Z"), lunch.NextAllowed(DateTimeOffset.Parse("2027-01-15T10:00:00Z")));
    }

    [Fact]
    public void A_kind_goes_by_its_own_channel_unless_chosen_otherwise_and_a_letter_the_law_requires_always_goes()
    {
        var chosen = new Preferences("en", null, new Dictionary<string, IReadOnlyList<string>>
        {
            ["convocation"] = ["sms"],
            ["invitation"] = [],
        });

        Assert.Equal(["email"], Preferences.Default.ChannelsFor(MessageKinds.Convocation));
        Assert.Equal(["sms"], chosen.ChannelsFor(MessageKinds.Convocation));
        Assert.Equal(["letter"], chosen.ChannelsFor(MessageKinds.Invitation));
        Assert.Empty(Preferences.Default.WithoutEmail(MessageKinds.Convocation).ChannelsFor(MessageKinds.Convocation));
    }

    [Fact]
    public void Unknown_languages_kinds_and_channels_are_refused_by_field()
    {
        var errors = Preferences.Validate("de", new Dictionary<string, string[]>
        {
            ["newsletter"] = ["email"],
            ["convocation"] = ["pigeon"],
            ["invitation"] = ["email"],
        });

        Assert.Equal(["channels.convocation", "channels.invitation", "channels.newsletter", "language"], errors.Keys.Order());
        Assert.Empty(Preferences.Validate("fr", new Dictionary<string, string[]> { ["convocation"] = ["email", "sms"] }));
    }
}
