using System.Security.Claims;
using Assemblee.Common.Actors;
using Assemblee.Common.PersonalData;
using Assemblee.Common.Rules;
using Assemblee.ServiceDefaults.Authentication;
using Assemblee.Sessions.Application;
using Assemblee.Sessions.Compensation;
using Assemblee.Sessions.Data;
using Assemblee.Sessions.Domain;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Assemblee.Sessions.Apis;

/// <summary>
/// Compensation: the secretariat sets rates, reviews and approves the month's statements and exports them for payment;
/// members read their own statement and its PDF. Months are written yyyy-MM.
/// </summary>
public static class CompensationApi
{
    public static IEndpointRouteBuilder MapCompensationApi(this IEndpointRouteBuilder app)
    {
        var compensation = app.MapGroup("/api/sessions/bodies/{bodyId}/compensation").WithTags("Compensation").ProducesRuleViolations();
        compensation.MapGet("/rates", RatesAsync).WithName("ListCompensationRates").RequireBodyRoles(Roles.Secretariat, Roles.Member);
        compensation.MapPost("/rates", AddRateAsync).WithName("AddCompensationRate")
            .WithSummary("Adds a rate: per session of a kind (or of every kind) or per half-day, from a date, until another.")
            .RequireBodyRoles(Roles.Secretariat);
        compensation.MapGet("/months/{month}/statements", MonthAsync).WithName("ListStatements")
            .WithSummary("The month's statements: approved ones, and drafts from attendance for the others.")
            .RequireBodyRoles(Roles.Secretariat);
        compensation.MapPost("/months/{month}/approval", ApproveAsync).WithName("ApproveStatements")
            .WithSummary("Approves the month's drafts; approved statements are final.").RequireBodyRoles(Roles.Secretariat);
        compensation.MapGet("/months/{month}/statements.csv", CsvAsync).WithName("ExportStatements")
            .WithSummary("The month's approved statements for the city's payment department.").RequireBodyRoles(Roles.Secretariat);
        compensation.MapGet("/months/{month}/statements/me", MineAsync).WithName("GetMyStatement")
            .WithSummary("The calling member's statement of the month, draft or approved.").RequireBodyRoles(Roles.Member);
        compensation.MapGet("/months/{month}/statements/me.pdf", MyPdfAsync).WithName("GetMyStatementPdf")
            .WithSummary("The calling member's approved statement as PDF.").RequireBodyRoles(Roles.Member);
        compensation.MapGet("/months/{month}/statements/{memberId:guid}.pdf", PdfAsync).WithName("GetStatementPdf")
            .WithSummary("A member's approved statement as PDF.").RequireBodyRoles(Roles.Secretariat);
        compensation.MapGet("/personal-data-reads", ReadsAsync).WithName("ListCompensationReads")
            .WithSummary("Who read members' statements, when, why, how many people.").RequireBodyRoles(Roles.Secretariat);
        return app;
    }

    private static async Task<Ok<IReadOnlyList<CompensationRate>>> RatesAsync(string bodyId, CompensationStore store,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(await store.RatesAsync(bodyId, cancellationToken));

    private static async Task<Results<Created<CompensationRate>, ValidationProblem>> AddRateAsync(string bodyId, RateRequest request,
        ClaimsPrincipal user, CompensationStatements statements, CancellationToken cancellationToken)
    {
        if (request.Validate() is { Count: > 0 } errors)
        {
            return errors.Problem();
        }
        var rate = await statements.AddRateAsync(bodyId, request, user.Actor(), cancellationToken);
        return TypedResults.Created($"/api/sessions/bodies/{bodyId}/compensation/rates", rate);
    }

    private static async Task<Ok<IReadOnlyList<Statement>>> MonthAsync(string bodyId, string month, ClaimsPrincipal user,
        CompensationStatements statements, CancellationToken cancellationToken) =>
        TypedResults.Ok(await statements.ReadAsync(bodyId, Month(month), null, user.Actor(), "review", cancellationToken));

    private static async Task<Ok<IReadOnlyList<Statement>>> ApproveAsync(string bodyId, string month, ClaimsPrincipal user,
        CompensationStatements statements, CancellationToken cancellationToken) =>
        TypedResults.Ok(await statements.ApproveAsync(bodyId, Month(month), user.Actor(), cancellationToken));

    private static async Task<ContentHttpResult> CsvAsync(string bodyId, string month, ClaimsPrincipal user,
        CompensationStatements statements, CancellationToken cancellationToken) =>
        TypedResults.Text(StatementDocuments.Csv(await statements.ReadAsync(bodyId, Month(month), null, user.Actor(), "payment export",
            cancellationToken)), "text/csv; charset=utf-8");

    private static async Task<Ok<Statement>> MineAsync(string bodyId, string month, ClaimsPrincipal user,
        CompensationStatements statements, CancellationToken cancellationToken) =>
        TypedResults.Ok(await OneAsync(statements, bodyId, month, user.MemberId(), user, approvedOnly: false, cancellationToken));

    private static async Task<FileContentHttpResult> MyPdfAsync(string bodyId, string month, ClaimsPrincipal user,
        CompensationStatements statements, CancellationToken cancellationToken) =>
        Pdf(await OneAsync(statements, bodyId, month, user.MemberId(), user, approvedOnly: true, cancellationToken));

    private static async Task<FileContentHttpResult> PdfAsync(string bodyId, string month, Guid memberId, ClaimsPrincipal user,
        CompensationStatements statements, CancellationToken cancellationToken) =>
        Pdf(await OneAsync(statements, bodyId, month, memberId, user, approvedOnly: true, cancellationToken));

    private static async Task<Ok<IReadOnlyList<PersonalDataRead>>> ReadsAsync(string bodyId, PersonalDataLog log,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(await log.ListAsync(bodyId, "compensation", cancellationToken));

    private static async Task<Statement> OneAsync(CompensationStatements statements, string bodyId, string month, Guid memberId,
        ClaimsPrincipal user, bool approvedOnly, CancellationToken cancellationToken)
    {
        var statement = (await statements.ReadAsync(bodyId, Month(month), memberId, user.Actor(), "statement", cancellationToken))
            .SingleOrDefault() ?? throw RuleViolation.NotFound($"No statement for {month}: no attendance to compensate.");
        return !approvedOnly || statement.State == StatementStates.Approved
            ? statement
            : throw RuleViolation.Conflict("not-approved", "Not approved",
                "A statement is issued as PDF once the secretariat has approved it.");
    }

    private static FileContentHttpResult Pdf(Statement statement) =>
        TypedResults.File(StatementDocuments.Pdf(statement), "application/pdf", $"releve-{statement.Month:yyyy-MM}.pdf");

    private static DateOnly Month(string month) =>
        DateOnly.TryParseExact(month + "-01", "yyyy-MM-dd", out var parsed)
            ? parsed
            : throw RuleViolation.Unprocessable("invalid-month", "Invalid month",
                $"'{month}' is not a month; write it yyyy-MM, e.g. 2027-03.");
}
