using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Npgsql;
using NpgsqlTypes;

namespace Assemblee.Benchmarks.Notifications;

/// <summary>
/// E-mail throughput from the ledger to the local SMTP server: campaigns of queued e-mails (a convocation's wording and a
/// calendar file each, varied lengths) are written straight into notifications' database, as a campaign's preparation leaves
/// them (the benchmark measures sending, not preparing); the service's sender then sends them over SMTP with MailKit, and the
/// benchmark times until the last is marked sent.
/// </summary>
public static class EmailBenchmark
{
    private const string Usage = "usage: Notifications.Benchmarks email [--messages 2000,5000] [--seed 1]";

    public static async Task<int> RunAsync(string[] args)
    {
        string Option(string name, string fallback) => args.SkipWhile(a => a != $"--{name}").Skip(1).FirstOrDefault() ?? fallback;
        if (args.Contains("--help"))
        {
            Console.WriteLine(Usage);
            return 0;
        }
        var sizes = Option("messages", "2000,5000").Split(',').Select(size => int.Parse(size, CultureInfo.InvariantCulture)).ToList();
        var seed = int.Parse(Option("seed", "1"), CultureInfo.InvariantCulture);
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores, "
            + $"{Math.Round(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 1073741824.0)} GiB, "
            + $"{System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}");
        await using var system = await RunningSystem.StartAsync();
        await using var dataSource = NpgsqlDataSource.Create((await system.App.GetConnectionStringAsync("notificationsdb"))!);
        Console.WriteLine("| e-mails | seed | average size | sent in | e-mails per second |");
        Console.WriteLine("| --- | --- | --- | --- | --- |");
        foreach (var (size, index) in sizes.Select((size, index) => (size, index)))
        {
            var (campaign, averageBytes) = await SeedAsync(dataSource, size, seed + index);
            var clock = Stopwatch.StartNew();
            await using (var release = dataSource.CreateCommand("UPDATE messages SET next_attempt_at = now() WHERE campaign_id = $1"))
            {
                release.Parameters.Add(new NpgsqlParameter { Value = campaign });
                await release.ExecuteNonQueryAsync();
            }
            while (await CountAsync(dataSource, campaign, "sent") < size)
            {
                await Task.Delay(50);
            }
            var seconds = clock.Elapsed.TotalSeconds;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {size:N0} | {seed + index} | {averageBytes / 1024.0:F1} KiB | {seconds:F1} s | **{size / seconds:F0}** |"));
        }
        return 0;
    }

    /// <summary>A ready campaign of queued e-mails held back (next attempt in a day) until the clock starts.</summary>
    private static async Task<(Guid Campaign, double AverageBytes)> SeedAsync(NpgsqlDataSource dataSource, int size, int seed)
    {
        var random = new Random(seed);
        var campaign = Guid.CreateVersion7();
        var body = $"bench-{Guid.NewGuid():N}"[..20];
        await using (var insert = dataSource.CreateCommand("""
            INSERT INTO campaigns (id, body_id, kind, source_key, title, parameters, language, template_version, state, expected, ready_at)
            VALUES ($1, $2, 'convocation', $3, 'Banc d''essai', '{}', 'fr', 0, 'ready', $4, now())
            """))
        {
            foreach (var value in new object[] { campaign, body, $"benchmark:{campaign}", size })
            {
                insert.Parameters.Add(new NpgsqlParameter { Value = value });
            }
            await insert.ExecuteNonQueryAsync();
        }
        var ics = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Ville de Paris//Assemblee//FR\r\nBEGIN:VEVENT\r\nUID:bench@assemblee\r\n"
            + "DTSTART:20270209T170000Z\r\nDTEND:20270209T200000Z\r\nSUMMARY:Séance plénière\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
        long bytes = 0;
        await using var connection = await dataSource.OpenConnectionAsync();
        await using (var writer = await connection.BeginBinaryImportAsync(
            "COPY messages (id, campaign_id, idempotency_key, recipient, channel, state, sequence, content, next_attempt_at) "
            + "FROM STDIN BINARY"))
        {
            for (var i = 0; i < size; i++)
            {
                var paragraph = string.Join(' ',
                    Enumerable.Repeat("Vous êtes convoqué·e à la séance plénière de l'Assemblée citoyenne.", 2 + random.Next(12)));
                // The ledger's shape of an e-mail (EmailMessage, serialised with the default options).
                var content = JsonSerializer.Serialize(new
                {
                    ToAddress = $"membre{i}@example.org",
                    ToName = $"Membre {i}",
                    Subject = $"Convocation {i}",
                    Body = $"Bonjour,\n\n{paragraph}\n\nVos préférences : https://assemblee.paris.fr/membres/preferences",
                    CalendarIcs = ics,
                    CalendarFileName = "seance.ics",
                    UnsubscribeUrl = $"https://assemblee.paris.fr/u/{i}",
                });
                bytes += content.Length;
                await writer.StartRowAsync();
                await writer.WriteAsync(Guid.CreateVersion7(), NpgsqlDbType.Uuid);
                await writer.WriteAsync(campaign, NpgsqlDbType.Uuid);
                await writer.WriteAsync($"benchmark:{campaign}|member:{i}|convocation|email", NpgsqlDbType.Text);
                await writer.WriteAsync($"member:{i}", NpgsqlDbType.Text);
                await writer.WriteAsync("email", NpgsqlDbType.Text);
                await writer.WriteAsync("queued", NpgsqlDbType.Text);
                await writer.WriteAsync(i + 1, NpgsqlDbType.Integer);
                await writer.WriteAsync(content, NpgsqlDbType.Jsonb);
                await writer.WriteAsync(DateTimeOffset.UtcNow.AddDays(1), NpgsqlDbType.TimestampTz);
            }
            await writer.CompleteAsync();
        }
        return (campaign, bytes / (double)size);
    }

    private static async Task<long> CountAsync(NpgsqlDataSource dataSource, Guid campaign, string state)
    {
        await using var command = dataSource.CreateCommand("SELECT count(*) FROM messages WHERE campaign_id = $1 AND state = $2");
        command.Parameters.Add(new NpgsqlParameter { Value = campaign });
        command.Parameters.Add(new NpgsqlParameter { Value = state });
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
