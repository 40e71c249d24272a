using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Assemblee.Benchmarks;

/// <summary>
/// The list import as the secretariat runs it: the whole system started from the AppHost's model, a generated roll PUT
/// through the gateway (streamed from the file), timed from the first byte sent to the answer, against psql \copy of the
/// same file into the same PostgreSQL. Samples the progress the service reports while one import runs and prints the
/// peak memory of the service and the gateway (the list is streamed, never held).
/// </summary>
public static class ApiImportBenchmark
{
    private const string Body = "paris-citizens-assembly";

    public static async Task RunAsync(RunningSystem system, string roll, int rows, int runs)
    {
        using var gateway = await system.SecretariatAsync(Body);
        var connectionString = await system.SortitionDatabaseAsync();

        var imports = new List<double>();
        var copies = new List<double>();
        for (var run = 0; run < runs; run++)
        {
            var created = await gateway.PostAsJsonAsync($"/api/sortition/bodies/{Body}/draws", SortitionBenchmarks.ParisSpecification());
            var draw = (await created.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
            var list = $"/api/sortition/bodies/{Body}/draws/{draw}/lists/electoral";
            using var sampling = new CancellationTokenSource();
            var samples = run == 0 ? SampleProgressAsync(gateway, list, sampling.Token) : Task.FromResult(new List<string>());
            var watch = Stopwatch.StartNew();
            using (var content = new StreamContent(File.OpenRead(roll), 1 << 16))
            {
                content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
                var response = await gateway.PutAsync(list, content);
                imports.Add(watch.Elapsed.TotalSeconds);
                var answer = await response.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
                var imported = answer.GetProperty("rows").GetInt32();
                if (imported != rows)
                {
                    throw new InvalidOperationException($"imported {imported} rows, expected {rows}");
                }
            }
            await sampling.CancelAsync();
            foreach (var sample in await samples)
            {
                Console.WriteLine($"  progress while importing: {sample}");
            }
            copies.Add(await SortitionBenchmarks.PsqlCopyAsync(connectionString, roll, run));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  run {run + 1}: import through the gateway {imports[^1]:F2} s, psql \\copy {copies[^1]:F2} s"));
        }
        var size = new FileInfo(roll).Length;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"import of {rows:N0} rows ({size / 1048576.0:F0} MiB) through the gateway: median {SortitionBenchmarks.Median(imports):F2} s "
            + $"[{string.Join(", ", imports.Select(s => s.ToString("F2", CultureInfo.InvariantCulture)))}]"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"psql \\copy of the same file (CSV):              median {SortitionBenchmarks.Median(copies):F2} s "
            + $"[{string.Join(", ", copies.Select(s => s.ToString("F2", CultureInfo.InvariantCulture)))}]"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"ratio import / psql \\copy: {SortitionBenchmarks.Median(imports) / SortitionBenchmarks.Median(copies):F2}"));
        Console.WriteLine($"peak memory: {string.Join(", ", PeakMemory("Sortition.Api", "Gateway"))}");
    }

    /// <summary>What the secretariat's progress bar would show, twice a second.</summary>
    private static async Task<List<string>> SampleProgressAsync(HttpClient gateway, string list, CancellationToken cancellationToken)
    {
        var samples = new List<string>();
        try
        {
            while (true)
            {
                await Task.Delay(500, cancellationToken);
                var status = await gateway.GetFromJsonAsync<JsonElement>(list, cancellationToken);
                samples.Add(string.Create(CultureInfo.InvariantCulture,
                    $"{status.GetProperty("state").GetString()}, "
                    + $"{status.GetProperty("bytesReceived").GetInt64() / 1048576.0:F0} MiB received, "
                    + $"{status.GetProperty("rowsRead").GetInt32():N0} rows read, {status.GetProperty("rowsRefused").GetInt32()} refused"));
            }
        }
        catch (OperationCanceledException)
        {
            return samples;
        }
    }

    private static IEnumerable<string> PeakMemory(params string[] programs)
    {
        foreach (var directory in Directory.EnumerateDirectories("/proc").Where(d => char.IsDigit(Path.GetFileName(d)[0])))
        {
            string status;
            try
            {
                status = File.ReadAllText(Path.Combine(directory, "status"));
            }
            catch (IOException)
            {
                continue;
            }
            var name = status.Split('\n')[0].Split('\t').Last();
            if (programs.Any(program => program.StartsWith(name, StringComparison.Ordinal)))
            {
                var peak = status.Split('\n').First(line => line.StartsWith("VmHWM:", StringComparison.Ordinal)).Split(':')[1].Trim();
                yield return $"{name} {peak}";
            }
        }
    }
}
