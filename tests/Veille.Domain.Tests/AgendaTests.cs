namespace Assemblee.Veille.Domain.Tests;

public sealed class AgendaTests
{
    private static readonly DateTimeOffset Start = new(2027, 2, 9, 9, 0, 0, TimeSpan.FromHours(1));

    private static ItemEntry Entry(string id, string title = "Budget primitif", string commission = "1re commission") =>
        new(id, "12", "2027 DFA 12", "deliberation", title, commission, "Paul Simondon", ["Budget", "budget"],
            [new Paper("Exposé des motifs", "https://cdn.paris.fr/12.pdf")]);

    private static AgendaFile File(params ItemEntry[] items) =>
        new([new MeetingEntry("cp-2027-02", "Conseil de février", Start, null, items)]);

    private static ScheduledItem Stored(AgendaFile file, string id)
    {
        var (meeting, item) = AgendaImport.Read(file, DateTimeOffset.UnixEpoch).Single(entry => entry.Item.Id == id);
        return new ScheduledItem(item, meeting);
    }

    [Fact]
    public void Every_error_of_a_file_is_named_by_its_path_and_a_good_file_has_none()
    {
        var wrong = Entry("a") with { Kind = "edict", AuxiliaryFile = [new Paper("x", "ftp://x")] };
        var errors = AgendaImport.Validate(File(Entry("a"), wrong));

        Assert.Empty(AgendaImport.Validate(File(Entry("a"), Entry("b"))));
        Assert.Equal(["meetings[0].agendaItem[1].auxiliaryFile", "meetings[0].agendaItem[1].id", "meetings[0].agendaItem[1].kind"],
            errors.Keys.Order());
        Assert.Contains("meetings", AgendaImport.Validate(new AgendaFile([])).Keys);
        Assert.Contains("meetings", AgendaImport.Validate(null).Keys);
        // A JSON null where an entry should be is an error like any other, not a crash.
        Assert.Contains("meetings", AgendaImport.Validate(new AgendaFile([null!])).Keys);
        Assert.Equal(["meetings[0].agendaItem[1]"], AgendaImport.Validate(File(Entry("a"), null!)).Keys);
        Assert.Contains("meetings[0].agendaItem[0].auxiliaryFile",
            AgendaImport.Validate(File(Entry("a") with { AuxiliaryFile = [null!] })).Keys);
    }

    [Fact]
    public void An_item_read_twice_is_unchanged_and_each_change_is_named()
    {
        var before = Stored(File(Entry("a")), "a");
        var moved = File(Entry("a")) with
        {
            Meetings = [new MeetingEntry("cp-2027-02", "Conseil de février", Start.AddDays(7), null, [Entry("a", "Budget 2027")])],
        };

        Assert.Equal(["budget"], before.Item.Themes);
        Assert.Empty(AgendaChanges.Between(before, Stored(File(Entry("a")), "a")));
        Assert.Equal([AgendaChanges.Added], AgendaChanges.Between(null, before));
        Assert.Equal([AgendaChanges.Scheduling, "title"], AgendaChanges.Between(before, Stored(moved, "a")));
        Assert.Equal(["commission"], AgendaChanges.Between(before, Stored(File(Entry("a", commission: "2e commission")), "a")));
    }

    [Fact]
    public void Times_are_kept_to_the_microsecond_so_that_a_re_import_compares_equal_to_what_was_stored()
    {
        var meeting = AgendaImport.Meeting(new MeetingEntry("m", "M", Start.AddTicks(7), null, []));

        Assert.Equal(Start.AddTicks(0).UtcTicks, meeting.StartsAt.UtcTicks);
        Assert.Equal(TimeSpan.Zero, meeting.StartsAt.Offset);
    }

    [Fact]
    public void A_body_following_an_item_by_several_ways_is_alerted_once()
    {
        var item = Stored(File(Entry("a")), "a").Item;
        Follow[] follows =
        [
            new("youth", Follow.Commission, "1RE COMMISSION"), new("youth", Follow.Theme, "budget"), new("housing", Follow.Item, "a"),
            new("seniors", Follow.Item, "b"), new("europeans", Follow.Theme, "climat"),
        ];

        Assert.Equal(["housing", "youth"], Watch.Followers(item, follows));
        Assert.Equal("1re commission", Follow.Normalize(Follow.Commission, " 1RE Commission "));
        Assert.Contains("targetKind", Follow.Validate("person", "x").Keys);
    }
}
