using System.Globalization;
using System.Text;

namespace Assemblee.Sortition.Engine.Lottery;

/// <summary>The draw record as a document a citizen can read (Markdown), next to its JSON.</summary>
public static class ProcesVerbal
{
    public static string Render(DrawRecord record)
    {
        var culture = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine(culture, $"# Procès-verbal of the draw{(record.Title is null ? "" : $": {record.Title}")}").AppendLine();
        text.AppendLine("## What was drawn").AppendLine();
        text.AppendLine(culture, $"- Panel of {record.PanelSize} people from a pool of {record.Pool.Count} respondents.");
        text.AppendLine(culture, $"- {(record.OneOfEachHousehold ? "At most one person per household." : "No household rule.")}");
        text.AppendLine(culture, $"- {record.SubstituteCount} substitutes, in order.").AppendLine();
        text.AppendLine("| category | value | min | max | respondents |").AppendLine("| --- | --- | ---: | ---: | ---: |");
        foreach (var quota in record.Quotas)
        {
            var c = record.Categories.ToList().IndexOf(quota.Category);
            var respondents = record.Pool.Count(p => p.Features[c] == quota.Feature);
            text.AppendLine(culture, $"| {quota.Category} | {quota.Feature} | {quota.Min} | {quota.Max} | {respondents} |");
        }
        text.AppendLine().AppendLine("## How the lottery was made").AppendLine();
        var probabilities = record.Pool.Select(p => p.Probability).DefaultIfEmpty(0).ToList();
        text.Append(culture, $"- Algorithm: {record.Algorithm} (LEXIMIN, Flanigan et al., Nature 2021): ")
            .AppendLine("the smallest chance of selection is as large as the quotas allow.");
        text.AppendLine(culture, $"- Chances of selection range from {probabilities.Min():P2} to {probabilities.Max():P2}.");
        text.Append(culture, $"- The lottery was rounded to {record.Panels.Count} equally likely panels, published in the JSON record; ")
            .AppendLine(culture, $"no one's chance moved by more than {record.MaxDeviation:P3}.");
        text.AppendLine(culture,
            $"- Commitment, published on {record.CommittedAt:yyyy-MM-dd HH:mm} UTC before any randomness existed: `{record.Commitment}`.");
        if (!record.IsDrawn)
        {
            text.AppendLine().AppendLine("The draw has not taken place yet.");
            return text.ToString();
        }
        text.AppendLine().AppendLine("## The draw").AppendLine();
        text.AppendLine(culture, $"- Dice: `{record.Dice}`; public beacon value: `{record.Beacon}`.");
        text.AppendLine(culture, $"- Seed (SHA-256 of dice, beacon and commitment): `{record.Seed}`.");
        text.AppendLine(culture, $"- Panel drawn: number {record.PanelIndex} of {record.Panels.Count}.").AppendLine();
        text.AppendLine("### Members").AppendLine().AppendLine(string.Join(", ", record.Members ?? [])).AppendLine();
        text.AppendLine("### Substitutes, in order").AppendLine().AppendLine(string.Join(", ", record.Substitutes ?? [])).AppendLine();
        if (record.Replacements is { Count: > 0 } replacements)
        {
            text.AppendLine("### Replacements").AppendLine()
                .AppendLine("| date | leaving | substitute | reason |").AppendLine("| --- | --- | --- | --- |");
            foreach (var r in replacements)
            {
                text.AppendLine(culture, $"| {r.At:yyyy-MM-dd} | {r.Leaving} | {r.Substitute} | {r.Reason} |");
            }
            text.AppendLine();
        }
        text.AppendLine("## How to check it").AppendLine();
        text.AppendLine("Anyone can recompute this draw from the JSON record: `sortition verify --record record.json`.");
        return text.ToString();
    }
}
