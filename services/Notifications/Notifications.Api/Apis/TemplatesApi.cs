using System.Security.Claims;
using Assemblee.Common.Actors;
using Assemblee.Common.Rules;
using Assemblee.Notifications.Application;
using Assemblee.Notifications.Data;
using Assemblee.Notifications.Domain;
using Assemblee.ServiceDefaults.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Assemblee.Notifications.Apis;

/// <summary>A template's wording: Liquid, with the variables of its kind ({{ invitee.familyName }}…).</summary>
public sealed record TemplateRequest(string? Subject, string? Body)
{
    public ValidationErrors Validate() => new ValidationErrors()
        .Require(!string.IsNullOrWhiteSpace(Subject) && Subject.Length <= 300, "subject",
            FieldRule.Text(300))
        .Require(!string.IsNullOrWhiteSpace(Body) && Body.Length <= 20_000, "body", FieldRule.Text(20_000));
}

/// <summary>A template in use or written: version 0 is the built-in wording.</summary>
public sealed record TemplateView(string Kind, string Channel, string Language, int Version, string Subject, string Body);

/// <summary>A template rendered with its kind's sample data.</summary>
public sealed record PreviewView(string Kind, string Language, int? Version, string Subject, string Body);

/// <summary>The body's message templates per kind and language, versioned, and their preview with sample data.</summary>
public static class TemplatesApi
{
    public static IEndpointRouteBuilder MapTemplatesApi(this IEndpointRouteBuilder app)
    {
        var templates = app.MapGroup("/api/notifications/bodies/{bodyId}/templates").WithTags("Templates").ProducesRuleViolations();
        templates.MapGet("", ListAsync).WithName("ListTemplates")
            .WithSummary("The template each kind and language uses now (the body's latest version, else the built-in one).")
            .RequireBodyRoles(Roles.Secretariat);
        templates.MapGet("/{kind}/{language}/versions", VersionsAsync).WithName("ListTemplateVersions")
            .WithSummary("Every version the body wrote of a kind in a language, newest first.").RequireBodyRoles(Roles.Secretariat);
        templates.MapPut("/{kind}/{language}", WriteAsync).WithName("WriteTemplate")
            .WithSummary("Writes the next version; refused when it is not valid Liquid.").RequireBodyRoles(Roles.Secretariat);
        templates.MapPost("/{kind}/{language}/preview", PreviewAsync).WithName("PreviewTemplate")
            .WithSummary("Renders the given wording, or the current one when none is given, with the kind's sample data.")
            .RequireBodyRoles(Roles.Secretariat);
        return app;
    }

    private static async Task<Ok<IReadOnlyList<TemplateView>>> ListAsync(string bodyId, Templates templates,
        CancellationToken cancellationToken)
    {
        var views = new List<TemplateView>();
        foreach (var kind in MessageKinds.All.Values)
        {
            foreach (var language in Languages.All)
            {
                views.Add(View(await templates.CurrentAsync(bodyId, kind.Name, language, cancellationToken)));
            }
        }
        return TypedResults.Ok<IReadOnlyList<TemplateView>>(views);
    }

    private static async Task<Ok<IReadOnlyList<TemplateView>>> VersionsAsync(string bodyId, string kind, string language,
        TemplateStore store, CancellationToken cancellationToken)
    {
        Known(kind, language);
        var versions = await store.ListAsync(bodyId, cancellationToken);
        return TypedResults.Ok<IReadOnlyList<TemplateView>>(
            [.. versions.Where(template => template.Kind == kind && template.Language == language).Select(View)]);
    }

    private static async Task<Results<Created<TemplateView>, ValidationProblem>> WriteAsync(string bodyId, string kind, string language,
        TemplateRequest request, ClaimsPrincipal user, Templates templates, CancellationToken cancellationToken)
    {
        Known(kind, language);
        if (request.Validate() is { Count: > 0 } errors)
        {
            return errors.Problem();
        }
        var written = await templates.WriteAsync(bodyId, new MessageTemplate(kind, language, 0, request.Subject!, request.Body!),
            user.Actor(), cancellationToken);
        return TypedResults.Created($"/api/notifications/bodies/{bodyId}/templates/{kind}/{language}/versions", View(written));
    }

    private static async Task<Results<Ok<PreviewView>, ValidationProblem>> PreviewAsync(string bodyId, string kind, string language,
        TemplateRequest? request, Templates templates, CancellationToken cancellationToken)
    {
        var messageKind = Known(kind, language);
        MessageTemplate template;
        if (request is null || (request.Subject is null && request.Body is null))
        {
            template = await templates.CurrentAsync(bodyId, kind, language, cancellationToken);
        }
        else if (request.Validate() is { Count: > 0 } errors)
        {
            return errors.Problem();
        }
        else
        {
            template = new MessageTemplate(kind, language, 0, request.Subject!, request.Body!);
        }
        var rendered = template.Render(messageKind.Sample);
        return TypedResults.Ok(new PreviewView(kind, language, request?.Body is null ? template.Version : null, rendered.Subject,
            rendered.Body));
    }

    private static MessageKind Known(string kind, string language) =>
        MessageKinds.All.TryGetValue(kind, out var messageKind) && Languages.All.Contains(language)
            ? messageKind
            : throw RuleViolation.NotFound(
                $"There is no '{kind}' template in '{language}': kinds are {string.Join(", ", MessageKinds.All.Keys)}; languages fr, en.");

    private static TemplateView View(MessageTemplate template) => new(template.Kind, MessageKinds.All[template.Kind].Channel,
        template.Language, template.Version, template.Subject, template.Body);
}
