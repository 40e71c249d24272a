namespace Assemblee.Documents.Domain.Tests;

public sealed class DrawRecordsTests
{
    private const string Record = """
        # Procès-verbal of the draw: Promotion 2027

        ## What was drawn

        - Panel of 100 people from a pool of 1,200 respondents.

        | category | value | min | max | respondents |
        | --- | --- | ---: | ---: | ---: |
        | gender | female | 48 | 52 | 610 |

        ## The draw

        ### Members

        R0001, R0002

        ## How to check it

        Anyone can recompute this draw from the JSON record.

        """;

    [Fact]
    public void A_procès_verbal_keeps_its_title_and_one_section_per_part_and_publishes_as_the_same_text()
    {
        var text = DrawRecords.Read(Record.ReplaceLineEndings("\n"));

        Assert.Equal("Procès-verbal of the draw: Promotion 2027", text.Title);
        Assert.Equal(["What was drawn", "The draw", "How to check it"], text.Sections.Select(section => section.Heading));
        Assert.Equal("### Members\n\nR0001, R0002", text.Sections[1].Markdown);
        Assert.Equal(Record.ReplaceLineEndings("\n"), Publishing.Markdown(text.Title, text.Sections));
        Assert.Empty(text.Validate(DocumentKinds.DrawRecord));
    }

    [Fact]
    public void A_procès_verbal_is_not_a_kind_people_start()
    {
        var started = new NewDocument(DocumentKinds.DrawRecord, Guid.NewGuid(), null, "PV", [new Section("", "…")], null);

        Assert.Contains("kind", started.Validate().Keys);
    }
}
