using System.Security.Claims;
using Assemblee.Common.Actors;
using Assemblee.Common.PersonalData;
using Assemblee.Common.Rules;
using Assemblee.Notifications.Application;
using Assemblee.Notifications.Data;
using Assemblee.Notifications.Domain;
using Assemblee.ServiceDefaults.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Assemblee.Notifications.Apis;

/// <summary>
/// A campaign as the secretariat follows it: its progress, its messages by state and, for letters, its batch; a reminder
/// waits until <paramref name="DueAt"/>.
/// </summary>
public sealed record CampaignView(
    Guid Id, string Kind, string Title, string State, string? Refusal, string Language, int TemplateVersion, int? Expected,
    int Written, IReadOnlyDictionary<string, int> ByState, DateTimeOffset CreatedAt, DateTimeOffset? ReadyAt, DateTimeOffset? DueAt,
    LetterBatch? Batch);

/// <summary>The secretariat's campaigns: what each event caused, its progress, the letters and their print batch.</summary>
public static class CampaignsApi
{
    public static IEndpointRouteBuilder MapCampaignsApi(this IEndpointRouteBuilder app)
    {
        var body = app.MapGroup("/api/notifications/bodies/{bodyId}").WithTags("Campaigns").ProducesRuleViolations();
        body.MapGet("/campaigns", ListAsync).WithName("ListCampaigns").WithSummary("The body's campaigns, newest first.")
            .RequireBodyRoles(Roles.Secretariat);
        var campaign = body.MapGroup("/campaigns/{campaignId:guid}");
        campaign.MapGet("", GetAsync).WithName("GetCampaign")
            .WithSummary("A campaign's progress: messages written of those expected, counts by state, its batch.")
            .RequireBodyRoles(Roles.Secretariat);
        campaign.MapGet("/messages", MessagesAsync).WithName("ListCampaignMessages")
            .WithSummary("A page of the campaign's messages (no content), of one state when asked.").RequireBodyRoles(Roles.Secretariat);
        campaign.MapGet("/messages/{messageId:guid}/letter.pdf", LetterAsync).WithName("GetLetter")
            .WithSummary("One letter as a PDF (the read is logged).").RequireBodyRoles(Roles.Secretariat);
        campaign.MapGet("/batch.pdf", BatchAsync).WithName("GetLetterBatch")
            .WithSummary("Every letter of the campaign in one print-ready PDF (the read is logged).").RequireBodyRoles(Roles.Secretariat);
        campaign.MapPost("/batch/printed", PrintedAsync).WithName("MarkBatchPrinted")
            .WithSummary("The print shop printed the batch.").RequireBodyRoles(Roles.Secretariat);
        campaign.MapPost("/batch/posted", PostedAsync).WithName("MarkBatchPosted")
            .WithSummary("The printed batch was posted: its letters are sent.").RequireBodyRoles(Roles.Secretariat);
        body.MapGet("/personal-data-reads", ReadsAsync).WithName("ListPersonalDataReads")
            .WithSummary("Who read letters and contact data, when, how many people.").RequireBodyRoles(Roles.Secretariat);
        return app;
    }

    private static async Task<Ok<IReadOnlyList<CampaignView>>> ListAsync(string bodyId, CampaignStore campaigns, LetterBatchStore batches,
        CancellationToken cancellationToken)
    {
        var views = new List<CampaignView>();
        foreach (var campaign in await campaigns.ListAsync(bodyId, cancellationToken))
        {
            views.Add(await ViewAsync(campaign, campaigns, batches, cancellationToken));
        }
        return TypedResults.Ok<IReadOnlyList<CampaignView>>(views);
    }

    private static async Task<Ok<CampaignView>> GetAsync(string bodyId, Guid campaignId, CampaignStore campaigns, LetterBatchStore batches,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(await ViewAsync(await campaigns.FindAsync(bodyId, campaignId, cancellationToken)
            ?? throw RuleViolation.NotFound($"Body '{bodyId}' has no campaign {campaignId}."), campaigns, batches, cancellationToken));

    private static async Task<Results<Ok<IReadOnlyList<MessageView>>, ValidationProblem>> MessagesAsync(string bodyId, Guid campaignId,
        string? state, int? after, int? limit, CampaignStore campaigns, MessageStore messages, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors()
            .Require(state is null || MessageStates.All.Contains(state), "state", FieldRule.OneOf(MessageStates.All))
            .Require(limit is null or (> 0 and <= 1000), "limit", FieldRule.Between(1, 1000));
        if (errors.Count > 0)
        {
            return errors.Problem();
        }
        _ = await campaigns.FindAsync(bodyId, campaignId, cancellationToken)
            ?? throw RuleViolation.NotFound($"Body '{bodyId}' has no campaign {campaignId}.");
        return TypedResults.Ok(await messages.ListAsync(campaignId, state, after ?? 0, limit ?? 100, cancellationToken));
    }

    private static async Task<FileContentHttpResult> LetterAsync(string bodyId, Guid campaignId, Guid messageId, ClaimsPrincipal user,
        LetterReading letters, CancellationToken cancellationToken) =>
        TypedResults.File(await letters.LetterAsync(bodyId, campaignId, messageId, user.Actor(), cancellationToken), "application/pdf",
            $"letter-{messageId}.pdf");

    private static async Task<FileContentHttpResult> BatchAsync(string bodyId, Guid campaignId, ClaimsPrincipal user,
        LetterReading letters, CancellationToken cancellationToken) =>
        TypedResults.File(await letters.BatchAsync(bodyId, campaignId, user.Actor(), cancellationToken), "application/pdf",
            $"letters-{campaignId}.pdf");

    private static async Task<Ok<LetterBatch>> PrintedAsync(string bodyId, Guid campaignId, ClaimsPrincipal user, LetterPosting posting,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(await posting.MarkPrintedAsync(bodyId, campaignId, user.Actor(), cancellationToken));

    private static async Task<Ok<LetterBatch>> PostedAsync(string bodyId, Guid campaignId, ClaimsPrincipal user, LetterPosting posting,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(await posting.MarkPostedAsync(bodyId, campaignId, user.Actor(), cancellationToken));

    private static async Task<Ok<IReadOnlyList<PersonalDataRead>>> ReadsAsync(string bodyId, PersonalDataLog log,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(await log.ListAsync(bodyId, null, cancellationToken));

    private static async Task<CampaignView> ViewAsync(Campaign campaign, CampaignStore campaigns, LetterBatchStore batches,
        CancellationToken cancellationToken)
    {
        var counts = await campaigns.CountsAsync(campaign.Id, cancellationToken);
        return new CampaignView(campaign.Id, campaign.Kind, campaign.Title, campaign.State, campaign.Refusal, campaign.Language,
            campaign.TemplateVersion, campaign.Expected, counts.Values.Sum(), counts, campaign.CreatedAt, campaign.ReadyAt,
            campaign.DueAt, await batches.FindAsync(campaign.Id, cancellationToken));
    }
}
