using System.Diagnostics;
using System.Globalization;
using System.Text;
using Aspire.Hosting;
using Assemblee.AppHost.LocalServers;
using Assemblee.Common.Data;
using Assemblee.Common.Messaging;
using Assemblee.Sortition.Application;
using Assemblee.Sortition.Data;
using Assemblee.Sortition.Domain;
using Assemblee.Sortition.Engine.Algorithms;
using Assemblee.Sortition.Engine.Csv;
using Assemblee.Sortition.Engine.Instances;
using Assemblee.Sortition.Engine.Lottery;
using Assemblee.Sortition.Engine.Model;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Assemblee.Benchmarks;

/// <summary>
/// Measures what the sortition issues set targets for, on real PostgreSQL: the import of a generated Paris-sized roll
/// through the gateway against psql \copy of the same file (<see cref="ApiImportBenchmark"/>), the 7,000-invitation draw,
/// and LEXIMIN on the public instances and a Paris-like pool. Each figure is the median of the runs.
/// </summary>
public static class SortitionBenchmarks
{
    private const string Usage = "usage: Sortition.Benchmarks [all|import|invitations|leximin|pools] [--rows 1400000] [--runs 3] "
        + "[--instances DIR] [--paris-pool 1000] [--sizes 1000,2000] [--pools 5] [--progress true] [--exactness true]";

    public static async Task<int> RunAsync(string[] args)
    {
        var what = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal)) ?? "all";
        string Option(string name, string fallback) => args.SkipWhile(a => a != $"--{name}").Skip(1).FirstOrDefault() ?? fallback;
        var rows = int.Parse(Option("rows", "1400000"), CultureInfo.InvariantCulture);
        var runs = int.Parse(Option("runs", "3"), CultureInfo.InvariantCulture);
        var instances = Option("instances", Path.Combine("..", "shared", "sortition-instances"));
        var parisPool = int.Parse(Option("paris-pool", "1000"), CultureInfo.InvariantCulture);
        if (what is not ("all" or "import" or "invitations" or "leximin" or "pools"))
        {
            Console.Error.WriteLine(Usage);
            return 2;
        }
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores, "
            + $"{Math.Round(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 1073741824.0)} GiB, "
            + $"{System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}");
        if (what is "all" or "import" or "invitations")
        {
            await DatabaseBenchmarksAsync(what, rows, runs);
        }
        if (what is "all" or "leximin")
        {
            Leximins(instances, parisPool);
        }
        if (what is "all" or "pools")
        {
            LeximinPools([.. Option("sizes", "1000,2000").Split(',').Select(size => int.Parse(size, CultureInfo.InvariantCulture))],
                int.Parse(Option("pools", "5"), CultureInfo.InvariantCulture), Option("progress", "false") == "true",
                Option("exactness", "false") == "true");
        }
        return 0;
    }

    private static async Task DatabaseBenchmarksAsync(string what, int rows, int runs)
    {
        var work = Directory.CreateTempSubdirectory("assemblee-bench-");
        try
        {
            var roll = Path.Combine(work.FullName, "roll.csv");
            var watch = Stopwatch.StartNew();
            WriteRoll(roll, "E", rows, seed: 1);
            var mebibytes = new FileInfo(roll).Length / 1048576.0;
            Console.WriteLine($"generated a roll of {rows:N0} rows ({mebibytes:F0} MiB) in {watch.Elapsed.TotalSeconds:F1} s");
            watch.Restart();
            var parsed = ParseOnly(roll);
            Console.WriteLine($"parse and validate only (no database): {parsed:N0} rows in {watch.Elapsed.TotalSeconds:F2} s");
            await using var system = await RunningSystem.StartAsync();
            if (what is "all" or "import")
            {
                await ApiImportBenchmark.RunAsync(system, roll, rows, runs);
            }
            if (what is "all" or "invitations")
            {
                await InvitationsAsync(system, work.FullName, rows, runs, roll);
            }
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    /// <summary>
    /// The invitation draw, run in-process on the sortition service's database (migrated by the running service), the
    /// lists imported in-process too: what is timed is the draw alone.
    /// </summary>
    private static async Task InvitationsAsync(RunningSystem system, string work, int rows, int runs, string roll)
    {
        await using var dataSource = NpgsqlDataSource.Create(await system.SortitionDatabaseAsync());
        var store = new DrawStore(dataSource);
        var importer = new ListImport(dataSource, new ListImportStore(dataSource), TimeProvider.System, NullLogger<ListImport>.Instance);
        var citizenCard = Path.Combine(work, "citizen-card.csv");
        var minors = Path.Combine(work, "minors.csv");
        WriteRoll(citizenCard, "C", Math.Max(1000, rows / 10), seed: 2);
        WriteRoll(minors, "M", Math.Max(1000, rows / 30), seed: 3, minors: true);
        var invitations = new InvitationDraw(dataSource, new Outbox(new OutboxSignal()), TimeProvider.System);
        var times = new List<double>();
        for (var run = 0; run < runs; run++)
        {
            var draw = await store.CreateAsync("bench", ParisSpecification(), CancellationToken.None);
            foreach (var (list, path) in new[] { ("electoral", roll), ("citizen-card", citizenCard), ("minors", minors) })
            {
                await using var file = File.OpenRead(path);
                var upload = new ListUpload(list, ListEncodings.Utf8, Encoding.UTF8, file, null);
                await importer.ImportAsync(draw, upload, CancellationToken.None);
            }
            var watch = Stopwatch.StartNew();
            var summary = await invitations.DrawAsync(draw, $"bench-{run}", CancellationToken.None)
                ?? throw new InvalidOperationException("The draw was not open.");
            times.Add(watch.Elapsed.TotalSeconds);
            if (run == 0)
            {
                var groups = string.Join(", ", summary.BySeatGroup.Select(g => $"{g.Key} {g.Value}"));
                Console.WriteLine($"invitations: {summary.Invitations:N0} in {summary.Strata} strata ({groups}), "
                    + $"lists of {rows:N0} + {rows / 10:N0} + {rows / 30:N0} rows, uninvited erased");
            }
        }
        var all = string.Join(", ", times.Select(s => s.ToString("F2", CultureInfo.InvariantCulture)));
        Console.WriteLine($"invitation draw (read lists, stratify, sample, store, erase): median {Median(times):F2} s  [{all}]");
    }

    private static void Leximins(string instances, int parisPool)
    {
        foreach (var (name, size) in new[] { ("example_small_20", 20), ("example_large_200", 200) })
        {
            var directory = Path.Combine(instances, name);
            if (!Directory.Exists(directory))
            {
                Console.WriteLine($"LEXIMIN {name}: skipped, {directory} not found (--instances DIR)");
                continue;
            }
            Report(name, InstanceFiles.Read(Path.Combine(directory, "categories.csv"), Path.Combine(directory, "respondents.csv"), size));
        }
        var paris = ParisLikeInstance.Generate(parisPool);
        var prepared = Report($"paris-like {parisPool}", paris);
        var record = DrawRecord.Prepare(paris, prepared, UniformLottery.DefaultPanelCount, 30, DateTimeOffset.UtcNow, "benchmark");
        var watch = Stopwatch.StartNew();
        var consistency = DrawVerifier.Verify(record, checkFairness: false);
        var fast = watch.Elapsed.TotalSeconds;
        watch.Restart();
        var full = DrawVerifier.Verify(record);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"verify the {parisPool}-respondent record: consistency alone {fast:F2} s ({consistency.Count} problems), "
            + $"with fairness (LEXIMIN recomputed) {watch.Elapsed.TotalSeconds:F1} s ({full.Count} problems)"));
    }

    /// <summary>
    /// LEXIMIN on generated Paris-like pools of each size: different seeds, and pools ever more skewed towards the old
    /// and the educated (the first as volunteers usually answer, then 1.6 to 2.2 times their population share). With
    /// <paramref name="exactness"/>, each pool is solved again with stages closed a thousand times tighter and fixed ten
    /// times closer to their optimum, and the largest difference in anyone's probability is printed: how far the default
    /// run is from the exact LEXIMIN.
    /// </summary>
    private static void LeximinPools(int[] sizes, int pools, bool progress, bool exactness)
    {
        double?[] skews = [null, 1.6, 1.8, 2.0, 2.2];
        foreach (var size in sizes)
        {
            var times = new List<double>();
            for (var i = 0; i < pools; i++)
            {
                var skew = skews[i % skews.Length];
                var problem = ParisLikeInstance.Generate(size, $"pool-{size}-{i}", skew);
                var options = new LeximinOptions { Progress = progress ? line => Console.WriteLine("    " + line) : null };
                var result = Leximin.Select(problem, options);
                times.Add(result.Elapsed.TotalSeconds);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"LEXIMIN pool-{size}-{i} (skew {(skew is { } k ? k.ToString("F1", CultureInfo.InvariantCulture) : "volunteers")}): "
                    + $"{result.Elapsed.TotalSeconds:F1} s, {new ProfilePool(problem).Profiles.Count} profiles, "
                    + $"{result.Distribution!.Panels.Count} panels, min probability {result.MinProbability:P2}, "
                    + $"max {result.Probabilities.Max():P2}"));
                if (exactness)
                {
                    var exactOptions = new LeximinOptions
                    {
                        PricingGap = options.PricingGap / 1000,
                        FixingMargin = options.FixingMargin / 10,
                    };
                    var exact = Leximin.Select(problem, exactOptions);
                    var difference = result.Probabilities.Zip(exact.Probabilities, (a, b) => Math.Abs(a - b)).Max();
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"    against a run with stages closed to {exactOptions.PricingGap:E0} and fixed {exactOptions.FixingMargin:E0} "
                        + $"below their optimum ({exact.Elapsed.TotalSeconds:F1} s): largest difference in a probability {difference:E1}"));
                }
            }
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"LEXIMIN pools of {size}: median {Median(times):F1} s, worst {times.Max():F1} s over {times.Count} pools"));
        }
    }

    private static SelectionResult Report(string name, SelectionProblem problem)
    {
        var leximin = Leximin.Select(problem);
        var legacy = Legacy.Select(problem, 1000, Assemblee.Sortition.Engine.Randomness.DrawRandom.FromText("bench-legacy"));
        Console.WriteLine($"LEXIMIN {name}: pool {problem.Pool.Count}, panel {problem.PanelSize}, {leximin.Elapsed.TotalSeconds:F2} s, " +
            $"{leximin.Distribution!.Panels.Count} panels, min probability {leximin.MinProbability:P2} "
            + $"(LEGACY min {legacy.MinProbability:P2})");
        return leximin;
    }

    internal static async Task<double> PsqlCopyAsync(string connectionString, string file, int run)
    {
        var connection = new NpgsqlConnectionStringBuilder(connectionString);
        var table = $"psql_copy_{run}";
        await using (var dataSource = NpgsqlDataSource.Create(connectionString))
        {
            await dataSource.CreateCommand($"CREATE TABLE {table} (person_ref text NOT NULL, family_name text NOT NULL, "
                + "given_name text NOT NULL, birth_date date NOT NULL, sex text NOT NULL, address text NOT NULL, postcode text NOT NULL)")
                .ExecuteNonQueryAsync();
        }
        var psql = new ProcessStartInfo("psql", ["-X", "-q", "-h", connection.Host!, "-p",
            connection.Port.ToString(CultureInfo.InvariantCulture),
            "-U", connection.Username!, "-d", connection.Database!, "-c", $"\\copy {table} FROM '{file}' WITH (FORMAT csv, HEADER true)"])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        psql.Environment["PGPASSWORD"] = connection.Password;
        var watch = Stopwatch.StartNew();
        using var process = Process.Start(psql)!;
        await process.WaitForExitAsync();
        var seconds = watch.Elapsed.TotalSeconds;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException("psql failed: " + await process.StandardError.ReadToEndAsync());
        }
        return seconds;
    }

    /// <summary>A synthetic list in the import format (no real person): names, birth dates, sexes and Paris postcodes.</summary>
    private static void WriteRoll(string path, string prefix, int rows, int seed, bool minors = false)
    {
        var random = new Random(seed);
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20);
        writer.Write("id,family_name,given_name,birth_date,sex,address,postcode\n");
        var today = new DateOnly(2026, 11, 1);
        for (var i = 0; i < rows; i++)
        {
            var birth = minors
                ? today.AddDays(-(16 * 365) - random.Next(700))
                : today.AddDays(-(18 * 365) - random.Next(72 * 365));
            var arrondissement = 1 + random.Next(20);
            writer.Write(string.Create(CultureInfo.InvariantCulture,
                $"{prefix}{i:D8},NOM{random.Next(100000)},Prénom{random.Next(5000)},{birth:yyyy-MM-dd},{(random.Next(2) == 0 ? 'F' : 'M')},"
                + $"\"{1 + random.Next(200)} rue {random.Next(6000)}, bât. {(char)('A' + random.Next(4))}\","
                + $"{(arrondissement == 16 && random.Next(2) == 0 ? "75116" : $"750{arrondissement:D2}")}\n"));
        }
    }

    /// <summary>Paris: 80/15/5 seats, 7,000 letters stratified by arrondissement × age class.</summary>
    internal static DrawSpecification ParisSpecification()
    {
        AgeClass[] ages = [new("16-24", 16, 24), new("25-39", 25, 39), new("40-54", 40, 54), new("55-69", 55, 69), new("70+", 70, 130)];
        return new DrawSpecification("Assemblée citoyenne de Paris (benchmark)", 100,
            [new SeatGroup("electoral-list", 80, "electoral", 5600, 18, 130), new SeatGroup("citizen-card", 15, "citizen-card", 1050, 18,
                130), new SeatGroup("minor", 5, "minors", 350, 16, 17)],
            [new CategorySpecification("age", [.. ages.Select(a => new QuotaRange(a.Name, 0, 100))])], ages, ["arrondissement",
                "age-class"],
            OneOfEachHousehold: false, Substitutes: 30, new DateOnly(2026, 11, 1), DateTimeOffset.UtcNow.AddDays(30),
                DateOnly.FromDateTime(DateTime.UtcNow.AddDays(400)));
    }

    /// <summary>What the import's reading thread does, without a database: read, check and classify every row.</summary>
    private static int ParseOnly(string path)
    {
        using var file = File.OpenRead(path);
        var strata = new InvitationStrata(ParisSpecification(), "electoral");
        return new SourceListReader(strata, DateOnly.FromDateTime(DateTime.UtcNow), checkUtf8: true).Read(file, new Discard()).Rows;
    }

    private sealed class Discard : ISourceListSink
    {
        public void Add(int line, in SourceListRow row)
        {
        }
    }

    internal static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
}
