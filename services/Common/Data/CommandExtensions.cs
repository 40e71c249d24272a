using Npgsql;

namespace Assemblee.Common.Data;

/// <summary>Positional parameters and nullable reads for the plain Npgsql commands every store writes.</summary>
public static class CommandExtensions
{
    /// <summary>
    /// Binds $1, $2… in order; null binds SQL NULL. A moment with an offset (a caller's "+01:00") binds as the same instant in
    /// UTC, which is all Npgsql writes to timestamptz.
    /// </summary>
    public static NpgsqlCommand With(this NpgsqlCommand command, params object?[] values)
    {
        Bind(command.Parameters, values);
        return command;
    }

    /// <summary>Binds $1, $2… of one command of a batch.</summary>
    public static NpgsqlBatchCommand With(this NpgsqlBatchCommand command, params object?[] values)
    {
        Bind(command.Parameters, values);
        return command;
    }

    private static void Bind(NpgsqlParameterCollection parameters, object?[] values)
    {
        foreach (var value in values)
        {
            var bound = value is DateTimeOffset moment ? moment.ToUniversalTime() : value;
            parameters.Add(new NpgsqlParameter { Value = bound ?? DBNull.Value });
        }
    }

    /// <summary>Runs the query and maps each row: the one reading loop the stores share.</summary>
    public static async Task<List<T>> ListAsync<T>(this NpgsqlCommand command, Func<NpgsqlDataReader, T> row,
        CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(row(reader));
        }
        return rows;
    }

    public static T? Nullable<T>(this NpgsqlDataReader reader, int ordinal) where T : struct =>
        reader.IsDBNull(ordinal) ? null : reader.GetFieldValue<T>(ordinal);

    public static string? NullableString(this NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
