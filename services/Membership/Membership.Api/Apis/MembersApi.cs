using System.Security.Claims;
using Assemblee.Common.Actors;
using Assemblee.Common.PersonalData;
using Assemblee.Common.Rules;
using Assemblee.Membership.Application;
using Assemblee.Membership.Data;
using Assemblee.Membership.Domain;
using Assemblee.Membership.Grpc;
using Assemblee.ServiceDefaults.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Assemblee.Membership.Apis;

public sealed record DepartureResponse(Member Member, ReplacementOutcome Replacement);

/// <summary>The secretariat's work on members: contact, consent, confirmation, departures and replacements.</summary>
public static class MembersApi
{
    public static IEndpointRouteBuilder MapMembersApi(this IEndpointRouteBuilder app)
    {
        var body = app.MapGroup("/api/membership/bodies/{bodyId}").WithTags("Members").ProducesRuleViolations()
            .RequireBodyRoles(Roles.Secretariat);
        body.MapGet("/promotions/{promotionId:guid}/members", ListAsync).WithName("ListMembers")
            .WithSummary("Members with their contact data (the read is logged); ?state=drawn|active|declined|deadline-missed|resigned.");
        body.MapGet("/members/{memberId:guid}",
            GetAsync).WithName("GetMember").WithSummary("A member with contact data (the read is logged).");
        body.MapGet("/members/{memberId:guid}/history", HistoryAsync).WithName("GetMemberHistory");
        body.MapPost("/members/{memberId:guid}/contact-attempts", ContactAttemptAsync).WithName("RecordContactAttempt");
        body.MapPost("/members/{memberId:guid}/consent", ConsentAsync).WithName("RecordConsent")
            .WithSummary("A parent's or guardian's consent for a minor: who, how, on which day.");
        body.MapPost("/members/{memberId:guid}/confirmation", ConfirmAsync).WithName("ConfirmMember")
            .WithSummary("The member confirmed: active (a minor only with recorded consent).");
        body.MapPost("/members/{memberId:guid}/departure", DepartAsync).WithName("RecordDeparture")
            .WithSummary("declined, deadline-missed or resigned; then asks sortition for the substitute keeping every quota.");
        body.MapPost("/members/{memberId:guid}/replacement", ReplaceAsync).WithName("RequestReplacement")
            .WithSummary("Asks sortition again for a substitute, when the first request found sortition unreachable.");
        app.MapGet("/api/membership/bodies/{bodyId}/personal-data-reads", ReadsAsync).WithTags("Members").WithName("ListPersonalDataReads")
            .WithSummary("Who read members' personal data, when, why, how many people.").RequireBodyRoles(Roles.Secretariat,
                Roles.Guarantor);
        return app;
    }

    private static async Task<Results<Ok<IReadOnlyList<MemberContact>>, ValidationProblem>> ListAsync(string bodyId, Guid promotionId,
        string? state,
        ClaimsPrincipal user, PromotionStore promotions, MemberLifecycle members, CancellationToken cancellationToken)
    {
        if (state is not null && !MemberStates.All.Contains(state))
        {
            return new ValidationErrors().Add("state", FieldRule.OneOf(MemberStates.All)).Problem();
        }
        await promotions.RequireAsync(bodyId, promotionId, cancellationToken);
        return TypedResults.Ok(await members.ContactsAsync(bodyId, promotionId, state, user.Actor(), cancellationToken));
    }

    private static async Task<Ok<MemberContact>> GetAsync(string bodyId, Guid memberId, ClaimsPrincipal user, MemberLifecycle members,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(await members.ContactAsync(bodyId, memberId, user.Actor(), "member record", cancellationToken)
            ?? throw MemberStore.Unknown(bodyId, memberId));

    /// <summary>A member the body does not have answers 404, not an empty history.</summary>
    private static async Task<Ok<IReadOnlyList<HistoryEntry>>> HistoryAsync(string bodyId, Guid memberId, MemberStore members,
        MemberHistory history, CancellationToken cancellationToken)
    {
        await members.RequireAsync(bodyId, memberId, cancellationToken);
        return TypedResults.Ok(await history.OfMemberAsync(bodyId, memberId, cancellationToken));
    }

    private static async Task<Results<Ok<Member>, ValidationProblem>> ContactAttemptAsync(string bodyId, Guid memberId,
        ContactAttemptRequest request,
        ClaimsPrincipal user, MemberLifecycle members, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors()
            .Require(ContactChannels.All.Contains(request.Channel ?? ""), "channel", FieldRule.OneOf(ContactChannels.All))
            .Require(ContactChannels.Outcomes.Contains(request.Outcome ?? ""), "outcome",
                FieldRule.OneOf(ContactChannels.Outcomes));
        return errors.Count > 0
            ? errors.Problem()
            : TypedResults.Ok(await members.RecordContactAttemptAsync(bodyId, memberId, request, user.Actor(), cancellationToken));
    }

    private static async Task<Results<Ok<Member>, ValidationProblem>> ConsentAsync(string bodyId, Guid memberId, ConsentRequest request,
        ClaimsPrincipal user,
        MemberLifecycle members, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors()
            .Require(!string.IsNullOrWhiteSpace(request.GuardianName) && request.GuardianName.Length <= 200, "guardianName",
                new FieldRule("guardian-name", "The name of the parent or guardian who consented."))
            .Require(ConsentMethods.Relationships.Contains(request.Relationship ?? ""), "relationship",
                FieldRule.OneOf(ConsentMethods.Relationships))
            .Require(ConsentMethods.All.Contains(request.Method ?? ""), "method", FieldRule.OneOf(ConsentMethods.All))
            .Require(request.GivenOn != default && request.GivenOn <= DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime), "givenOn",
                new FieldRule("consent-day", "The day consent was given, not in the future."));
        return errors.Count > 0
            ? errors.Problem()
            : TypedResults.Ok(await members.RecordConsentAsync(bodyId, memberId, request, user.Actor(), cancellationToken));
    }

    private static async Task<Ok<Member>> ConfirmAsync(string bodyId, Guid memberId, ClaimsPrincipal user, MemberLifecycle members,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(await members.ConfirmAsync(bodyId, memberId, user.Actor(), cancellationToken));

    private static async Task<Results<Ok<DepartureResponse>, ValidationProblem>> DepartAsync(string bodyId, Guid memberId,
        DepartureRequest request,
        HttpContext http, MemberLifecycle members, SubstituteRequests substitutes, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors()
            .Require(MemberStates.DepartureFrom.ContainsKey(request.Kind ?? ""), "kind",
                FieldRule.OneOf(MemberStates.DepartureFrom.Keys))
            .Require(request.Note is null || request.Note.Length <= 500, "note", FieldRule.AtMost(500));
        if (errors.Count > 0)
        {
            return errors.Problem();
        }
        var departure = await members.DepartAsync(bodyId, memberId, request, http.User.Actor(), cancellationToken);
        var replacement = await substitutes.RequestAsync(bodyId, departure, http.Request.Headers.Authorization.ToString(),
            cancellationToken);
        return TypedResults.Ok(new DepartureResponse(departure.Member, replacement));
    }

    private static async Task<Ok<ReplacementOutcome>> ReplaceAsync(string bodyId, Guid memberId, HttpContext http,
        MemberLifecycle members, SubstituteRequests substitutes,
        CancellationToken cancellationToken)
    {
        var departure = await members.VacantSeatAsync(bodyId, memberId, cancellationToken);
        return TypedResults.Ok(await substitutes.RequestAsync(bodyId, departure, http.Request.Headers.Authorization.ToString(),
            cancellationToken));
    }

    private static async Task<Ok<IReadOnlyList<PersonalDataRead>>> ReadsAsync(string bodyId, PersonalDataLog log,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(await log.ListAsync(bodyId, null, cancellationToken));
}
