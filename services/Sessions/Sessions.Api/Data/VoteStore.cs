using System.Text.Json;
using Assemblee.Common.Data;
using Assemblee.Sessions.Domain;
using Npgsql;

namespace Assemblee.Sessions.Data;

/// <summary>A member's ballot in an open vote, published with the result.</summary>
public sealed record NamedBallot(Guid MemberId, string Option);

/// <summary>Votes, who voted, and ballots: named for open votes, counts only for secret ones.</summary>
public sealed class VoteStore(NpgsqlDataSource dataSource)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private const string Columns = "id, body_id, session_id, question, options::text, majority, method, secret, requires_quorum, "
        + "subject::text, state, opened_at, closed_at, result::text";

    public static async Task InsertAsync(NpgsqlTransaction transaction, Vote vote, CancellationToken cancellationToken)
    {
        await using var insert = new NpgsqlCommand("""
            INSERT INTO votes (id, body_id, session_id, question, options, majority, method, secret, requires_quorum, subject, state)
            VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7, $8, $9, $10::jsonb, $11)
            """, transaction.Connection, transaction);
        await insert.With(vote.Id, vote.BodyId, vote.SessionId, vote.Question, JsonSerializer.Serialize(vote.Options, Json), vote.Majority,
            vote.Method, vote.Secret, vote.RequiresQuorum, vote.Subject is null ? null : JsonSerializer.Serialize(vote.Subject, Json),
            vote.State).ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// The body's vote, locked until the transaction ends: shared by ballots, which then run side by side, exclusive for opening
    /// and closing, which wait for the ballots under way.
    /// </summary>
    public static async Task<Vote?> LockAsync(NpgsqlTransaction transaction, string bodyId, Guid id, bool shared,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            $"SELECT {Columns} FROM votes WHERE body_id = $1 AND id = $2 FOR {(shared ? "SHARE" : "UPDATE")}", transaction.Connection,
            transaction);
        return (await ReadAsync(command.With(bodyId, id), cancellationToken)).SingleOrDefault();
    }

    public async Task<Vote?> FindAsync(string bodyId, Guid id, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM votes WHERE body_id = $1 AND id = $2");
        return (await ReadAsync(command.With(bodyId, id), cancellationToken)).SingleOrDefault();
    }

    public async Task<IReadOnlyList<Vote>> ListAsync(Guid sessionId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM votes WHERE session_id = $1 ORDER BY created_at, id");
        return await ReadAsync(command.With(sessionId), cancellationToken);
    }

    /// <summary>Opens the vote; a secret one gets a zero count for each option.</summary>
    public static async Task OpenAsync(NpgsqlTransaction transaction, Vote vote, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using (var update = new NpgsqlCommand("UPDATE votes SET state = $2, opened_at = $3 WHERE id = $1", transaction.Connection,
            transaction))
        {
            await update.With(vote.Id, VoteStates.Open, now).ExecuteNonQueryAsync(cancellationToken);
        }
        if (vote.Secret)
        {
            await using var tallies = new NpgsqlCommand("INSERT INTO secret_tallies (vote_id, option) SELECT $1, unnest($2::text[])",
                transaction.Connection, transaction);
            await tallies.With(vote.Id, vote.Options.ToArray()).ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>Records that the member voted; false when they had already.</summary>
    public static async Task<bool> AddVoterAsync(NpgsqlTransaction transaction, Guid voteId, Guid memberId,
        CancellationToken cancellationToken)
    {
        await using var insert = new NpgsqlCommand("INSERT INTO voters (vote_id, member_id) VALUES ($1, $2) ON CONFLICT DO NOTHING",
            transaction.Connection, transaction);
        return await insert.With(voteId, memberId).ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    public static async Task AddOpenBallotAsync(NpgsqlTransaction transaction, Guid voteId, Guid memberId, string option,
        CancellationToken cancellationToken)
    {
        await using var insert = new NpgsqlCommand("INSERT INTO open_ballots (vote_id, member_id, option) VALUES ($1, $2, $3)",
            transaction.Connection, transaction);
        await insert.With(voteId, memberId, option).ExecuteNonQueryAsync(cancellationToken);
    }

    public static async Task CountSecretBallotAsync(NpgsqlTransaction transaction, Guid voteId, string option,
        CancellationToken cancellationToken)
    {
        await using var update = new NpgsqlCommand("UPDATE secret_tallies SET ballots = ballots + 1 WHERE vote_id = $1 AND option = $2",
            transaction.Connection, transaction);
        await update.With(voteId, option).ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The ballots counted per option.</summary>
    public static async Task<IReadOnlyDictionary<string, int>> TotalsAsync(NpgsqlTransaction transaction, Vote vote,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(vote.Secret
            ? "SELECT option, ballots FROM secret_tallies WHERE vote_id = $1"
            : "SELECT option, count(*)::int FROM open_ballots WHERE vote_id = $1 GROUP BY option", transaction.Connection, transaction);
        await using var reader = await command.With(vote.Id).ExecuteReaderAsync(cancellationToken);
        var totals = new Dictionary<string, int>();
        while (await reader.ReadAsync(cancellationToken))
        {
            totals[reader.GetString(0)] = reader.GetInt32(1);
        }
        return totals;
    }

    /// <summary>Closes the vote with its result; a secret vote's counts are rewritten in this transaction (see the migration).</summary>
    public static async Task CloseAsync(NpgsqlTransaction transaction, Vote vote, VoteResult result, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        await using (var update = new NpgsqlCommand("UPDATE votes SET state = $2, closed_at = $3, result = $4::jsonb WHERE id = $1",
            transaction.Connection, transaction))
        {
            await update.With(vote.Id, VoteStates.Closed, now, JsonSerializer.Serialize(result,
                Json)).ExecuteNonQueryAsync(cancellationToken);
        }
        await using var rewrite = new NpgsqlCommand("UPDATE secret_tallies SET ballots = ballots WHERE vote_id = $1",
            transaction.Connection,
            transaction);
        await rewrite.With(vote.Id).ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Clears the dead row versions that each ballot left in the counts (each carries its ballot's transaction id, which the
    /// voter's row shares). Outside any transaction, after closing; the service's role owns the table.
    /// </summary>
    public async Task VacuumTalliesAsync(CancellationToken cancellationToken)
    {
        await using var vacuum = dataSource.CreateCommand("VACUUM secret_tallies");
        await vacuum.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<int> VoterCountAsync(Guid voteId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT count(*)::int FROM voters WHERE vote_id = $1");
        return (int)(await command.With(voteId).ExecuteScalarAsync(cancellationToken))!;
    }

    public async Task<IReadOnlyList<NamedBallot>> NamedBallotsAsync(Guid voteId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT member_id, option FROM open_ballots WHERE vote_id = $1 ORDER BY member_id");
        await using var reader = await command.With(voteId).ExecuteReaderAsync(cancellationToken);
        var ballots = new List<NamedBallot>();
        while (await reader.ReadAsync(cancellationToken))
        {
            ballots.Add(new NamedBallot(reader.GetGuid(0), reader.GetString(1)));
        }
        return ballots;
    }

    private static async Task<IReadOnlyList<Vote>> ReadAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var votes = new List<Vote>();
        while (await reader.ReadAsync(cancellationToken))
        {
            votes.Add(new Vote(reader.GetGuid(0), reader.GetString(1), reader.GetGuid(2), reader.GetString(3),
                JsonSerializer.Deserialize<List<string>>(reader.GetString(4), Json)!, reader.GetString(5), reader.GetString(6),
                reader.GetBoolean(7), reader.GetBoolean(8),
                reader.NullableString(9) is { } subject ? JsonSerializer.Deserialize<VoteSubject>(subject, Json) : null,
                reader.GetString(10), reader.Nullable<DateTimeOffset>(11), reader.Nullable<DateTimeOffset>(12),
                reader.NullableString(13) is { } result ? JsonSerializer.Deserialize<VoteResult>(result, Json) : null));
        }
        return votes;
    }
}
