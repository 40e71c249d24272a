using System.Security.Claims;
using Assemblee.Common.Actors;
using Assemblee.Common.Rules;
using Assemblee.Membership.Application;
using Assemblee.Membership.Data;
using Assemblee.Membership.Domain;
using Assemblee.ServiceDefaults.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Assemblee.Membership.Apis;

public sealed record RoleRequest(string Role);

/// <summary>Ateliers (working groups): the secretariat creates them and assigns roles; members choose theirs.</summary>
public static class AteliersApi
{
    public static IEndpointRouteBuilder MapAteliersApi(this IEndpointRouteBuilder app)
    {
        var body = app.MapGroup("/api/membership/bodies/{bodyId}").WithTags("Ateliers").ProducesRuleViolations();
        body.MapPost("/promotions/{promotionId:guid}/ateliers", CreateAsync).WithName("CreateAtelier").RequireBodyRoles(Roles.Secretariat);
        // Ateliers, their themes and mandates are public, like the roster.
        body.MapGet("/promotions/{promotionId:guid}/ateliers", ListAsync).WithName("ListAteliers").AllowAnonymous();
        body.MapPost("/ateliers/{atelierId:guid}/choice", ChooseAsync).WithName("ChooseAtelier")
            .WithSummary("The calling member joins the atelier (and leaves their previous one) while choice is open.")
            .RequireBodyRoles(Roles.Member);
        body.MapPut("/ateliers/{atelierId:guid}/members/{memberId:guid}", MoveAsync).WithName("MoveMemberToAtelier")
            .WithSummary("The secretariat places a member in an atelier, also after choice has closed.")
            .RequireBodyRoles(Roles.Secretariat);
        body.MapPut("/ateliers/{atelierId:guid}/members/{memberId:guid}/role", RoleAsync).WithName("SetAtelierRole")
            .WithSummary("participant, spokesperson or rapporteur (one spokesperson and one rapporteur per atelier).")
            .RequireBodyRoles(Roles.Secretariat);
        body.MapGet("/ateliers/{atelierId:guid}/history", HistoryAsync).WithName("GetAtelierHistory").RequireBodyRoles(Roles.Secretariat);
        return app;
    }

    private static async Task<Results<Created<Atelier>, ValidationProblem>> CreateAsync(string bodyId, Guid promotionId,
        AtelierRequest request,
        PromotionStore promotions, AtelierStore ateliers, CancellationToken cancellationToken)
    {
        if (request.Validate() is { Count: > 0 } errors)
        {
            return errors.Problem();
        }
        var atelier = await ateliers.CreateAsync(await promotions.RequireAsync(bodyId, promotionId, cancellationToken), request,
            cancellationToken);
        return TypedResults.Created($"/api/membership/bodies/{bodyId}/ateliers/{atelier.Id}", atelier);
    }

    private static async Task<Ok<IReadOnlyList<Atelier>>> ListAsync(string bodyId, Guid promotionId, PromotionStore promotions,
        AtelierStore ateliers,
        CancellationToken cancellationToken)
    {
        await promotions.RequireAsync(bodyId, promotionId, cancellationToken);
        return TypedResults.Ok(await ateliers.ListAsync(bodyId, promotionId, cancellationToken));
    }

    private static async Task<Ok<Atelier>> ChooseAsync(string bodyId, Guid atelierId, ClaimsPrincipal user, AtelierMembership ateliers,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(await ateliers.JoinAsync(bodyId, atelierId, user.MemberId(), user.Actor(), bySecretariat: false,
            cancellationToken));

    private static async Task<Ok<Atelier>> MoveAsync(string bodyId, Guid atelierId, Guid memberId, ClaimsPrincipal user,
        AtelierMembership ateliers,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(await ateliers.JoinAsync(bodyId, atelierId, memberId, user.Actor(), bySecretariat: true, cancellationToken));

    private static async Task<Results<NoContent, ValidationProblem>> RoleAsync(string bodyId, Guid atelierId, Guid memberId,
        RoleRequest request, ClaimsPrincipal user,
        AtelierMembership ateliers, CancellationToken cancellationToken)
    {
        if (!AtelierRoles.All.Contains(request.Role ?? ""))
        {
            return new ValidationErrors().Add("role", FieldRule.OneOf(AtelierRoles.All)).Problem();
        }
        await ateliers.SetRoleAsync(bodyId, atelierId, memberId, request.Role!, user.Actor(), cancellationToken);
        return TypedResults.NoContent();
    }

    /// <summary>An atelier the body does not have answers 404; one nobody has joined yet, an empty history.</summary>
    private static async Task<Ok<IReadOnlyList<HistoryEntry>>> HistoryAsync(string bodyId, Guid atelierId, AtelierStore ateliers,
        MemberHistory history, CancellationToken cancellationToken)
    {
        await ateliers.RequireAsync(bodyId, atelierId, cancellationToken);
        return TypedResults.Ok(await history.OfAtelierAsync(bodyId, atelierId, cancellationToken));
    }
}
