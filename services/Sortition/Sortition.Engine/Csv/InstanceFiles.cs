using System.Globalization;
using Assemblee.Sortition.Engine.Model;

namespace Assemblee.Sortition.Engine.Csv;

/// <summary>
/// The exchange format of the research tools and Panelot: categories.csv (category,feature,min,max) and
/// respondents.csv (one column per category, optional id column; rows are numbered when there is none).
/// </summary>
public static class InstanceFiles
{
    public static SelectionProblem Read(string categoriesPath, string respondentsPath, int panelSize)
    {
        using var categories = new StreamReader(categoriesPath);
        using var respondents = new StreamReader(respondentsPath);
        return Read(categories, respondents, panelSize, Path.GetFileName(categoriesPath), Path.GetFileName(respondentsPath));
    }

    public static SelectionProblem Read(TextReader categoriesReader, TextReader respondentsReader, int panelSize,
        string categoriesName = "categories.csv", string respondentsName = "respondents.csv")
    {
        var quotas = ReadQuotas(categoriesReader, categoriesName);
        var categories = quotas.Select(q => q.Category).Distinct().ToList();
        var pool = ReadRespondents(respondentsReader, respondentsName, categories, quotas);
        return new SelectionProblem(categories, quotas, pool, panelSize);
    }

    /// <summary>Writes a problem in the same format (fields are plain words: no quoting needed).</summary>
    public static void Write(SelectionProblem problem, string directory)
    {
        Directory.CreateDirectory(directory);
        File.WriteAllLines(Path.Combine(directory, "categories.csv"),
            ["category,feature,min,max", .. problem.Quotas.Select(q => $"{q.Category},{q.Feature},{q.Min},{q.Max}")]);
        File.WriteAllLines(Path.Combine(directory, "respondents.csv"),
            [string.Join(',', ["id", .. problem.Categories]), .. problem.Pool.Select(p => string.Join(',', [p.Id, .. p.Features]))]);
    }

    private static List<Quota> ReadQuotas(TextReader reader, string file)
    {
        var errors = new List<string>();
        var quotas = new List<Quota>();
        var records = CsvReader.Read(reader).ToList();
        if (records.Count == 0 || !records[0].Fields.Select(f => f.Trim().ToLowerInvariant()).SequenceEqual(["category", "feature", "min",
            "max"]))
        {
            throw new CsvFormatException(file, ["line 1: the header must be category,feature,min,max"]);
        }
        foreach (var (line, fields) in records.Skip(1))
        {
            if (fields.Length != 4)
            {
                errors.Add($"line {line}: expected 4 fields, found {fields.Length}");
                continue;
            }
            if (!int.TryParse(fields[2], NumberStyles.None, CultureInfo.InvariantCulture, out var min) ||
                !int.TryParse(fields[3], NumberStyles.None, CultureInfo.InvariantCulture, out var max))
            {
                errors.Add($"line {line}: min and max must be whole numbers");
                continue;
            }
            if (min > max)
            {
                errors.Add($"line {line}: min {min} is above max {max}");
            }
            if (string.IsNullOrWhiteSpace(fields[0]) || string.IsNullOrWhiteSpace(fields[1]))
            {
                errors.Add($"line {line}: category and feature are required");
            }
            quotas.Add(new Quota(fields[0].Trim(), fields[1].Trim(), min, max));
        }
        foreach (var duplicate in quotas.GroupBy(q => (q.Category, q.Feature)).Where(g => g.Count() > 1))
        {
            errors.Add($"{duplicate.Key.Category}/{duplicate.Key.Feature} is listed {duplicate.Count()} times");
        }
        return errors.Count > 0 ? throw new CsvFormatException(file, errors) : quotas;
    }

    private static List<Respondent> ReadRespondents(TextReader reader, string file, List<string> categories, List<Quota> quotas)
    {
        var records = CsvReader.Read(reader).ToList();
        if (records.Count == 0)
        {
            throw new CsvFormatException(file, ["the file is empty"]);
        }
        var header = records[0].Fields.Select(f => f.Trim()).ToList();
        var missing = categories.Where(c => !header.Contains(c)).ToList();
        if (missing.Count > 0)
        {
            throw new CsvFormatException(file, [$"line 1: missing column(s) {string.Join(", ", missing)}"]);
        }
        var idColumn = header.IndexOf("id");
        var columns = categories.Select(c => header.IndexOf(c)).ToArray();
        var known = quotas.Select(q => (q.Category, q.Feature)).ToHashSet();
        var errors = new List<string>();
        var people = new List<Respondent>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (row, (line, fields)) in records.Skip(1).Index())
        {
            if (fields.Length != header.Count)
            {
                errors.Add($"line {line}: expected {header.Count} fields, found {fields.Length}");
                continue;
            }
            // Without an id column a person is known by the row's index, counting from 0.
            var id = idColumn >= 0 ? fields[idColumn].Trim() : row.ToString(CultureInfo.InvariantCulture);
            if (id.Length == 0 || !ids.Add(id))
            {
                errors.Add($"line {line}: the id '{id}' is empty or already used");
                continue;
            }
            var features = columns.Select(c => fields[c].Trim()).ToArray();
            for (var c = 0; c < categories.Count; c++)
            {
                if (!known.Contains((categories[c], features[c])))
                {
                    errors.Add($"line {line}: {categories[c]} '{features[c]}' is not in the categories file");
                }
            }
            people.Add(new Respondent(id, features));
        }
        return errors.Count > 0 ? throw new CsvFormatException(file, errors) : people;
    }
}
