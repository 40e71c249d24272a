using Assemblee.Common.Rules;
using Assemblee.Contracts.Veille.V1;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Npgsql;

namespace Assemblee.Veille.Grpc;

public sealed class VeilleService(NpgsqlDataSource dataSource) : Contracts.Veille.V1.Veille.VeilleBase
{
    /// <summary>The record of questions is public.</summary>
    [AllowAnonymous]
    public override async Task ListQuestions(ListQuestionsRequest request, IServerStreamWriter<Question> responseStream, ServerCallContext context)
    {
        var bodyId = GrpcArguments.OptionalBodyId(request.BodyId);
        await using var command = dataSource.CreateCommand(
            "SELECT id, body_id, title, status FROM questions WHERE $1::text IS NULL OR body_id = $1 ORDER BY submitted_at DESC");
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)bodyId ?? DBNull.Value });
        await using var reader = await command.ExecuteReaderAsync(context.CancellationToken);
        while (await reader.ReadAsync(context.CancellationToken))
        {
            await responseStream.WriteAsync(new Question
            {
                Id = reader.GetGuid(0).ToString(),
                BodyId = reader.GetString(1),
                Title = reader.GetString(2),
                Status = reader.GetString(3),
            });
        }
    }
}
