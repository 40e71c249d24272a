using System.Text.Json;
using Assemblee.Common.Data;
using Assemblee.Veille.Domain;
using Npgsql;
using NpgsqlTypes;

namespace Assemblee.Veille.Data;

/// <summary>What the public register is filtered by; each filter applies when given.</summary>
/// <param name="BodyId">Questions the body drafted or co-signed.</param>
public sealed record RegisterFilter(string? BodyId, string? Kind, string? State, string? Theme, string? ItemId);

/// <summary>Questions, their co-signers, answers and timeline.</summary>
public sealed class QuestionStore(NpgsqlDataSource dataSource)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private const string Columns = """
        q.id, q.body_id, q.kind, q.title, q.text, q.addressee_kind, q.addressee, q.item_ids, q.themes, q.state, q.drafted_at,
        q.submitted_at, q.answer_due, q.first_answered_at, q.merged_into, q.inadmissible_reason, q.exchange_session_id,
        q.opinion_public, q.updated_at
        """;

    public static async Task InsertAsync(NpgsqlTransaction transaction, Question question, string actor,
        CancellationToken cancellationToken)
    {
        await using var insert = new NpgsqlCommand("""
            INSERT INTO questions (id, body_id, kind, title, text, addressee_kind, addressee, item_ids, themes, state, drafted_by,
                drafted_at, updated_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12)
            """, transaction.Connection, transaction);
        await insert.With(question.Id, question.BodyId, question.Kind, question.Title, question.Text, question.AddresseeKind,
            question.Addressee, question.ItemIds.ToArray(), question.Themes.ToArray(), question.State, actor, question.DraftedAt)
            .ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Writes what a transition changed: the text while a draft, then the state and its dates.</summary>
    public static async Task UpdateAsync(NpgsqlTransaction transaction, Question question, CancellationToken cancellationToken)
    {
        await using var update = new NpgsqlCommand("""
            UPDATE questions SET kind = $2, title = $3, text = $4, addressee_kind = $5, addressee = $6, item_ids = $7, themes = $8,
                state = $9, submitted_at = $10, answer_due = $11, first_answered_at = $12, merged_into = $13, inadmissible_reason = $14,
                exchange_session_id = $15, opinion_public = $16, updated_at = $17
            WHERE id = $1
            """, transaction.Connection, transaction);
        await update.With(question.Id, question.Kind, question.Title, question.Text, question.AddresseeKind, question.Addressee,
            question.ItemIds.ToArray(), question.Themes.ToArray(), question.State, question.SubmittedAt, question.AnswerDue,
            question.FirstAnsweredAt, question.MergedInto, question.InadmissibleReason, question.ExchangeSessionId,
            question.OpinionPublic, question.UpdatedAt).ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The question, locked until the transaction ends: its transitions take turns.</summary>
    public static async Task<Question?> LockAsync(NpgsqlTransaction transaction, Guid id, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"SELECT {Columns} FROM questions q WHERE q.id = $1 FOR UPDATE",
            transaction.Connection, transaction);
        return (await ReadAsync(command.With(id), cancellationToken)).SingleOrDefault();
    }

    public async Task<Question?> FindAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM questions q WHERE q.id = $1");
        return (await ReadAsync(command.With(id), cancellationToken)).SingleOrDefault();
    }

    /// <summary>The body's questions, drafts included, and those it is invited to co-sign; newest first.</summary>
    public async Task<IReadOnlyList<Question>> OfBodyAsync(string bodyId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"""
            SELECT {Columns} FROM questions q
            WHERE q.body_id = $1 OR EXISTS (SELECT 1 FROM cosignatures c WHERE c.question_id = q.id AND c.body_id = $1)
            ORDER BY q.drafted_at DESC LIMIT 1000
            """);
        return await ReadAsync(command.With(bodyId), cancellationToken);
    }

    /// <summary>The public register: submitted questions (referrals once their opinion is public), newest first.</summary>
    public async Task<IReadOnlyList<Question>> RegisterAsync(RegisterFilter filter, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"""
            SELECT {Columns} FROM questions q
            WHERE q.submitted_at IS NOT NULL AND (q.kind <> 'referral' OR q.opinion_public)
                AND ($1::text IS NULL OR q.body_id = $1 OR EXISTS (
                    SELECT 1 FROM cosignatures c WHERE c.question_id = q.id AND c.body_id = $1 AND c.state = 'accepted'))
                AND ($2::text IS NULL OR q.kind = $2) AND ($3::text IS NULL OR q.state = $3)
                AND ($4::text IS NULL OR $4 = ANY (q.themes)) AND ($5::text IS NULL OR $5 = ANY (q.item_ids))
            ORDER BY q.submitted_at DESC, q.id LIMIT 10000
            """);
        foreach (var value in new[] { filter.BodyId, filter.Kind, filter.State, filter.Theme?.ToLowerInvariant(), filter.ItemId })
        {
            command.Parameters.Add(new NpgsqlParameter { Value = (object?)value ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        }
        return await ReadAsync(command, cancellationToken);
    }

    /// <summary>Invites a body to co-sign; false when it was invited already.</summary>
    public static async Task<bool> InviteAsync(NpgsqlTransaction transaction, Guid questionId, string bodyId, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        await using var insert = new NpgsqlCommand("""
            INSERT INTO cosignatures (question_id, body_id, state, invited_at) VALUES ($1, $2, 'invited', $3) ON CONFLICT DO NOTHING
            """, transaction.Connection, transaction);
        return await insert.With(questionId, bodyId, now).ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    /// <summary>Records a body's answer to its invitation; false when it was not invited or answered already.</summary>
    public static async Task<bool> AnswerInvitationAsync(NpgsqlTransaction transaction, Guid questionId, string bodyId, string state,
        BodyDecision? decision, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var update = new NpgsqlCommand("""
            UPDATE cosignatures SET state = $3, answered_at = $4, vote_id = $5, decision = $6
            WHERE question_id = $1 AND body_id = $2 AND state = 'invited'
            """, transaction.Connection, transaction);
        return await update.With(questionId, bodyId, state, now, decision?.VoteId, decision?.Decision?.Trim())
            .ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    public static Task<IReadOnlyList<CoSigner>> CoSignersAsync(NpgsqlTransaction transaction, Guid questionId,
        CancellationToken cancellationToken) =>
        ReadCoSignersAsync(new NpgsqlCommand(CoSignersQuery, transaction.Connection, transaction).With(questionId), cancellationToken);

    public Task<IReadOnlyList<CoSigner>> CoSignersAsync(Guid questionId, CancellationToken cancellationToken) =>
        ReadCoSignersAsync(dataSource.CreateCommand(CoSignersQuery).With(questionId), cancellationToken);

    /// <summary>The bodies that co-signed each of these questions.</summary>
    public async Task<ILookup<Guid, string>> AcceptedCoSignersAsync(IReadOnlyList<Guid> questionIds, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT question_id, body_id FROM cosignatures WHERE question_id = ANY($1) AND state = 'accepted' ORDER BY answered_at");
        command.Parameters.Add(new NpgsqlParameter
        {
            Value = questionIds.ToArray(),
            NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid
        });
        var rows = await command.ListAsync(reader => (Question: reader.GetGuid(0), Body: reader.GetString(1)), cancellationToken);
        return rows.ToLookup(row => row.Question, row => row.Body);
    }

    public static async Task AddAnswerAsync(NpgsqlTransaction transaction, Guid questionId, Answer answer, string actor,
        CancellationToken cancellationToken)
    {
        await using var insert = new NpgsqlCommand("""
            INSERT INTO answers (id, question_id, answered_by, answered_as, text, attachments, answered_at)
            VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7)
            """, transaction.Connection, transaction);
        await insert.With(answer.Id, questionId, actor, answer.AnsweredAs, answer.Text, JsonSerializer.Serialize(answer.Attachments, Json),
            answer.AnsweredAt).ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<Answer>> AnswersAsync(Guid questionId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT id, answered_as, text, attachments::text, answered_at FROM answers WHERE question_id = $1 ORDER BY answered_at");
        return await command.With(questionId).ListAsync(reader => new Answer(reader.GetGuid(0), reader.GetString(1), reader.GetString(2),
            JsonSerializer.Deserialize<List<Paper>>(reader.GetString(3), Json)!, reader.GetFieldValue<DateTimeOffset>(4)),
                cancellationToken);
    }

    public static async Task AddEventAsync(NpgsqlTransaction transaction, Guid questionId, DateTimeOffset at, string actor, string actingAs,
        string action, object detail, CancellationToken cancellationToken)
    {
        await using var insert = new NpgsqlCommand("""
            INSERT INTO question_events (question_id, at, actor, acting_as, action, detail) VALUES ($1, $2, $3, $4, $5, $6::jsonb)
            """, transaction.Connection, transaction);
        await insert.With(questionId, at, actor, actingAs, action, JsonSerializer.Serialize(detail, Json))
            .ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Every step, oldest first; who acted is kept for the bodies' audit, not shown: the timeline names the body or office.
    /// </summary>
    public async Task<IReadOnlyList<TimelineEntry>> TimelineAsync(Guid questionId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT at, acting_as, action, detail::text FROM question_events WHERE question_id = $1 ORDER BY id");
        return await command.With(questionId).ListAsync(reader => new TimelineEntry(reader.GetFieldValue<DateTimeOffset>(0),
            reader.GetString(1), reader.GetString(2), JsonDocument.Parse(reader.GetString(3)).RootElement.Clone()), cancellationToken);
    }

    private const string CoSignersQuery =
        "SELECT body_id, state, invited_at, answered_at FROM cosignatures WHERE question_id = $1 ORDER BY invited_at, body_id";

    private static async Task<IReadOnlyList<CoSigner>> ReadCoSignersAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using (command)
        {
            return await command.ListAsync(reader => new CoSigner(reader.GetString(0), reader.GetString(1),
                reader.GetFieldValue<DateTimeOffset>(2), reader.Nullable<DateTimeOffset>(3)), cancellationToken);
        }
    }

    private static async Task<IReadOnlyList<Question>> ReadAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using (command)
        {
            return await command.ListAsync(reader => new Question(reader.GetGuid(0), reader.GetString(1), reader.GetString(2),
                reader.GetString(3), reader.GetString(4), reader.GetString(5), reader.GetString(6), reader.GetFieldValue<string[]>(7),
                reader.GetFieldValue<string[]>(8), reader.GetString(9), reader.GetFieldValue<DateTimeOffset>(10),
                reader.Nullable<DateTimeOffset>(11), reader.Nullable<DateTimeOffset>(12), reader.Nullable<DateTimeOffset>(13),
                reader.Nullable<Guid>(14), reader.NullableString(15), reader.Nullable<Guid>(16), reader.GetBoolean(17),
                reader.GetFieldValue<DateTimeOffset>(18)), cancellationToken);
        }
    }
}
