using Assemblee.Common.Data;
using Assemblee.Notifications.Domain;
using Npgsql;

namespace Assemblee.Notifications.Data;

public sealed class TemplateStore(NpgsqlDataSource dataSource)
{
    /// <summary>The body's latest version of the kind in the language; null when it wrote none.</summary>
    public async Task<MessageTemplate?> LatestAsync(string bodyId, string kind, string language, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT kind, language, version, subject, body FROM templates WHERE body_id = $1 AND kind = $2 AND language = $3
            ORDER BY version DESC LIMIT 1
            """);
        return (await command.With(bodyId, kind, language).ListAsync(Read, cancellationToken)).SingleOrDefault();
    }

    /// <summary>One version the body wrote; null when there is no such version.</summary>
    public async Task<MessageTemplate?> FindAsync(string bodyId, string kind, string language, int version,
        CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT kind, language, version, subject, body FROM templates
            WHERE body_id = $1 AND kind = $2 AND language = $3 AND version = $4
            """);
        return (await command.With(bodyId, kind, language, version).ListAsync(Read, cancellationToken)).SingleOrDefault();
    }

    /// <summary>Every version the body wrote, newest first.</summary>
    public async Task<IReadOnlyList<MessageTemplate>> ListAsync(string bodyId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT kind, language, version, subject, body FROM templates WHERE body_id = $1 ORDER BY kind, language, version DESC
            """);
        return await command.With(bodyId).ListAsync(Read, cancellationToken);
    }

    /// <summary>Writes the next version (serialised by the primary key: two writers of one version, one fails).</summary>
    public async Task<MessageTemplate> AddAsync(string bodyId, MessageTemplate template, string actor, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            INSERT INTO templates (body_id, kind, language, version, subject, body, written_by)
            SELECT $1, $2, $3, coalesce(max(version), 0) + 1, $4, $5, $6 FROM templates WHERE body_id = $1 AND kind = $2 AND language = $3
            RETURNING kind, language, version, subject, body
            """);
        return (await command.With(bodyId, template.Kind, template.Language, template.Subject, template.Body, actor)
            .ListAsync(Read, cancellationToken)).Single();
    }

    private static MessageTemplate Read(NpgsqlDataReader reader) =>
        new(reader.GetString(0), reader.GetString(1), reader.GetInt32(2), reader.GetString(3), reader.GetString(4));
}
