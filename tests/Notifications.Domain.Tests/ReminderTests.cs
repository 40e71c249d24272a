using Assemblee.Notifications.Domain;

namespace Assemblee.Notifications.Domain.Tests;

public sealed class ReminderTests
{
    private static readonly DateTimeOffset Start = new(2027, 2, 9, 17, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_session_convened_days_ahead_is_recalled_the_day_before_at_the_same_hour()
    {
        Assert.Equal(new DateTimeOffset(2027, 2, 8, 17, 0, 0, TimeSpan.Zero), Reminders.DueAt(Start, Start.AddDays(-10)));
    }

    [Theory]
    [InlineData(-20)]
    [InlineData(-24)]
    public void A_session_convened_or_moved_less_than_a_day_ahead_gets_no_reminder_since_that_message_is_one(int hoursBefore)
    {
        Assert.Null(Reminders.DueAt(Start, Start.AddHours(hoursBefore)));
    }

    [Theory]
    [InlineData("convened", 0, true)]
    [InlineData("convened", 0.4, true)]
    [InlineData("convened", 60, false)]
    [InlineData("convened", -7200, false)]
    [InlineData("cancelled", 0, false)]
    [InlineData("postponed", 0, false)]
    public void A_reminder_holds_only_while_its_session_is_convened_at_the_start_it_recalls(string state, double secondsMoved,
        bool holds)
    {
        Assert.Equal(holds, Reminders.Holds(Start.AddTicks(1234), state, Start.AddSeconds(secondsMoved)));
    }
}
