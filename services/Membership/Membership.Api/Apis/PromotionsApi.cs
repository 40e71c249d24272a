using Assemblee.Common.Rules;
using Assemblee.Membership.Data;
using Assemblee.Membership.Domain;
using Assemblee.ServiceDefaults.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Assemblee.Membership.Apis;

/// <summary>A promotion as published: its dates and seats are public.</summary>
public sealed record PromotionView(Promotion Promotion, string State);

public static class PromotionsApi
{
    public static IEndpointRouteBuilder MapPromotionsApi(this IEndpointRouteBuilder app)
    {
        var promotions = app.MapGroup("/api/membership/bodies/{bodyId}/promotions").WithTags("Promotions").ProducesRuleViolations();
        promotions.MapPost("/", CreateAsync).WithName("CreatePromotion")
            .WithSummary("Creates a promotion; with a drawId, the draw's members enter it when sortition publishes PanelDrawn.")
            .RequireBodyRoles(Roles.Secretariat);
        promotions.MapPatch("/{promotionId:guid}", UpdateAsync).WithName("UpdatePromotion")
            .WithSummary("Sets the mandate's dates, seats, confirmation period or the end of atelier choice.")
            .RequireBodyRoles(Roles.Secretariat);
        // Promotions, their dates and seats are public information.
        promotions.MapGet("/", ListAsync).WithName("ListPromotions").AllowAnonymous();
        promotions.MapGet("/{promotionId:guid}", GetAsync).WithName("GetPromotion").AllowAnonymous();
        return app;
    }

    private static async Task<Results<Created<PromotionView>, ValidationProblem>> CreateAsync(string bodyId, PromotionRequest request,
        PromotionStore store,
        TimeProvider time, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var promotion = request.ApplyTo(new Promotion(Guid.NewGuid(), bodyId, "", request.DrawId, null, null, new Dictionary<string, int>(),
            PromotionRequest.DefaultConfirmationDays, null, now));
        if (PromotionRequest.Validate(promotion) is { Count: > 0 } errors)
        {
            return errors.Problem();
        }
        await store.CreateAsync(promotion, cancellationToken);
        return TypedResults.Created($"/api/membership/bodies/{bodyId}/promotions/{promotion.Id}", View(promotion, time));
    }

    private static async Task<Results<Ok<PromotionView>, ValidationProblem>> UpdateAsync(string bodyId, Guid promotionId,
        PromotionRequest request,
        PromotionStore store, TimeProvider time, CancellationToken cancellationToken)
    {
        var promotion = await store.RequireAsync(bodyId, promotionId, cancellationToken);
        if (request.DrawId is { } drawId && drawId != promotion.DrawId)
        {
            return new ValidationErrors().Add("drawId", new FieldRule("draw-fixed", "A promotion's draw cannot change.")).Problem();
        }
        var updated = request.ApplyTo(promotion);
        if (PromotionRequest.Validate(updated) is { Count: > 0 } errors)
        {
            return errors.Problem();
        }
        return TypedResults.Ok(View(await store.UpdateAsync(updated, cancellationToken), time));
    }

    private static async Task<Ok<IEnumerable<PromotionView>>> ListAsync(string bodyId, PromotionStore store, TimeProvider time,
        CancellationToken cancellationToken) =>
        TypedResults.Ok((await store.ListAsync(bodyId, cancellationToken)).Select(promotion => View(promotion, time)));

    private static async Task<Ok<PromotionView>> GetAsync(string bodyId, Guid promotionId, PromotionStore store, TimeProvider time,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(View(await store.RequireAsync(bodyId, promotionId, cancellationToken), time));

    private static PromotionView View(Promotion promotion, TimeProvider time) =>
        new(promotion, promotion.State(DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime)));
}
