using Assemblee.Common.Data;
using Assemblee.Documents.Domain;
using Npgsql;

namespace Assemblee.Documents.Data;

/// <summary>Submissions to the Council, its outcomes, and the commitments that follow.</summary>
public sealed class CouncilStore(NpgsqlDataSource dataSource)
{
    public static async Task SubmitAsync(NpgsqlTransaction transaction, Guid documentId, CouncilSubmission submission, string actor,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var insert = new NpgsqlCommand("""
            INSERT INTO council_submissions (document_id, council_session, reference, submitted_at, submitted_by)
            VALUES ($1, $2, $3, $4, $5)
            """, transaction.Connection, transaction);
        await insert.With(documentId, submission.CouncilSession, submission.Reference, now, actor).ExecuteNonQueryAsync(cancellationToken);
    }

    public static async Task<CouncilSubmission> RecordOutcomeAsync(NpgsqlTransaction transaction, Guid documentId, CouncilOutcome outcome,
        string actor, CancellationToken cancellationToken)
    {
        await using var update = new NpgsqlCommand("""
            UPDATE council_submissions SET outcome = $2, decided_on = $3, council_text = $4, recorded_by = $5 WHERE document_id = $1
            RETURNING council_session, reference
            """, transaction.Connection, transaction);
        await using var reader = await update.With(documentId, outcome.Outcome, outcome.DecidedOn, outcome.CouncilText, actor)
            .ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new CouncilSubmission(reader.GetFieldValue<DateOnly>(0), reader.GetString(1));
    }

    public static async Task AddCommitmentAsync(NpgsqlTransaction transaction, Commitment commitment, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        await using var insert = new NpgsqlCommand("""
            INSERT INTO commitments (id, document_id, title, department, due_on, status, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)
            """, transaction.Connection, transaction);
        await insert.With(commitment.Id, commitment.DocumentId, commitment.Title, commitment.Department, commitment.DueOn,
            commitment.Status, now).ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Records a status update; false when the document has no such commitment.</summary>
    public static async Task<bool> UpdateCommitmentAsync(NpgsqlTransaction transaction, Guid documentId, Guid commitmentId,
        StatusUpdate update, string actor, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using (var set = new NpgsqlCommand("UPDATE commitments SET status = $3 WHERE id = $2 AND document_id = $1",
            transaction.Connection, transaction))
        {
            if (await set.With(documentId, commitmentId, update.Status).ExecuteNonQueryAsync(cancellationToken) == 0)
            {
                return false;
            }
        }
        await using var insert = new NpgsqlCommand(
            "INSERT INTO commitment_updates (commitment_id, at, actor, status, note) VALUES ($1, $2, $3, $4, $5)",
            transaction.Connection, transaction);
        await insert.With(commitmentId, now, actor, update.Status, update.Note).ExecuteNonQueryAsync(cancellationToken);
        return true;
    }

    public static async Task AddMissionAsync(NpgsqlTransaction transaction, EvaluationMission mission, string actor, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        await using var insert = new NpgsqlCommand("""
            INSERT INTO evaluation_missions (id, document_id, title, member_ids, starts_on, created_by, created_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7)
            """, transaction.Connection, transaction);
        await insert.With(mission.Id, mission.DocumentId, mission.Title, mission.MemberIds.ToArray(), mission.StartsOn, actor, now)
            .ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Links the mission's report; false when the document has no such mission.</summary>
    public static async Task<bool> SetReportAsync(NpgsqlTransaction transaction, Guid documentId, Guid missionId, Guid reportId,
        CancellationToken cancellationToken)
    {
        await using var update = new NpgsqlCommand(
            "UPDATE evaluation_missions SET report_document_id = $3 WHERE id = $2 AND document_id = $1", transaction.Connection,
            transaction);
        return await update.With(documentId, missionId, reportId).ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    public async Task<IReadOnlyList<EvaluationMission>> MissionsAsync(Guid documentId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT id, title, member_ids, starts_on, report_document_id FROM evaluation_missions
            WHERE document_id = $1 ORDER BY starts_on, id
            """);
        await using var reader = await command.With(documentId).ExecuteReaderAsync(cancellationToken);
        var missions = new List<EvaluationMission>();
        while (await reader.ReadAsync(cancellationToken))
        {
            missions.Add(new EvaluationMission(reader.GetGuid(0), documentId, reader.GetString(1), reader.GetFieldValue<Guid[]>(2),
                reader.GetFieldValue<DateOnly>(3), reader.Nullable<Guid>(4)));
        }
        return missions;
    }

    public async Task<IReadOnlyList<Commitment>> CommitmentsAsync(Guid documentId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT c.id, c.title, c.department, c.due_on, c.status, u.at, u.actor, u.status, u.note
            FROM commitments c LEFT JOIN commitment_updates u ON u.commitment_id = c.id
            WHERE c.document_id = $1 ORDER BY c.created_at, c.id, u.id
            """);
        await using var reader = await command.With(documentId).ExecuteReaderAsync(cancellationToken);
        var commitments = new List<Commitment>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var id = reader.GetGuid(0);
            if (commitments.Count == 0 || commitments[^1].Id != id)
            {
                commitments.Add(new Commitment(id, documentId, reader.GetString(1), reader.GetString(2), reader.Nullable<DateOnly>(3),
                    reader.GetString(4), new List<CommitmentUpdate>()));
            }
            if (!reader.IsDBNull(5))
            {
                ((List<CommitmentUpdate>)commitments[^1].Updates).Add(new CommitmentUpdate(reader.GetFieldValue<DateTimeOffset>(5),
                    reader.GetString(6), reader.GetString(7), reader.GetString(8)));
            }
        }
        return commitments;
    }
}
