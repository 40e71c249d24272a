using Assemblee.Common.Rules;
using Fluid;

namespace Assemblee.Notifications.Domain;

/// <summary>
/// A message's wording for a body, kind and language: a subject and a body in Liquid (Fluid), which the message's
/// variables fill. <paramref name="Version"/> 0 is the built-in wording; every version a secretariat writes raises it.
/// </summary>
public sealed record MessageTemplate(string Kind, string Language, int Version, string Subject, string Body)
{
    private static readonly FluidParser Parser = new();

    // Strict: a misspelt variable fails the render instead of printing nothing in 7,000 letters; MaxSteps bounds a loop.
    private static readonly TemplateOptions Options = new() { StrictVariables = true, StrictFilters = true, MaxSteps = 100_000 };

    /// <summary>Refuses (422) a subject or body that is not valid Liquid, naming the place of the first error.</summary>
    public void CheckSyntax()
    {
        _ = Parse(Subject, "subject");
        _ = Parse(Body, "body");
    }

    /// <summary>
    /// The subject and body filled with <paramref name="variables"/>; a variable or filter the kind does not have is a
    /// rule violation (422) naming the variables it has, so that a campaign refuses a broken template before sending.
    /// </summary>
    public RenderedMessage Render(IReadOnlyDictionary<string, object> variables)
    {
        var context = new TemplateContext(variables, Options);
        return new RenderedMessage(Fill(Parse(Subject, "subject"), context, "subject").Trim(), Fill(Parse(Body, "body"), context, "body"));
    }

    private string Fill(IFluidTemplate template, TemplateContext context, string part)
    {
        try
        {
            return template.Render(context);
        }
        catch (FluidException error)
        {
            var known = MessageKinds.All.TryGetValue(Kind, out var kind) ? string.Join(", ", Names(kind.Sample, "")) : "none";
            throw RuleViolation.Unprocessable("template-does-not-render", "Template does not render",
                $"The {part} of the '{Kind}' template ({Language}, version {Version}) does not render: "
                + $"{(error.Message.StartsWith("Undefined variable", StringComparison.Ordinal) ? "it uses a variable" : error.Message)}"
                + $" that this kind of message does not have. Its variables are: {known}.");
        }
    }

    private IFluidTemplate Parse(string text, string part) => Parser.TryParse(text, out var template, out var error)
        ? template
        : throw RuleViolation.Unprocessable("template-not-liquid", "Template is not valid Liquid",
            $"The {part} of the '{Kind}' template ({Language}) is not valid Liquid: {error.Split('\n')[0]}");

    private static IEnumerable<string> Names(IReadOnlyDictionary<string, object> variables, string prefix) =>
        variables.SelectMany(pair => pair.Value is IReadOnlyDictionary<string, object> nested
            ? Names(nested, $"{prefix}{pair.Key}.")
            : [$"{prefix}{pair.Key}"]);
}

/// <summary>A template filled for one recipient.</summary>
public sealed record RenderedMessage(string Subject, string Body);
