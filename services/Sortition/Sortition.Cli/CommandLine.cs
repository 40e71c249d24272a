using System.Text.Json;
using System.Text.Json.Serialization;
using Assemblee.Sortition.Engine.Algorithms;
using Assemblee.Sortition.Engine.Csv;
using Assemblee.Sortition.Engine.Instances;
using Assemblee.Sortition.Engine.Lottery;
using Assemblee.Sortition.Engine.Model;
using Assemblee.Sortition.Engine.Randomness;

namespace Assemblee.Sortition.Cli;

public sealed record PersonProbability(string Id, double Probability);

public sealed record SelectOutput(
    string Algorithm, int PoolSize, int PanelSize, double MinProbability, double MaxProbability, double Seconds,
    int Panels, IReadOnlyList<PersonProbability> Probabilities);

public static class CommandLine
{
    public const int Ok = 0;
    public const int Usage = 2;
    public const int BadInput = 3;
    public const int Infeasible = 4;
    public const int VerificationFailed = 5;

    /// <summary>LEXIMIN stopped (solver failure or a stage past its bound) instead of looping; running it again may succeed.</summary>
    public const int SelectionFailed = 6;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private const string Help = """
        usage:
          sortition select --categories C.csv --respondents R.csv --panel-size K [--algorithm leximin|legacy]
                           [--legacy-runs N] [--output result.json] [--progress true]
          sortition prepare --categories C.csv --respondents R.csv --panel-size K [--panels M] [--substitutes S]
                            [--title T] --output prepared.json        (LEXIMIN, rounded lottery, commitment)
          sortition draw --record prepared.json --dice D --beacon B --output record.json [--readable record.md]
          sortition verify --record record.json [--fast true]  (fairness too, unless --fast: consistency alone)
          sortition generate --pool-size N --output-directory DIR   (a synthetic Paris-like instance)
        """;

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help")
        {
            await error.WriteLineAsync(Help);
            return args.Length == 0 ? Usage : Ok;
        }
        var options = ParseOptions(args.Skip(1));
        if (options is null)
        {
            await error.WriteLineAsync(Help);
            return Usage;
        }
        try
        {
            return args[0] switch
            {
                "select" => await SelectAsync(options, output, error),
                "prepare" => await PrepareAsync(options, output, error),
                "draw" => await DrawAsync(options, output, error),
                "verify" => await VerifyAsync(options, output, error),
                "generate" => await GenerateAsync(options, output, error),
                _ => await UnknownAsync(args[0], error),
            };
        }
        catch (CsvFormatException ex)
        {
            await error.WriteLineAsync(ex.Message);
            return BadInput;
        }
        catch (InfeasibleQuotasException ex)
        {
            await error.WriteLineAsync(ex.Message);
            await error.WriteLineAsync(JsonSerializer.Serialize(ex.Diagnosis, Json));
            return Infeasible;
        }
        catch (LeximinFailedException ex)
        {
            await error.WriteLineAsync(ex.Message);
            return SelectionFailed;
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException or DllNotFoundException
            or JsonException or ArgumentException)
        {
            await error.WriteLineAsync(ex.Message);
            return BadInput;
        }
    }

    private static async Task<int> SelectAsync(Dictionary<string, string> options, TextWriter output, TextWriter error)
    {
        if (await ReadProblemAsync(options, error) is not { } problem)
        {
            return options.ContainsKey("categories") ? BadInput : Usage;
        }
        var algorithm = options.GetValueOrDefault("algorithm", Leximin.Name);
        var result = algorithm switch
        {
            Leximin.Name => Leximin.Select(problem, LeximinOptions(options, error)),
            Legacy.Name => Legacy.Select(problem, int.Parse(options.GetValueOrDefault("legacy-runs", "1000")),
                DrawRandom.FromText("legacy-estimate")),
            _ => null,
        };
        if (result is null)
        {
            await error.WriteLineAsync($"Unknown algorithm '{algorithm}': use leximin or legacy.");
            return Usage;
        }
        var report = new SelectOutput(result.Algorithm, problem.Pool.Count, problem.PanelSize, result.MinProbability,
            result.Probabilities.Max(),
            Math.Round(result.Elapsed.TotalSeconds, 3), result.Distribution?.Panels.Count ?? 0,
            [.. problem.Pool.Select((person, i) => new PersonProbability(person.Id, result.Probabilities[i]))]);
        await WriteAsync(report, options.GetValueOrDefault("output"), output);
        return Ok;
    }

    private static async Task<int> PrepareAsync(Dictionary<string, string> options, TextWriter output, TextWriter error)
    {
        if (!int.TryParse(options.GetValueOrDefault("panels", "1000"), out var panels) || panels < 1 ||
            !int.TryParse(options.GetValueOrDefault("substitutes", "0"), out var substitutes) || substitutes < 0
                || !options.ContainsKey("output"))
        {
            await error.WriteLineAsync("prepare needs --output, and --panels and --substitutes must be whole numbers.\n" + Help);
            return Usage;
        }
        if (await ReadProblemAsync(options, error) is not { } problem)
        {
            return options.ContainsKey("categories") ? BadInput : Usage;
        }
        var result = Leximin.Select(problem, LeximinOptions(options, error));
        var record = DrawRecord.Prepare(problem, result, panels, substitutes, DateTimeOffset.UtcNow, options.GetValueOrDefault("title"));
        await WriteAsync(record, options["output"], output);
        await output.WriteLineAsync(
            $"Commitment {record.Commitment} ({record.Panels.Count} panels; largest change of a probability {record.MaxDeviation:F4}).");
        return Ok;
    }

    private static async Task<int> DrawAsync(Dictionary<string, string> options, TextWriter output, TextWriter error)
    {
        if (!options.TryGetValue("record", out var path) || !options.TryGetValue("dice", out var dice) ||
            !options.TryGetValue("beacon", out var beacon) || !options.TryGetValue("output", out var target))
        {
            await error.WriteLineAsync("draw needs --record, --dice, --beacon and --output.\n" + Help);
            return Usage;
        }
        var prepared = await ReadRecordAsync(path);
        // Consistency only: whoever draws prepared the record; anyone checks its fairness with verify.
        if (DrawVerifier.Verify(prepared, checkFairness: false) is { Count: > 0 } problems)
        {
            await error.WriteLineAsync("The prepared record does not check out:\n" + string.Join('\n', problems));
            return VerificationFailed;
        }
        var record = prepared.Draw(dice, beacon);
        await WriteAsync(record, target, output);
        if (options.TryGetValue("readable", out var readable))
        {
            await File.WriteAllTextAsync(readable, ProcesVerbal.Render(record));
        }
        await output.WriteLineAsync($"Panel {record.PanelIndex} of {record.Panels.Count}; seed {record.Seed}.");
        return Ok;
    }

    private static async Task<int> VerifyAsync(Dictionary<string, string> options, TextWriter output, TextWriter error)
    {
        if (!options.TryGetValue("record", out var path))
        {
            await error.WriteLineAsync("verify needs --record.\n" + Help);
            return Usage;
        }
        var record = await ReadRecordAsync(path);
        var fast = options.TryGetValue("fast", out var value) && value != "false";
        var problems = DrawVerifier.Verify(record, checkFairness: !fast);
        if (problems.Count > 0)
        {
            await error.WriteLineAsync("The record does NOT check out:\n- " + string.Join("\n- ", problems));
            return VerificationFailed;
        }
        var fairness = fast
            ? " Fairness was not checked (--fast)."
            : $" LEXIMIN recomputed: every recorded probability within {DrawVerifier.FairnessTolerance} of it, "
                + "no one below it by more than k/M.";
        await output.WriteLineAsync((record.IsDrawn
            ? $"The record checks out: commitment, seed, panel {record.PanelIndex}, {record.Members!.Count} members, "
                + $"{record.Substitutes!.Count} substitutes and {record.Replacements?.Count ?? 0} replacements recomputed."
            : $"The prepared record checks out: {record.Panels.Count} panels meet every quota and match the commitment.") + fairness);
        return Ok;
    }

    private static async Task<DrawRecord> ReadRecordAsync(string path)
    {
        await using var stream = File.OpenRead(path);
        return await JsonSerializer.DeserializeAsync<DrawRecord>(stream, Json) ?? throw new JsonException("The record is empty.");
    }

    private static LeximinOptions LeximinOptions(Dictionary<string, string> options, TextWriter error) =>
        new() { Progress = options.ContainsKey("progress") ? line => error.WriteLine(line) : null };

    /// <summary>The problem from --categories, --respondents and --panel-size; null (with the reasons written) when unusable.</summary>
    private static async Task<SelectionProblem?> ReadProblemAsync(Dictionary<string, string> options, TextWriter error)
    {
        if (!options.TryGetValue("categories", out var categories) || !options.TryGetValue("respondents", out var respondents) ||
            !options.TryGetValue("panel-size", out var size) || !int.TryParse(size, out var panelSize))
        {
            await error.WriteLineAsync("This command needs --categories, --respondents and a whole --panel-size.\n" + Help);
            return null;
        }
        var problem = InstanceFiles.Read(categories, respondents, panelSize);
        if (problem.Validate() is { Count: > 0 } problems)
        {
            await error.WriteLineAsync(string.Join('\n', problems));
            return null;
        }
        return problem;
    }

    private static async Task<int> GenerateAsync(Dictionary<string, string> options, TextWriter output, TextWriter error)
    {
        if (!options.TryGetValue("output-directory", out var directory) || !int.TryParse(options.GetValueOrDefault("pool-size", "1000"),
            out var poolSize))
        {
            await error.WriteLineAsync("generate needs --output-directory and a whole --pool-size.\n" + Help);
            return Usage;
        }
        var problem = ParisLikeInstance.Generate(poolSize, options.GetValueOrDefault("seed", "paris-like"));
        InstanceFiles.Write(problem, directory);
        await output.WriteLineAsync(
            $"Wrote {problem.Pool.Count} respondents and {problem.Quotas.Count} quotas (panel size {problem.PanelSize}) to {directory}");
        return Ok;
    }

    private static async Task WriteAsync<T>(T value, string? path, TextWriter output)
    {
        var json = JsonSerializer.Serialize(value, Json);
        if (path is null)
        {
            await output.WriteLineAsync(json);
        }
        else
        {
            await File.WriteAllTextAsync(path, json + "\n");
        }
    }

    private static async Task<int> UnknownAsync(string command, TextWriter error)
    {
        await error.WriteLineAsync($"Unknown command '{command}'.\n{Help}");
        return Usage;
    }

    /// <summary>"--name value" pairs; null when an option has no value.</summary>
    private static Dictionary<string, string>? ParseOptions(IEnumerable<string> args)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        string? name = null;
        foreach (var arg in args)
        {
            if (name is null)
            {
                if (!arg.StartsWith("--", StringComparison.Ordinal))
                {
                    return null;
                }
                name = arg[2..];
            }
            else
            {
                options[name] = arg;
                name = null;
            }
        }
        return name is null ? options : null;
    }
}
