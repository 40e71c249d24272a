using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Npgsql;
using NpgsqlTypes;

namespace Assemblee.Benchmarks.Documents;

/// <summary>
/// Seeds documents' database with 1,000 documents of 20 versions each, published, in French-like text from a seeded generator
/// (written straight to PostgreSQL with COPY: the benchmark measures reading, not the seeding). Then, through the gateway:
/// searches with words in other inflections than the texts use (p50, p99), and the word-by-word difference of two versions of a
/// 50-page document written through the API (p50, p99 over repeated requests).
/// </summary>
public static class SearchAndDiffBenchmark
{
    private const string Usage = "usage: Documents.Benchmarks [--documents 1000] [--versions 20] [--queries 200] [--seed 1]";

    /// <summary>Stems with the endings French inflects them with, so that searches and texts differ in form as people's do.</summary>
    private static readonly string[] Stems =
    [
        "rénovation", "énergétique", "logement", "copropriété", "isolation", "chauffage", "quartier", "école", "cour", "végétalisation",
        "mobilité", "vélo", "piéton", "transport", "bruit", "pollution", "santé", "jeunesse", "culture", "bibliothèque", "sport",
        "propreté", "déchet", "recyclage", "budget", "participation", "habitant", "association", "commerce", "marché", "emploi",
        "solidarité", "hébergement", "accessibilité", "handicap", "senior", "enfance", "crèche", "parc", "jardin", "arbre", "eau",
        "fontaine", "canicule", "chaleur", "climat", "sécurité", "éclairage", "rue", "place",
    ];

    private static readonly string[] Glue =
    [
        "la", "le", "les", "des", "du", "de", "et", "pour", "dans", "avec", "sur", "que", "Ville", "Paris", "Conseil", "propose", "demande",
    ];

    public static async Task<int> RunAsync(string[] args)
    {
        string Option(string name, string fallback) => args.SkipWhile(a => a != $"--{name}").Skip(1).FirstOrDefault() ?? fallback;
        if (args.Contains("--help"))
        {
            Console.WriteLine(Usage);
            return 0;
        }
        var documents = int.Parse(Option("documents", "1000"), CultureInfo.InvariantCulture);
        var versions = int.Parse(Option("versions", "20"), CultureInfo.InvariantCulture);
        var queries = int.Parse(Option("queries", "200"), CultureInfo.InvariantCulture);
        var seed = int.Parse(Option("seed", "1"), CultureInfo.InvariantCulture);
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores, "
            + $"{Math.Round(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 1073741824.0)} GiB, "
            + $"{System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}");
        await using var system = await RunningSystem.StartAsync(builder => builder.CreateResourceBuilder<ProjectResource>("gateway")
            .WithEnvironment("RateLimiting__PermitsPerMinute", "1000000"));
        var body = $"bench-{Guid.NewGuid():N}"[..20];
        var random = new Random(seed);

        var seeding = Stopwatch.StartNew();
        await SeedAsync((await system.App.GetConnectionStringAsync("documentsdb"))!, body, documents, versions, random);
        Console.WriteLine(
            $"seeded {documents} documents x {versions} versions, published, in {seeding.Elapsed.TotalSeconds:0.0} s (seed {seed})");

        using var gateway = new HttpClient { BaseAddress = system.App.GetEndpoint("gateway", "http") };
        var searchLatencies = new List<double>();
        var found = 0;
        for (var i = 0; i < queries; i++)
        {
            var query = $"{Inflect(Stems[random.Next(Stems.Length)], random)} {Inflect(Stems[random.Next(Stems.Length)], random)}";
            var watch = Stopwatch.StartNew();
            var hits = await gateway.GetFromJsonAsync<List<JsonElement>>(
                $"/api/documents/bodies/{body}/search?q={Uri.EscapeDataString(query)}");
            searchLatencies.Add(watch.Elapsed.TotalMilliseconds);
            found += hits!.Count > 0 ? 1 : 0;
        }
        Report($"search ({queries} queries of two words, {found} with hits)", searchLatencies);

        var secretariat = await system.SecretariatAsync(body);
        var pages = Enumerable.Range(1, 50).Select(page => new { heading = $"Page {page}", markdown = Paragraphs(random, 500) }).ToList();
        var started = await secretariat.PostAsJsonAsync($"/api/documents/bodies/{body}/documents",
            new { kind = "synthesis", promotionId = Guid.NewGuid(), title = "Carnet de synthèse", sections = pages });
        var document = (await started.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>()).GetProperty("document")
            .GetProperty("id").GetGuid();
        var edited = pages.Select(page => random.NextDouble() < 0.3 ? page with { markdown = Edit(page.markdown, random) } : page).ToList();
        using var save = new HttpRequestMessage(HttpMethod.Put, $"/api/documents/bodies/{body}/documents/{document}")
        {
            Content = JsonContent.Create(new { title = "Carnet de synthèse", sections = edited, summary = "Relecture" }),
        };
        save.Headers.IfMatch.Add(new System.Net.Http.Headers.EntityTagHeaderValue("\"1\""));
        (await secretariat.SendAsync(save)).EnsureSuccessStatusCode();
        var diffLatencies = new List<double>();
        var changed = 0;
        for (var i = 0; i < 20; i++)
        {
            var watch = Stopwatch.StartNew();
            var diff = await secretariat.GetFromJsonAsync<JsonElement>(
                $"/api/documents/bodies/{body}/documents/{document}/diff?from=1&to=2");
            diffLatencies.Add(watch.Elapsed.TotalMilliseconds);
            changed = diff.GetProperty("sections").GetArrayLength();
        }
        var words = pages.Sum(page => page.markdown.Split(' ').Length);
        Report($"diff of two versions of 50 pages ({words:N0} words, {changed} pages changed), 20 requests", diffLatencies);
        return 0;
    }

    private static void Report(string what, List<double> milliseconds)
    {
        var sorted = milliseconds.Order().ToList();
        double Percentile(double p) => sorted[(int)Math.Ceiling(p * sorted.Count) - 1];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{what}: p50 {Percentile(0.5):0.0} ms, p99 {Percentile(0.99):0.0} ms, max {sorted[^1]:0.0} ms"));
    }

    private static string Inflect(string stem, Random random) => random.Next(3) switch
    {
        0 => stem,
        1 => stem.EndsWith('s') ? stem : stem + "s",
        _ => stem.EndsWith('e') ? stem + "s" : stem + "es",
    };

    /// <summary>French-like prose: stems in some inflection between common words, in sentences.</summary>
    private static string Paragraphs(Random random, int words)
    {
        var text = new StringBuilder();
        for (var i = 0; i < words; i++)
        {
            text.Append(i % 3 == 0 ? Inflect(Stems[random.Next(Stems.Length)], random) : Glue[random.Next(Glue.Length)]);
            text.Append(i % 40 == 39 ? ".\n\n" : " ");
        }
        return text.ToString().Trim();
    }

    /// <summary>A reviewer's pass: about one word in fifty replaced.</summary>
    private static string Edit(string text, Random random) =>
        string.Join(' ', text.Split(' ').Select(word => random.Next(50) == 0 ? Inflect(Stems[random.Next(Stems.Length)], random) : word));

    private static async Task SeedAsync(string connectionString, string body, int documents, int versions, Random random)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var connection = await dataSource.OpenConnectionAsync();
        var now = DateTimeOffset.UtcNow;
        var promotion = Guid.NewGuid();
        var texts = Enumerable.Range(0, documents).Select(_ => (Id: Guid.NewGuid(), Title: $"Vœu sur {Paragraphs(random, 6)}")).ToList();
        await using (var writer = await connection.BeginBinaryImportAsync(
            "COPY documents (id, body_id, promotion_id, kind, state, version, title, sections, created_by, created_at, updated_at) "
            + "FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var (id, title) in texts)
            {
                await writer.StartRowAsync();
                await writer.WriteAsync(id, NpgsqlDbType.Uuid);
                await writer.WriteAsync(body, NpgsqlDbType.Text);
                await writer.WriteAsync(promotion, NpgsqlDbType.Uuid);
                await writer.WriteAsync("voeu", NpgsqlDbType.Text);
                await writer.WriteAsync("published", NpgsqlDbType.Text);
                await writer.WriteAsync(versions, NpgsqlDbType.Integer);
                await writer.WriteAsync(title, NpgsqlDbType.Text);
                await writer.WriteAsync("[]", NpgsqlDbType.Jsonb);
                await writer.WriteAsync("benchmark", NpgsqlDbType.Text);
                await writer.WriteAsync(now, NpgsqlDbType.TimestampTz);
                await writer.WriteAsync(now, NpgsqlDbType.TimestampTz);
            }
            await writer.CompleteAsync();
        }
        await using (var writer = await connection.BeginBinaryImportAsync(
            "COPY document_versions (document_id, number, title, sections, author, saved_at) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var (id, title) in texts)
            {
                for (var version = 1; version <= versions; version++)
                {
                    var sections = JsonSerializer.Serialize(new[] { new { heading = "Vœu", markdown = Paragraphs(random, 300) } });
                    await writer.StartRowAsync();
                    await writer.WriteAsync(id, NpgsqlDbType.Uuid);
                    await writer.WriteAsync(version, NpgsqlDbType.Integer);
                    await writer.WriteAsync(title, NpgsqlDbType.Text);
                    await writer.WriteAsync(sections, NpgsqlDbType.Jsonb);
                    await writer.WriteAsync("benchmark", NpgsqlDbType.Text);
                    await writer.WriteAsync(now, NpgsqlDbType.TimestampTz);
                }
            }
            await writer.CompleteAsync();
        }
        await using (var writer = await connection.BeginBinaryImportAsync(
            "COPY publications (document_id, version, body_id, promotion_id, kind, title, markdown, fingerprint, published_at, "
            + "published_by) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var (id, title) in texts)
            {
                var markdown = $"# {title}\n\n## Vœu\n\n{Paragraphs(random, 300)}\n";
                var fingerprint = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(markdown)));
                await writer.WriteRowAsync(default, id, versions, body, promotion, "voeu", title, markdown, fingerprint, now, "benchmark");
            }
            await writer.CompleteAsync();
        }
        await using var analyze = connection.CreateCommand();
        analyze.CommandText = "ANALYZE documents; ANALYZE document_versions; ANALYZE publications";
        await analyze.ExecuteNonQueryAsync();
    }
}
