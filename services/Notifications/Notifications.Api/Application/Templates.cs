using Assemblee.Common.Rules;
using Assemblee.Notifications.Data;
using Assemblee.Notifications.Domain;

namespace Assemblee.Notifications.Application;

/// <summary>The wording a body's messages use: its own latest version of a kind and language, else the built-in one.</summary>
public sealed class Templates(TemplateStore store)
{
    public async Task<MessageTemplate> CurrentAsync(string bodyId, string kind, string language, CancellationToken cancellationToken) =>
        await store.LatestAsync(bodyId, kind, language, cancellationToken) ?? DefaultTemplates.For(kind, language);

    /// <summary>The version a campaign was opened with (0: the built-in one).</summary>
    public async Task<MessageTemplate> VersionAsync(string bodyId, string kind, string language, int version,
        CancellationToken cancellationToken) =>
        version == 0
            ? DefaultTemplates.For(kind, language)
            : await store.FindAsync(bodyId, kind, language, version, cancellationToken)
                ?? throw RuleViolation.NotFound($"Body '{bodyId}' has no version {version} of the '{kind}' template in '{language}'.");

    /// <summary>
    /// The wordings a campaign's messages use, by language: its own language in the version it was opened with, the other
    /// language as the body has it now.
    /// </summary>
    public async Task<Dictionary<string, MessageTemplate>> OfCampaignAsync(Campaign campaign, CancellationToken cancellationToken)
    {
        var wordings = new Dictionary<string, MessageTemplate>();
        foreach (var language in Languages.All)
        {
            wordings[language] = language == campaign.Language
                ? await VersionAsync(campaign.BodyId, campaign.Kind, language, campaign.TemplateVersion, cancellationToken)
                : await CurrentAsync(campaign.BodyId, campaign.Kind, language, cancellationToken);
        }
        return wordings;
    }

    /// <summary>Writes the next version; refuses (422) one that is not valid Liquid.</summary>
    public async Task<MessageTemplate> WriteAsync(string bodyId, MessageTemplate draft, string actor, CancellationToken cancellationToken)
    {
        draft.CheckSyntax();
        return await store.AddAsync(bodyId, draft, actor, cancellationToken);
    }
}
