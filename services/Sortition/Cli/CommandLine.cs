using System.Text.Json;
using System.Text.Json.Serialization;
using Assemblee.Sortition.Engine.Algorithms;
using Assemblee.Sortition.Engine.Csv;
using Assemblee.Sortition.Engine.Instances;
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

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private const string Help = """
        usage:
          sortition select --categories C.csv --respondents R.csv --panel-size K [--algorithm leximin|legacy]
                           [--legacy-runs N] [--output result.json] [--progress true]
          sortition verify --record record.json
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
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException or DllNotFoundException)
        {
            await error.WriteLineAsync(ex.Message);
            return BadInput;
        }
    }

    private static async Task<int> SelectAsync(Dictionary<string, string> options, TextWriter output, TextWriter error)
    {
        if (!options.TryGetValue("categories", out var categories) || !options.TryGetValue("respondents", out var respondents) ||
            !options.TryGetValue("panel-size", out var size) || !int.TryParse(size, out var panelSize))
        {
            await error.WriteLineAsync("select needs --categories, --respondents and a whole --panel-size.\n" + Help);
            return Usage;
        }
        var problem = InstanceFiles.Read(categories, respondents, panelSize);
        if (problem.Validate() is { Count: > 0 } problems)
        {
            await error.WriteLineAsync(string.Join('\n', problems));
            return BadInput;
        }
        var algorithm = options.GetValueOrDefault("algorithm", Leximin.Name);
        var result = algorithm switch
        {
            Leximin.Name => Leximin.Select(problem, new LeximinOptions { Progress = options.ContainsKey("progress") ? line => error.WriteLine(line) : null }),
            Legacy.Name => Legacy.Select(problem, int.Parse(options.GetValueOrDefault("legacy-runs", "1000")), DrawRandom.FromText("legacy-estimate")),
            _ => null,
        };
        if (result is null)
        {
            await error.WriteLineAsync($"Unknown algorithm '{algorithm}': use leximin or legacy.");
            return Usage;
        }
        var report = new SelectOutput(result.Algorithm, problem.Pool.Count, problem.PanelSize, result.MinProbability, result.Probabilities.Max(),
            Math.Round(result.Elapsed.TotalSeconds, 3), result.Distribution?.Panels.Count ?? 0,
            [.. problem.Pool.Select((person, i) => new PersonProbability(person.Id, result.Probabilities[i]))]);
        await WriteAsync(report, options.GetValueOrDefault("output"), output);
        return Ok;
    }

    private static async Task<int> GenerateAsync(Dictionary<string, string> options, TextWriter output, TextWriter error)
    {
        if (!options.TryGetValue("output-directory", out var directory) || !int.TryParse(options.GetValueOrDefault("pool-size", "1000"), out var poolSize))
        {
            await error.WriteLineAsync("generate needs --output-directory and a whole --pool-size.\n" + Help);
            return Usage;
        }
        var problem = ParisLikeInstance.Generate(poolSize, options.GetValueOrDefault("seed", "paris-like"));
        InstanceFiles.Write(problem, directory);
        await output.WriteLineAsync($"Wrote {problem.Pool.Count} respondents and {problem.Quotas.Count} quotas (panel size {problem.PanelSize}) to {directory}");
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
