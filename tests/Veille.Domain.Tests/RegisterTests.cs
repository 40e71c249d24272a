using System.Xml.Linq;

namespace Assemblee.Veille.Domain.Tests;

public sealed class RegisterTests
{
    private static readonly DateTimeOffset Now = new(2027, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private static Question Asked(string body, double submittedDaysAgo, double? answeredAfterDays,
        string kind = QuestionKinds.WrittenQuestion)
    {
        var submitted = Now.AddDays(-submittedDaysAgo);
        return new Question(Guid.NewGuid(), body, kind, "Titre, avec « virgule »", "Texte", Addressees.Deputy, "Adjointe",
            ["2027-DFA-12"],
            ["budget"], answeredAfterDays is null ? QuestionStates.Submitted : QuestionStates.Answered, submitted, submitted,
            submitted + QuestionKinds.AnswerTime(kind), answeredAfterDays is { } days ? submitted.AddDays(days) : null, null, null, null,
            false, Now);
    }

    [Fact]
    public void Statistics_count_per_body_and_overall_with_the_median_time_and_the_share_answered_in_time()
    {
        Question[] questions =
        [
            Asked("youth", 100, 10), Asked("youth", 100, 40), Asked("youth", 100, 20), Asked("youth", 40, null), Asked("youth", 5, null),
            Asked("seniors", 3, null),
            Asked("seniors", 50, null, QuestionKinds.Referral),
        ];

        var statistics = Statistics.Of(questions, Now).ToDictionary(row => row.BodyId);

        var youth = statistics["youth"];
        Assert.Equal((5, 3, 2, 1), (youth.Submitted, youth.Answered, youth.AnsweredInTime, youth.Overdue));
        Assert.Equal(20, youth.MedianDaysToAnswer);
        // Two in time out of the four whose deadline is settled (three answered, one overdue); the fifth is still within it.
        Assert.Equal(0.5, youth.ShareAnsweredInTime);
        Assert.Equal((1, 0, null, null), (statistics["seniors"].Submitted, statistics["seniors"].Overdue,
            statistics["seniors"].MedianDaysToAnswer, statistics["seniors"].ShareAnsweredInTime));
        Assert.Equal(6, statistics[Statistics.AllBodies].Submitted);
    }

    [Fact]
    public void The_csv_quotes_free_text_and_the_atom_feed_links_each_question_to_its_page()
    {
        var question = Asked("youth", 40, null);
        var entry = RegisterEntry.Of(question, ["assembly", "seniors"], Now);

        var csv = OpenData.Csv([entry]).Split("\r\n");
        var feed = XDocument.Parse(OpenData.Atom([entry], new Uri("https://participer.paris.fr")));
        XNamespace atom = "http://www.w3.org/2005/Atom";

        Assert.StartsWith("id,body,co_signers,kind,title,", csv[0]);
        Assert.Equal($"{question.Id},youth,assembly|seniors,written-question,\"Titre, avec « virgule »\",deputy,Adjointe,2027-DFA-12,"
            + "budget,submitted,2027-01-20T12:00:00Z,2027-02-19T12:00:00Z,,true", csv[1]);
        var item = Assert.Single(feed.Root!.Elements(atom + "entry"));
        Assert.Equal($"urn:uuid:{question.Id}", item.Element(atom + "id")!.Value);
        Assert.Equal($"https://participer.paris.fr/api/veille/register/{question.Id}",
            item.Element(atom + "link")!.Attribute("href")!.Value);
        Assert.Contains("réponse en retard", item.Element(atom + "summary")!.Value);
    }
}
