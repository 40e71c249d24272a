using Assemblee.Common.Rules;
using Assemblee.ServiceDefaults.Authentication;
using Assemblee.Sessions.Application;
using Assemblee.Sessions.Data;
using Assemblee.Sessions.Domain;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Assemblee.Sessions.Apis;

/// <summary>The phases of a promotion and the current one, in the body's time zone day (Europe/Paris for the Assembly).</summary>
public sealed record PhaseList(Phase? Current, IReadOnlyList<Phase> Phases);

/// <summary>The phases of a promotion's mandate: the secretariat sets them; they are public.</summary>
public static class PhasesApi
{
    private static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    public static IEndpointRouteBuilder MapPhasesApi(this IEndpointRouteBuilder app)
    {
        var phases = app.MapGroup("/api/sessions/bodies/{bodyId}/promotions/{promotionId:guid}/phases").WithTags("Phases")
            .ProducesRuleViolations();
        phases.MapPost("/", AddAsync).WithName("AddPhase").WithSummary("Adds a phase (name, description, dates; phases do not overlap).")
            .RequireBodyRoles(Roles.Secretariat);
        // The mandate's phases and the current one are public.
        phases.MapGet("/", ListAsync).WithName("ListPhases").AllowAnonymous();
        return app;
    }

    private static async Task<Results<Created<Phase>, ValidationProblem>> AddAsync(string bodyId, Guid promotionId, PhaseRequest request,
        PhasePlanning planning, CancellationToken cancellationToken)
    {
        var (phase, errors) = await planning.AddAsync(bodyId, promotionId, request, cancellationToken);
        return phase is null
            ? errors.Problem()
            : TypedResults.Created($"/api/sessions/bodies/{bodyId}/promotions/{promotionId}/phases", phase);
    }

    private static async Task<Ok<PhaseList>> ListAsync(string bodyId, Guid promotionId, PhaseStore phases, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var list = await phases.ListAsync(bodyId, promotionId, cancellationToken);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), Paris).DateTime);
        return TypedResults.Ok(new PhaseList(Phase.Current(list, today), list));
    }
}
