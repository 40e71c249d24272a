using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting;
using Aspire.Hosting.Testing;
using Npgsql;

namespace Assemblee.Benchmarks.Sessions;

/// <summary>
/// A plenary of a whole promotion: its members check in with the room's code, then cast a secret ballot, every request
/// through the gateway, all at once (or spread over --spread seconds, as people do within a minute). Membership's events
/// that make the members active are written to membership's outbox, as the system tests do, and reach sessions over RabbitMQ.
/// Prints p50, p99 and the slowest latency of each step, and how long the whole step took.
/// </summary>
public static class CheckInAndVoteBenchmark
{
    private const string Usage = "usage: Sessions.Benchmarks [--members 100] [--runs 3] [--spread 0]";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task<int> RunAsync(string[] args)
    {
        string Option(string name, string fallback) => args.SkipWhile(a => a != $"--{name}").Skip(1).FirstOrDefault() ?? fallback;
        if (args.Contains("--help"))
        {
            Console.WriteLine(Usage);
            return 0;
        }
        var count = int.Parse(Option("members", "100"), CultureInfo.InvariantCulture);
        var runs = int.Parse(Option("runs", "3"), CultureInfo.InvariantCulture);
        var spread = TimeSpan.FromSeconds(double.Parse(Option("spread", "0"), CultureInfo.InvariantCulture));
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores, "
            + $"{Math.Round(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 1073741824.0)} GiB, "
            + $"{System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}");

        await using var system = await RunningSystem.StartAsync();
        var body = $"bench-{Guid.NewGuid():N}"[..20];
        var promotion = Guid.NewGuid();
        var members = Enumerable.Range(0, count).Select(_ => Guid.NewGuid()).ToList();
        await ActivateAsync(system, body, promotion, members);
        var secretariat = await system.SecretariatAsync(body);
        // One connection pool for every member, as many browsers behind the city's proxy would open.
        using var gateway = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = count })
        {
            BaseAddress = system.App.GetEndpoint("gateway", "http"),
        };
        var tokens = new List<string>();
        foreach (var member in members)
        {
            tokens.Add(await TokenAsync(gateway, member.ToString(), body));
        }
        Console.WriteLine($"{count} members, {runs} runs, spread over {spread.TotalSeconds:0} s; latency through the gateway");
        Console.WriteLine("run  step      ok   p50 ms   p99 ms   max ms   step s");
        for (var run = 1; run <= runs; run++)
        {
            var path = $"/api/sessions/bodies/{body}";
            var start = DateTimeOffset.UtcNow.AddMinutes(10);
            var session = await IdAsync(await secretariat.PostAsJsonAsync($"{path}/promotions/{promotion}/sessions", new
            {
                kind = "plenary",
                title = $"Plénière {run}",
                place = new { address = "Hôtel de Ville, 75004 Paris" },
                startsAt = start,
                endsAt = start.AddHours(3),
                @public = false,
            }));
            (await secretariat.PostAsync($"{path}/sessions/{session}/convocation", null)).EnsureSuccessStatusCode();
            var code = (await secretariat.GetFromJsonAsync<JsonElement>($"{path}/sessions/{session}/check-in-code")).GetProperty("code")
                .GetString();
            var vote = await IdAsync(await secretariat.PostAsJsonAsync($"{path}/sessions/{session}/votes",
                new { question = "Adoptez-vous l'avis ?", majority = "simple", method = "ballot", secret = true, requiresQuorum = true }));

            var checkIns = await MeasureAsync(tokens, spread, (token, i) => Send(gateway, token, HttpMethod.Post,
                $"{path}/sessions/{session}/check-in", new { code }));
            Report(run, "check-in", checkIns);
            (await secretariat.PostAsync($"{path}/votes/{vote}/opening", null)).EnsureSuccessStatusCode();
            var ballots = await MeasureAsync(tokens, spread, (token, i) => Send(gateway, token, HttpMethod.Post,
                $"{path}/votes/{vote}/ballots", new { option = (i % 3) switch { 0 => "for", 1 => "against", _ => "abstention" } }));
            Report(run, "ballot", ballots);
            var closed = await secretariat.PostAsync($"{path}/votes/{vote}/closing", null);
            var cast = (await closed.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>()).GetProperty("result")
                .GetProperty("cast").GetInt32();
            if (cast != count)
            {
                Console.Error.WriteLine($"run {run}: {cast} ballots counted for {count} members");
                return 1;
            }
        }
        return 0;
    }

    /// <summary>Each member's request, all started together (after a random delay within the spread); returns each latency.</summary>
    private static async Task<(List<double> Milliseconds, int Failed, TimeSpan Step)> MeasureAsync(IReadOnlyList<string> tokens,
        TimeSpan spread, Func<string, int, Func<Task<HttpResponseMessage>>> request)
    {
        var random = new Random(tokens.Count);
        var step = Stopwatch.StartNew();
        var results = await Task.WhenAll(tokens.Select(async (token, i) =>
        {
            await Task.Delay(spread * random.NextDouble());
            var send = request(token, i);
            var watch = Stopwatch.StartNew();
            using var response = await send();
            return (watch.Elapsed.TotalMilliseconds, response.IsSuccessStatusCode);
        }));
        return ([.. results.Select(r => r.TotalMilliseconds).Order()], results.Count(r => !r.IsSuccessStatusCode), step.Elapsed);
    }

    private static Func<Task<HttpResponseMessage>> Send(HttpClient gateway, string token, HttpMethod method, string path, object body) =>
        () =>
        {
            var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            return gateway.SendAsync(request);
        };

    private static void Report(int run, string step, (List<double> Milliseconds, int Failed, TimeSpan Step) measured)
    {
        double Percentile(double p) => measured.Milliseconds[(int)Math.Ceiling(p * measured.Milliseconds.Count) - 1];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{run,3}  {step,-8} {measured.Milliseconds.Count - measured.Failed,4} {Percentile(0.5),8:0.0} {Percentile(0.99),8:0.0} "
            + $"{measured.Milliseconds[^1],8:0.0} {measured.Step.TotalSeconds,8:0.00}"));
        if (measured.Failed > 0)
        {
            throw new InvalidOperationException($"{measured.Failed} {step} requests failed");
        }
    }

    /// <summary>Stands in for membership: its MemberConfirmed events, written to its outbox, reach sessions over RabbitMQ.</summary>
    private static async Task ActivateAsync(RunningSystem system, string body, Guid promotion, IReadOnlyList<Guid> members)
    {
        await using (var membership = NpgsqlDataSource.Create((await system.App.GetConnectionStringAsync("membershipdb"))!))
        {
            foreach (var member in members)
            {
                var confirmed = new
                {
                    bodyId = body,
                    promotionId = promotion,
                    memberId = member,
                    seatGroup = "electoral-list",
                    minor = false,
                    confirmedAt = DateTimeOffset.UtcNow,
                };
                await using var insert = membership.CreateCommand(
                    "INSERT INTO outbox_messages (id, message_type, body) VALUES ($1, 'membership.member-confirmed.v1', $2::jsonb)");
                insert.Parameters.Add(new NpgsqlParameter { Value = Guid.NewGuid() });
                insert.Parameters.Add(new NpgsqlParameter { Value = JsonSerializer.Serialize(confirmed, Json) });
                await insert.ExecuteNonQueryAsync();
            }
        }
        await using var sessions = NpgsqlDataSource.Create((await system.App.GetConnectionStringAsync("sessionsdb"))!);
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (true)
        {
            await using var command = sessions.CreateCommand("SELECT count(*) FROM members WHERE promotion_id = $1 AND state = 'active'");
            command.Parameters.Add(new NpgsqlParameter { Value = promotion });
            if ((long)(await command.ExecuteScalarAsync())! == members.Count)
            {
                return;
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("sessions did not learn of every member within two minutes");
            }
            await Task.Delay(200);
        }
    }

    private static async Task<string> TokenAsync(HttpClient gateway, string subject, string body)
    {
        var response = await gateway.PostAsJsonAsync("/dev/token", new { subject, roles = new[] { "member" }, bodies = new[] { body } });
        return (await response.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
    }

    private static async Task<Guid> IdAsync(HttpResponseMessage response) =>
        (await response.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
}
