using System.Globalization;
using System.Security.Claims;
using Assemblee.Common.Actors;
using Assemblee.Common.Rules;
using Assemblee.Notifications.Data;
using Assemblee.Notifications.Domain;
using Assemblee.ServiceDefaults.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Assemblee.Notifications.Apis;

/// <summary>Quiet hours as people write them, "21:00" to "08:00" (Paris time).</summary>
public sealed record QuietHoursView(string From, string Until);

/// <summary>A member's choices: language, quiet hours (none: any time), and per kind of message its channels.</summary>
public sealed record PreferencesView(string Language, QuietHoursView? QuietHours, IReadOnlyDictionary<string, string[]> Channels);

/// <summary>What one click on an e-mail's unsubscribe link did.</summary>
public sealed record UnsubscribedView(string Kind, IReadOnlyList<string> Channels);

/// <summary>Each member's message preferences, and the one-click unsubscribe link of every e-mail (RFC 8058).</summary>
public static class PreferencesApi
{
    public static IEndpointRouteBuilder MapPreferencesApi(this IEndpointRouteBuilder app)
    {
        var preferences = app.MapGroup("/api/notifications/bodies/{bodyId}/preferences/me").WithTags("Preferences")
            .ProducesRuleViolations();
        preferences.MapGet("", GetAsync).WithName("GetMyPreferences")
            .WithSummary("The calling member's language, quiet hours and channels per kind.").RequireBodyRoles(Roles.Member);
        preferences.MapPut("", SaveAsync).WithName("SaveMyPreferences")
            .WithSummary("Replaces the calling member's preferences; letters the law requires are sent whatever they say.")
            .RequireBodyRoles(Roles.Member);
        // The secret in the link is the credential: mail clients post to it without signing in (List-Unsubscribe-Post).
        var links = app.MapGroup("/api/notifications/unsubscribe").WithTags("Preferences").ProducesRuleViolations();
        links.MapPost("/{token}", UnsubscribeAsync).WithName("Unsubscribe")
            .WithSummary("Turns off the e-mails of one kind for the member whose link this is.").AllowAnonymous();
        return app;
    }

    private static async Task<Ok<PreferencesView>> GetAsync(string bodyId, ClaimsPrincipal user, PreferenceStore store,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(View(await store.OfMemberAsync(bodyId, user.MemberId(), cancellationToken)));

    private static async Task<Results<Ok<PreferencesView>, ValidationProblem>> SaveAsync(string bodyId, PreferencesView request,
        ClaimsPrincipal user, PreferenceStore store, CancellationToken cancellationToken)
    {
        var errors = Preferences.Validate(request.Language, request.Channels);
        QuietHours? quiet = null;
        if (request.QuietHours is { } hours)
        {
            if (TimeOnly.TryParseExact(hours.From, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var from)
                && TimeOnly.TryParseExact(hours.Until, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var until)
                && from != until)
            {
                quiet = new QuietHours(from, until);
            }
            else
            {
                errors.Add("quietHours", new FieldRule("quiet-hours",
                    "Quiet hours run from one time to another, each written HH:mm (21:00 to 08:00)."));
            }
        }
        if (errors.Count > 0)
        {
            return errors.Problem();
        }
        var preferences = new Preferences(request.Language, quiet,
            (request.Channels ?? new Dictionary<string, string[]>())
                .ToDictionary(pair => pair.Key, pair => (IReadOnlyList<string>)pair.Value));
        await store.SaveAsync(bodyId, user.MemberId(), preferences, cancellationToken);
        return TypedResults.Ok(View(preferences));
    }

    private static async Task<Ok<UnsubscribedView>> UnsubscribeAsync(string token, PreferenceStore store,
        CancellationToken cancellationToken)
    {
        var (bodyId, memberId, kind) = await store.UnsubscribeAsync(token, cancellationToken)
            ?? throw RuleViolation.NotFound("This unsubscribe link does not exist.");
        var preferences = (await store.OfMemberAsync(bodyId, memberId, cancellationToken)).WithoutEmail(MessageKinds.All[kind]);
        await store.SaveAsync(bodyId, memberId, preferences, cancellationToken);
        return TypedResults.Ok(new UnsubscribedView(kind, preferences.ChannelsFor(MessageKinds.All[kind])));
    }

    private static PreferencesView View(Preferences preferences) => new(preferences.Language,
        preferences.QuietHours is { } quiet
            ? new QuietHoursView(quiet.From.ToString("HH:mm", CultureInfo.InvariantCulture), quiet.Until.ToString("HH:mm",
                CultureInfo.InvariantCulture))
            : null,
        // A member's own kinds: what goes to the body's mailbox is not theirs to choose.
        MessageKinds.All.Values.Where(kind => kind.Audience == Audience.Members)
            .ToDictionary(kind => kind.Name, kind => preferences.ChannelsFor(kind).ToArray()));
}
