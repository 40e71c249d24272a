using System.Security.Claims;
using Assemblee.Common.Actors;
using Assemblee.Common.Rules;
using Assemblee.ServiceDefaults.Authentication;
using Assemblee.Sessions.Application;
using Assemblee.Sessions.Data;
using Assemblee.Sessions.Domain;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Assemblee.Sessions.Apis;

/// <summary>A vote as published: how many voted, and for an open vote once closed, who voted what.</summary>
public sealed record VoteView(Vote Vote, int Voters, IReadOnlyList<NamedBallot> NamedBallots);

/// <summary>Votes: the secretariat prepares, opens and closes them; present members vote; results of public sessions are public.</summary>
public static class VotesApi
{
    public static IEndpointRouteBuilder MapVotesApi(this IEndpointRouteBuilder app)
    {
        var body = app.MapGroup("/api/sessions/bodies/{bodyId}").WithTags("Votes").ProducesRuleViolations();
        body.MapPost("/sessions/{sessionId:guid}/votes", PrepareAsync).WithName("PrepareVote")
            .WithSummary("Prepares a vote: question, options, majority rule, ballot or show of hands, open or secret, quorum.")
            .RequireBodyRoles(Roles.Secretariat);
        // Votes of public sessions are public; the body's secretariat and members read the others too (checked in the handler).
        body.MapGet("/sessions/{sessionId:guid}/votes", ListAsync).WithName("ListVotes").AllowAnonymous();
        body.MapGet("/votes/{voteId:guid}", GetAsync).WithName("GetVote").AllowAnonymous();
        body.MapPost("/votes/{voteId:guid}/opening", OpenAsync).WithName("OpenVote")
            .WithSummary("Opens the vote; refused without quorum when the vote needs it.").RequireBodyRoles(Roles.Secretariat);
        body.MapPost("/votes/{voteId:guid}/ballots", CastAsync).WithName("CastBallot")
            .WithSummary("The calling member, present and active, votes once.").RequireBodyRoles(Roles.Member);
        body.MapPost("/votes/{voteId:guid}/closing", CloseAsync).WithName("CloseVote")
            .WithSummary("Closes the vote and publishes its result; a show of hands gives its totals.").RequireBodyRoles(Roles.Secretariat);
        return app;
    }

    private static async Task<Results<Created<Vote>, ValidationProblem>> PrepareAsync(string bodyId, Guid sessionId, VoteRequest request,
        ClaimsPrincipal user, Voting voting, CancellationToken cancellationToken)
    {
        if (request.Validate() is { Count: > 0 } errors)
        {
            return errors.Problem();
        }
        var vote = await voting.PrepareAsync(bodyId, sessionId, request, user.Actor(), cancellationToken);
        return TypedResults.Created($"/api/sessions/bodies/{bodyId}/votes/{vote.Id}", vote);
    }

    private static async Task<Ok<IReadOnlyList<Vote>>> ListAsync(string bodyId, Guid sessionId, ClaimsPrincipal user, SessionStore sessions,
        VoteStore votes, CancellationToken cancellationToken) =>
        await sessions.FindAsync(bodyId, sessionId, cancellationToken) is { } session && SessionAccess.CanRead(session, user)
            ? TypedResults.Ok(await votes.ListAsync(session.Id, cancellationToken))
            : throw RuleViolation.NotFound($"Body '{bodyId}' has no public session {sessionId}.");

    private static async Task<Ok<VoteView>> GetAsync(string bodyId, Guid voteId, ClaimsPrincipal user, SessionStore sessions,
        VoteStore votes, CancellationToken cancellationToken)
    {
        var vote = await votes.FindAsync(bodyId, voteId, cancellationToken);
        var session = vote is null ? null : await sessions.FindAsync(bodyId, vote.SessionId, cancellationToken);
        if (vote is null || session is null || !SessionAccess.CanRead(session, user))
        {
            throw RuleViolation.NotFound($"Body '{bodyId}' has no public vote {voteId}.");
        }
        // Names are published with the result, not while members are still voting.
        var named = vote is { Secret: false, State: VoteStates.Closed } ? await votes.NamedBallotsAsync(vote.Id, cancellationToken) : [];
        return TypedResults.Ok(new VoteView(vote, await votes.VoterCountAsync(vote.Id, cancellationToken), named));
    }

    private static async Task<Ok<Vote>> OpenAsync(string bodyId, Guid voteId, ClaimsPrincipal user, Voting voting,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(await voting.OpenAsync(bodyId, voteId, user.Actor(), cancellationToken));

    private static async Task<Results<NoContent, ValidationProblem>> CastAsync(string bodyId, Guid voteId, Ballot ballot,
        ClaimsPrincipal user, Voting voting, CancellationToken cancellationToken)
    {
        if (ballot.Validate() is { Count: > 0 } errors)
        {
            return errors.Problem();
        }
        await voting.CastAsync(bodyId, voteId, user.MemberId(), ballot, cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<Vote>> CloseAsync(string bodyId, Guid voteId, HandCount? handCount, ClaimsPrincipal user, Voting voting,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(await voting.CloseAsync(bodyId, voteId, handCount, user.Actor(), cancellationToken));
}
