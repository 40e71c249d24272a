using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace Assemblee.Common.Rules;

public static class RuleViolationExtensions
{
    public static void AddRuleViolations(this IHostApplicationBuilder builder)
    {
        builder.Services.AddExceptionHandler<RuleViolationHandler>();
        builder.Services.AddGrpc(options => options.Interceptors.Add<RuleViolationInterceptor>());
    }

    /// <summary>Documents, in OpenAPI, the problems a group's rules may answer, with the code that names the rule.</summary>
    public static RouteGroupBuilder ProducesRuleViolations(this RouteGroupBuilder group) =>
        group.WithMetadata(
            [.. new[] { StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status422UnprocessableEntity }
                .Select(status => new ProducesResponseTypeMetadata(status, typeof(RuleProblem), ["application/problem+json"]))]);

    public static int HttpStatus(this RuleViolationKind kind) => kind switch
    {
        RuleViolationKind.NotFound => StatusCodes.Status404NotFound,
        RuleViolationKind.Conflict => StatusCodes.Status409Conflict,
        RuleViolationKind.Stale => StatusCodes.Status412PreconditionFailed,
        RuleViolationKind.PreconditionRequired => StatusCodes.Status428PreconditionRequired,
        RuleViolationKind.Forbidden => StatusCodes.Status403Forbidden,
        _ => StatusCodes.Status422UnprocessableEntity,
    };
}

/// <summary>
/// A refused rule as OpenAPI documents it for other bodies' software: RFC 9457 problem details and the stable code of the
/// rule (<see cref="RuleViolation.Code"/>), which <see cref="RuleViolationHandler"/> writes.
/// </summary>
public sealed record RuleProblem(string? Type, string Title, int Status, string Detail, string Code);

/// <summary>
/// Text PostgreSQL cannot store: a string holding U+0000, which its text type refuses (SQLSTATE 22021). Such a request is the
/// caller's error, answered 400 or INVALID_ARGUMENT; the transaction it was in rolls back, so nothing is half stored. The
/// database is where every string of every request, REST or gRPC, body, query or route, is checked anyway.
/// </summary>
internal static class UnstorableText
{
    public const string Code = "unstorable-text";
    public const string Detail = "The request holds a character no text can hold here (U+0000, NUL).";

    public static bool Is(Exception exception) =>
        exception is PostgresException { SqlState: PostgresErrorCodes.CharacterNotInRepertoire };
}

/// <summary>
/// A <see cref="RuleViolation"/> thrown by a REST endpoint becomes problem details with its status; so does text the database
/// cannot store (<see cref="UnstorableText"/>), as a 400.
/// </summary>
internal sealed class RuleViolationHandler(IProblemDetailsService problemDetails) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (UnstorableText.Is(exception))
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return await problemDetails.TryWriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                Exception = exception,
                ProblemDetails =
                {
                    Status = StatusCodes.Status400BadRequest,
                    Title = "Text that cannot be stored",
                    Detail = UnstorableText.Detail,
                    Extensions = { ["code"] = UnstorableText.Code },
                },
            });
        }
        if (exception is not RuleViolation violation)
        {
            return false;
        }
        context.Response.StatusCode = violation.Kind.HttpStatus();
        var problem = new ProblemDetailsContext
        {
            HttpContext = context,
            Exception = exception,
            ProblemDetails = { Status = context.Response.StatusCode, Title = violation.Title, Detail = violation.Message },
        };
        problem.ProblemDetails.Extensions["code"] = violation.Code;
        foreach (var (name, value) in violation.Extensions)
        {
            problem.ProblemDetails.Extensions[name] = value;
        }
        return await problemDetails.TryWriteAsync(problem);
    }
}

/// <summary>
/// A <see cref="RuleViolation"/> thrown by a gRPC method becomes NOT_FOUND, ABORTED (stale) or FAILED_PRECONDITION; text the
/// database cannot store (<see cref="UnstorableText"/>) becomes INVALID_ARGUMENT.
/// </summary>
internal sealed class RuleViolationInterceptor : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(request, context);
        }
        catch (RuleViolation violation)
        {
            throw AsRpc(violation);
        }
        catch (Exception exception) when (UnstorableText.Is(exception))
        {
            throw UnstorableTextRpc();
        }
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest,
            TResponse> continuation)
    {
        try
        {
            await continuation(request, responseStream, context);
        }
        catch (RuleViolation violation)
        {
            throw AsRpc(violation);
        }
        catch (Exception exception) when (UnstorableText.Is(exception))
        {
            throw UnstorableTextRpc();
        }
    }

    private static RpcException UnstorableTextRpc() => new(new Grpc.Core.Status(StatusCode.InvalidArgument, UnstorableText.Detail),
        new Metadata { { RuleViolation.CodeTrailer, UnstorableText.Code } });

    private static RpcException AsRpc(RuleViolation violation) => new(new Grpc.Core.Status(violation.Kind switch
    {
        RuleViolationKind.NotFound => StatusCode.NotFound,
        RuleViolationKind.Stale => StatusCode.Aborted,
        RuleViolationKind.Forbidden => StatusCode.PermissionDenied,
        _ => StatusCode.FailedPrecondition,
    }, violation.Message), new Metadata { { RuleViolation.CodeTrailer, violation.Code } });
}
