using System.Security.Claims;
using Assemblee.Common.Actors;
using Assemblee.Common.Rules;
using Assemblee.Membership.Application;
using Assemblee.Membership.Data;
using Assemblee.Membership.Domain;
using Assemblee.ServiceDefaults.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Assemblee.Membership.Apis;

/// <summary>The published roster (anyone) and a member's own profile (the member).</summary>
public static class RosterApi
{
    public static IEndpointRouteBuilder MapRosterApi(this IEndpointRouteBuilder app)
    {
        var body = app.MapGroup("/api/membership/bodies/{bodyId}").WithTags("Roster").ProducesRuleViolations();
        body.MapGet("/promotions/{promotionId:guid}/roster", RosterAsync).WithName("GetRoster")
            .WithSummary("Active members as published: given name, initial, arrondissement, atelier.").AllowAnonymous();
        body.MapGet("/me", OwnProfileAsync).WithName("GetOwnProfile").WithSummary("The calling member's own record, contact data included.")
            .RequireBodyRoles(Roles.Member);
        body.MapPatch("/me", UpdateOwnProfileAsync).WithName("UpdateOwnProfile")
            .WithSummary("The calling member changes their e-mail and phone.")
            .RequireBodyRoles(Roles.Member);
        return app;
    }

    private static async Task<Ok<IReadOnlyList<RosterEntry>>> RosterAsync(string bodyId, Guid promotionId, PromotionStore promotions,
        MemberStore members,
        CancellationToken cancellationToken)
    {
        await promotions.RequireAsync(bodyId, promotionId, cancellationToken);
        return TypedResults.Ok(await members.RosterAsync(bodyId, promotionId, cancellationToken));
    }

    private static async Task<Ok<MemberContact>> OwnProfileAsync(string bodyId, ClaimsPrincipal user, MemberLifecycle members,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(await members.ContactAsync(bodyId, user.MemberId(), user.Actor(), "own profile", cancellationToken)
            ?? throw RuleViolation.NotFound($"You are not a member of '{bodyId}'."));

    private static async Task<Results<Ok<Member>, ValidationProblem>> UpdateOwnProfileAsync(string bodyId, OwnContactRequest request,
        ClaimsPrincipal user,
        MemberLifecycle members, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors()
            .Require(request.Email is null || (request.Email.Length <= 254 && System.Net.Mail.MailAddress.TryCreate(request.Email,
                out _)), "email", new FieldRule("email", "A valid e-mail address, or null."))
            .Require(request.Phone is null || (request.Phone.Length <= 30 && request.Phone.All(c => char.IsDigit(c)
                || c is '+' or ' ' or '.' or '-')), "phone",
                new FieldRule("phone", "A phone number (digits, spaces, + . -), or null."));
        return errors.Count > 0
            ? errors.Problem()
            : TypedResults.Ok(await members.UpdateOwnContactAsync(bodyId, user.MemberId(), request, cancellationToken));
    }
}
