using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Npgsql;

namespace Assemblee.Benchmarks.Notifications;

/// <summary>
/// Real draws of several shapes through the gateway (a body, its draw, two synthetic source lists, the invitation draw);
/// sortition publishes InvitationsDrawn and notifications writes one letter per invitee, then renders the print shop's
/// batch. Timed from the invitation draw's answer to the campaign being ready (the event's way through the outbox and
/// RabbitMQ included), with its two phases from the database's clock: writing the letters (reading sortition, rendering each
/// letter's template, the ledger) and rendering the batch PDF; then the batch's download.
/// </summary>
public static class LettersBenchmark
{
    private const string Usage = "usage: Notifications.Benchmarks [--shapes 5600/1400,4000/3000,8000/2000] [--seed 1]";

    public static async Task<int> RunAsync(string[] args)
    {
        string Option(string name, string fallback) => args.SkipWhile(a => a != $"--{name}").Skip(1).FirstOrDefault() ?? fallback;
        if (args.Contains("--help"))
        {
            Console.WriteLine(Usage);
            return 0;
        }
        var shapes = Option("shapes", "5600/1400,4000/3000,8000/2000").Split(',')
            .Select(shape => shape.Split('/').Select(part => int.Parse(part, CultureInfo.InvariantCulture)).ToArray()).ToList();
        var seed = int.Parse(Option("seed", "1"), CultureInfo.InvariantCulture);
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores, "
            + $"{Math.Round(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 1073741824.0)} GiB, "
            + $"{System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}");
        await using var system = await RunningSystem.StartAsync(builder => builder.CreateResourceBuilder<ProjectResource>("gateway")
            .WithEnvironment("RateLimiting__PermitsPerMinute", "1000000"));
        var notifications = (await system.App.GetConnectionStringAsync("notificationsdb"))!;
        Console.WriteLine("| invitations (electoral/citizen card) | seed | invitation draw | letters | writing | batch rendering "
            + "| from the draw's answer to ready | batch size | download |");
        Console.WriteLine("| --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        foreach (var (shape, index) in shapes.Select((shape, index) => (shape, index)))
        {
            var instanceSeed = seed + index;
            var body = $"bench-{Guid.NewGuid():N}"[..20];
            var secretariat = await system.SecretariatAsync(body);
            var draw = await DrawAsync(secretariat, body, shape[0], shape[1], instanceSeed);

            var clock = Stopwatch.StartNew();
            (await secretariat.PostAsJsonAsync($"/api/sortition/bodies/{body}/draws/{draw}/invitations",
                new { seed = $"bench-{instanceSeed}" })).EnsureSuccessStatusCode();
            var invitationDraw = clock.Elapsed;
            clock.Restart();
            var campaigns = $"/api/notifications/bodies/{body}/campaigns";
            JsonElement campaign;
            while (true)
            {
                var list = (await secretariat.GetFromJsonAsync<List<JsonElement>>(campaigns))!;
                if (list.Count == 1 && list[0].GetProperty("state").GetString() == "ready")
                {
                    campaign = list[0];
                    break;
                }
                await Task.Delay(100);
            }
            var total = clock.Elapsed;
            var (writing, rendering) = await PhasesAsync(notifications, campaign.GetProperty("id").GetGuid());
            clock.Restart();
            var batch = await secretariat.GetByteArrayAsync($"{campaigns}/{campaign.GetProperty("id").GetGuid()}/batch.pdf");
            var download = clock.Elapsed;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {shape[0] + shape[1]:N0} ({shape[0]}/{shape[1]}) | {instanceSeed} | {invitationDraw.TotalSeconds:F1} s "
                + $"| {campaign.GetProperty("expected").GetInt32():N0} "
                + $"| {writing.TotalSeconds:F1} s | {rendering.TotalSeconds:F1} s | **{total.TotalSeconds:F1} s** "
                + $"| {batch.Length / 1048576.0:F1} MiB | {download.TotalSeconds:F1} s |"));
        }
        return 0;
    }

    /// <summary>From the campaign's opening to its last letter written, then from there to the batch being ready.</summary>
    private static async Task<(TimeSpan Writing, TimeSpan Rendering)> PhasesAsync(string connectionString, Guid campaign)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var command = dataSource.CreateCommand("""
            SELECT max(m.created_at) - c.created_at, c.ready_at - max(m.created_at)
            FROM campaigns c JOIN messages m ON m.campaign_id = c.id WHERE c.id = $1 GROUP BY c.id
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = campaign });
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetFieldValue<TimeSpan>(0), reader.GetFieldValue<TimeSpan>(1));
    }

    /// <summary>A draw whose two seat groups invite the given numbers, its lists four times larger, imported.</summary>
    private static async Task<Guid> DrawAsync(HttpClient secretariat, string body, int electoral, int citizenCard, int seed)
    {
        var deadline = DateTimeOffset.UtcNow.AddDays(30);
        var created = await secretariat.PostAsJsonAsync($"/api/sortition/bodies/{body}/draws", new
        {
            title = "Assemblée citoyenne de Paris (banc d'essai)",
            panelSize = 10,
            seatGroups = new[]
            {
                new { name = "electoral-list", seats = 8, sourceList = "electoral", invitations = electoral, minAge = 18, maxAge = 120 },
                new { name = "citizen-card", seats = 2, sourceList = "citizen-card", invitations = citizenCard, minAge = 16,
                    maxAge = 120 },
            },
            categories = new[]
            {
                new { name = "gender", values = new[] { new { value = "female", min = 4, max = 6 }, new { value = "male", min = 4,
                    max = 6 } } },
            },
            ageClasses = new[] { new { name = "18-44", minAge = 16, maxAge = 44 }, new { name = "45+", minAge = 45, maxAge = 120 } },
            invitationStrata = new[] { "arrondissement", "age-class" },
            oneOfEachHousehold = false,
            substitutes = 20,
            referenceDate = "2026-11-01",
            responseDeadline = deadline,
            substitutesValidUntil = DateOnly.FromDateTime(deadline.UtcDateTime.AddDays(60))
                .ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        });
        created.EnsureSuccessStatusCode();
        var draw = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        foreach (var (list, rows) in new[] { ("electoral", electoral * 4), ("citizen-card", citizenCard * 4) })
        {
            (await secretariat.PutAsync($"/api/sortition/bodies/{body}/draws/{draw}/lists/{list}",
                new StringContent(SourceList(list[..1].ToUpperInvariant(), rows, seed), Encoding.UTF8, "text/csv")))
                .EnsureSuccessStatusCode();
        }
        return draw;
    }

    /// <summary>Synthetic people (no real person); names and addresses of varied lengths, accents included.</summary>
    private static string SourceList(string prefix, int rows, int seed)
    {
        string[] family =
            ["Martin", "Bernard", "Lefèvre-Dumoulin", "N'Diaye", "Nguyễn", "de La Rochefoucauld-Liancourt", "Müller", "Œillet"];
        string[] given = ["Camille", "Zoé", "Jean-Baptiste", "Aïcha", "Françoise-Élisabeth", "Li", "Mohamed", "Anne-Sophie"];
        var random = new Random(seed * 7919 + prefix[0]);
        var csv = new StringBuilder("id,family_name,given_name,birth_date,sex,address,postcode\n");
        for (var i = 0; i < rows; i++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{prefix}{i:D7},")
                .Append(CultureInfo.InvariantCulture, $"{family[random.Next(family.Length)]},{given[random.Next(given.Length)]},")
                .Append(CultureInfo.InvariantCulture, $"{1940 + random.Next(66)}-{1 + random.Next(12):D2}-{1 + random.Next(28):D2},")
                .Append(CultureInfo.InvariantCulture, $"{(random.Next(2) == 0 ? "F" : "M")},\"{1 + random.Next(180)} ")
                .Append(random.Next(3) == 0 ? "boulevard de la Reine-Blanche-et-des-Quatre-Vents, bâtiment C, escalier 2" : "rue de Test")
                .Append(CultureInfo.InvariantCulture, $"\",750{1 + random.Next(20):D2}\n");
        }
        return csv.ToString();
    }
}
