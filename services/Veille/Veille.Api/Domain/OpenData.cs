using System.Globalization;
using System.ServiceModel.Syndication;
using System.Text;
using System.Xml;
using CsvHelper;

namespace Assemblee.Veille.Domain;

/// <summary>A line of the public register: what was asked of whom, by which bodies, where it stands, and whether it is late.</summary>
public sealed record RegisterEntry(
    Guid Id, string BodyId, IReadOnlyList<string> CoSigners, string Kind, string Title, string AddresseeKind, string Addressee,
    IReadOnlyList<string> ItemIds, IReadOnlyList<string> Themes, string State, DateTimeOffset SubmittedAt, DateTimeOffset? AnswerDue,
    DateTimeOffset? FirstAnsweredAt, bool Overdue, DateTimeOffset UpdatedAt)
{
    public static RegisterEntry Of(Question question, IEnumerable<string> cosigners, DateTimeOffset now) => new(question.Id,
        question.BodyId, [.. cosigners], question.Kind, question.Title, question.AddresseeKind, question.Addressee, question.ItemIds,
        question.Themes, question.State, question.SubmittedAt!.Value, question.AnswerDue, question.FirstAnsweredAt,
        question.IsOverdue(now), question.UpdatedAt);
}

/// <summary>The register as open data: CSV (RFC 4180, lists joined with '|') and an Atom feed (RFC 4287), newest first.</summary>
public static class OpenData
{
    public static string Csv(IEnumerable<RegisterEntry> entries)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = CsvWriter.Create(text, CsvWriterOptions.Default, true))
        {
            csv.WriteRecord([
                "id", "body", "co_signers", "kind", "title", "addressee_kind", "addressee", "items", "themes", "state", "submitted_at",
                "answer_due", "first_answered_at", "overdue",
            ]);
            foreach (var entry in entries)
            {
                csv.WriteRecord([
                    entry.Id.ToString(), entry.BodyId, string.Join('|', entry.CoSigners), entry.Kind, entry.Title, entry.AddresseeKind,
                    entry.Addressee, string.Join('|', entry.ItemIds), string.Join('|', entry.Themes), entry.State, Time(entry.SubmittedAt),
                    Time(entry.AnswerDue), Time(entry.FirstAnsweredAt), entry.Overdue ? "true" : "false",
                ]);
            }
        }
        return text.ToString();
    }

    /// <summary>The feed: one entry per question, updated at its last step, linking to its page in the register.</summary>
    public static string Atom(IReadOnlyList<RegisterEntry> entries, Uri publicUrl)
    {
        var feed = new SyndicationFeed("Veille et Interpellation : registre des questions",
            "Questions et interpellations des instances participatives de Paris à l'exécutif, et leurs réponses.",
            new Uri(publicUrl, "/api/veille/register"), "urn:assemblee:veille:register",
            entries.Count == 0 ? DateTimeOffset.UnixEpoch : entries.Max(entry => entry.UpdatedAt))
        {
            Language = "fr",
            Items = entries.Select(entry =>
            {
                var item = new SyndicationItem
                {
                    Id = $"urn:uuid:{entry.Id}",
                    Title = new TextSyndicationContent(entry.Title),
                    Summary = new TextSyndicationContent(
                        $"{entry.Kind} de {string.Join(", ", [entry.BodyId, .. entry.CoSigners])} à {entry.Addressee} : {entry.State}"
                        + (entry.Overdue ? " (réponse en retard)" : "")),
                    LastUpdatedTime = entry.UpdatedAt,
                    PublishDate = entry.SubmittedAt,
                };
                item.Links.Add(SyndicationLink.CreateAlternateLink(new Uri(publicUrl, $"/api/veille/register/{entry.Id}")));
                item.Authors.Add(new SyndicationPerson { Name = entry.BodyId });
                item.Categories.Add(new SyndicationCategory(entry.Kind));
                item.Categories.Add(new SyndicationCategory(entry.State));
                return item;
            }).ToList(),
        };
        var output = new StringBuilder();
        using (var writer = XmlWriter.Create(output, new XmlWriterSettings { Indent = true, Encoding = Encoding.UTF8 }))
        {
            new Atom10FeedFormatter(feed).WriteTo(writer);
        }
        return output.ToString();
    }

    private static string Time(DateTimeOffset? at) => at?.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture) ?? "";
}
