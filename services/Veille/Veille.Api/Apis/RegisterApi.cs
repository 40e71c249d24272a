using Assemblee.Common.Rules;
using Assemblee.Veille.Application;
using Assemblee.Veille.Data;
using Assemblee.Veille.Domain;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Assemblee.Veille.Apis;

/// <summary>The space's public address, for the links of the Atom feed (Veille:PublicUrl: the gateway's).</summary>
public sealed record PublicUrl(Uri Value);

/// <summary>
/// The public register: every submitted question, its co-signers, answers and follow-up, filterable; as JSON, CSV and Atom;
/// and its statistics. Referrals enter it when the guarantors publish their opinion. No member is named.
/// </summary>
public static class RegisterApi
{
    public static IEndpointRouteBuilder MapRegisterApi(this IEndpointRouteBuilder app)
    {
        // The register is public by nature: the record of what bodies asked and the executive answered.
        var register = app.MapGroup("/api/veille").WithTags("Register").AllowAnonymous().ProducesRuleViolations();
        register.MapGet("/register", ListAsync).WithName("ListRegister")
            .WithSummary("Submitted questions, newest first; by body (drafted or co-signed), kind, state, theme, agenda item.");
        register.MapGet("/register.csv", CsvAsync).WithName("ExportRegisterCsv").WithSummary("The register as CSV (open data).");
        register.MapGet("/register.atom", AtomAsync).WithName("RegisterFeed").WithSummary("The register as an Atom feed.");
        register.MapGet("/register/{questionId:guid}", GetAsync).WithName("GetRegisterEntry")
            .WithSummary("A question with its co-signers, answers and timeline.");
        register.MapGet("/statistics", StatisticsAsync).WithName("RegisterStatistics")
            .WithSummary("Per body and overall: questions, answered, overdue, median days to answer, share answered in time.");
        return app;
    }

    private static async Task<Results<Ok<IReadOnlyList<RegisterEntry>>, ValidationProblem>> ListAsync(
        [AsParameters] RegisterQuery query, QuestionStore store, TimeProvider time, CancellationToken cancellationToken) =>
        query.Validate() is { Count: > 0 } errors
            ? errors.Problem()
            : TypedResults.Ok(await EntriesAsync(query, store, time, cancellationToken));

    private static async Task<Results<ContentHttpResult, ValidationProblem>> CsvAsync([AsParameters] RegisterQuery query,
        QuestionStore store, TimeProvider time, CancellationToken cancellationToken) =>
        query.Validate() is { Count: > 0 } errors
            ? errors.Problem()
            : TypedResults.Text(OpenData.Csv(await EntriesAsync(query, store, time, cancellationToken)), "text/csv; charset=utf-8");

    private static async Task<Results<ContentHttpResult, ValidationProblem>> AtomAsync([AsParameters] RegisterQuery query,
        QuestionStore store, TimeProvider time, PublicUrl publicUrl, CancellationToken cancellationToken) =>
        query.Validate() is { Count: > 0 } errors
            ? errors.Problem()
            : TypedResults.Text(OpenData.Atom(await EntriesAsync(query, store, time, cancellationToken), publicUrl.Value),
                "application/atom+xml; charset=utf-8");

    private static async Task<Ok<QuestionView>> GetAsync(Guid questionId, QuestionReading reading, CancellationToken cancellationToken) =>
        TypedResults.Ok(await reading.PublicAsync(questionId, cancellationToken));

    private static async Task<Ok<IReadOnlyList<RegisterStatistics>>> StatisticsAsync(QuestionStore store, TimeProvider time,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(Statistics.Of(await store.RegisterAsync(new RegisterFilter(null, null, null, null, null), cancellationToken),
            time.GetUtcNow()));

    private static async Task<IReadOnlyList<RegisterEntry>> EntriesAsync(RegisterQuery query, QuestionStore store, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var questions = await store.RegisterAsync(query.Filter(), cancellationToken);
        var cosigners = await store.AcceptedCoSignersAsync([.. questions.Select(question => question.Id)], cancellationToken);
        var now = time.GetUtcNow();
        return [.. questions.Select(question => RegisterEntry.Of(question, cosigners[question.Id], now))];
    }
}

/// <summary>The register's filters, as query parameters.</summary>
public sealed record RegisterQuery(string? BodyId, string? Kind, string? State, string? Theme, string? ItemId)
{
    public ValidationErrors Validate() => new ValidationErrors()
        .Require(Kind is null || QuestionKinds.All.Contains(Kind), "kind", FieldRule.OneOf(QuestionKinds.All))
        .Require(State is null || QuestionStates.All.Contains(State), "state", FieldRule.OneOf(QuestionStates.All));

    public RegisterFilter Filter() => new(BodyId, Kind, State, Theme, ItemId);
}
