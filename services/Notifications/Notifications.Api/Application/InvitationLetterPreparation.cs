using System.Text.Json;
using Assemblee.Contracts.Sortition.V1;
using Assemblee.Notifications.Data;
using Assemblee.Notifications.Domain;
using Grpc.Core;
using Microsoft.Extensions.Options;

namespace Assemblee.Notifications.Application;

/// <summary>Where the invitation letters send people to answer, and who signs them.</summary>
public sealed class LetterOptions
{
    public string ResponseUrl { get; set; } = "https://assemblee.paris.fr/repondre";

    public string Sender { get; set; } = "Ville de Paris — Assemblée citoyenne";

    /// <summary>Letters written per transaction: what a restart may have to write again, at most.</summary>
    public int ChunkSize { get; set; } = 250;
}

/// <summary>
/// Writes one invitation letter per invitee of a draw: reads the letter data from sortition (which logs the read), skips the
/// invitees the ledger already has a letter for (a restart resumes, never duplicates), writes the rest chunk by chunk, then
/// renders the print shop's batch file and marks the campaign ready.
/// </summary>
public sealed class InvitationLetterPreparation(
    InvitationLetters.InvitationLettersClient sortition, CampaignLedger ledger, MessageStore messages, Templates templates,
    IOptions<LetterOptions> options, TimeProvider time)
{
    public async Task PrepareAsync(Campaign campaign, CancellationToken cancellationToken)
    {
        var template = await templates.VersionAsync(campaign.BodyId, campaign.Kind, campaign.Language, campaign.TemplateVersion,
            cancellationToken);
        var written = await messages.KeysAsync(campaign.Id, cancellationToken);
        var date = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), Languages.Paris).DateTime);
        var chunk = new List<NewMessage>();
        var sequence = 0;
        using var call = sortition.ListInvitationLetters(new ListInvitationLettersRequest
        {
            BodyId = campaign.BodyId,
            DrawId = campaign.Parameters["drawId"],
        }, cancellationToken: cancellationToken);
        await foreach (var invitee in call.ResponseStream.ReadAllAsync(cancellationToken))
        {
            sequence++;
            var recipient = Recipients.OfInvitation(invitee.Code);
            var key = Recipients.IdempotencyKey(campaign.SourceKey, recipient, campaign.Kind, Channels.Letter);
            if (written.Contains(key))
            {
                continue;
            }
            chunk.Add(new NewMessage(key, recipient, sequence, JsonSerializer.Serialize(Write(campaign, template, invitee, date))));
            if (chunk.Count == options.Value.ChunkSize)
            {
                await ledger.AddAsync(campaign.Id, Channels.Letter, chunk, cancellationToken);
            }
        }
        await ledger.AddAsync(campaign.Id, Channels.Letter, chunk, cancellationToken);
        // Every letter is written: the batch file holds them all, in print order, and the campaign is ready.
        await ledger.ReadyAsync(campaign, cancellationToken);
    }

    private Letter Write(Campaign campaign, MessageTemplate template, Contracts.Sortition.V1.InvitationLetter invitee, DateOnly date)
    {
        var rendered = template.Render(new Dictionary<string, object>
        {
            ["invitee"] = new Dictionary<string, object> { ["givenName"] = invitee.GivenName, ["familyName"] = invitee.FamilyName },
            ["draw"] = new Dictionary<string, object>
            {
                ["title"] = campaign.Title,
                ["responseDeadline"] = campaign.Parameters["responseDeadline"],
            },
            ["response"] = new Dictionary<string, object> { ["code"] = invitee.Code, ["url"] = options.Value.ResponseUrl },
        });
        var envelope = Letter.Envelope(invitee.GivenName, invitee.FamilyName, toGuardians: false, campaign.Language, invitee.Address,
            invitee.Postcode);
        return new Letter(campaign.Language, options.Value.Sender, envelope, date, rendered.Subject, rendered.Body, invitee.Code,
            options.Value.ResponseUrl);
    }

    /// <summary>The event's figures the letters print: the draw and its response deadline as a Parisian reads it.</summary>
    public static Dictionary<string, string> Parameters(Guid drawId, DateTimeOffset responseDeadline, string language) => new()
    {
        ["drawId"] = drawId.ToString(),
        ["responseDeadline"] = Languages.LongDate(DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(responseDeadline, Languages.Paris)
            .DateTime), language),
    };
}
