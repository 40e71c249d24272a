using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Assemblee.Web.Clients;
using Assemblee.Web.Forms;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Assemblee.Web.Tests;

/// <summary>How a page says a service's refusal: by the refused rule's code, in the page's language.</summary>
public sealed partial class RefusalTests
{
    private static readonly IStringLocalizer Texts = new ResourceManagerStringLocalizerFactory(
        Options.Create(new LocalizationOptions { ResourcesPath = "Resources" }), NullLoggerFactory.Instance).Create(typeof(Texts));

    private static Refusal Refused(string detail, string? code) =>
        Refusal.Of(new Submitted<object>(HttpStatusCode.Conflict, null, new Dictionary<string, string[]>(), detail, code));

    private static T In<T>(string language, Func<T> words)
    {
        var (culture, uiCulture) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo(language);
        try
        {
            return words();
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (culture, uiCulture);
        }
    }

    [Fact]
    public void A_known_rule_is_said_in_the_pages_language_whatever_words_the_service_used()
    {
        var full = Refused("'Atelier 2' has its 12 members; choose another atelier.", "atelier-full");

        Assert.Equal("Cet atelier est complet : choisissez-en un autre.", In("fr", () => full.Words(Texts, "Refusé")));
        Assert.Equal("This atelier is full: choose another one.", In("en", () => full.Words(Texts, "Refused")));
    }

    [Fact]
    public void The_services_words_fill_the_french_text_where_they_name_what_to_fix_and_stand_alone_for_an_unknown_rule()
    {
        var template = Refused("The body of the 'convocation' template (fr) is not valid Liquid: unexpected '}'", "template-not-liquid");
        var unknown = Refused("A rule this page does not know yet.", "a-rule-added-later");

        Assert.EndsWith("Le service précise : The body of the 'convocation' template (fr) is not valid Liquid: unexpected '}'",
            In("fr", () => template.Words(Texts, "Refusé")));
        Assert.Equal("A rule this page does not know yet.", In("fr", () => unknown.Words(Texts, "Refusé")));
        Assert.Equal("Refusé", In("fr", () => Refused("", null).Words(Texts, "Refusé")));
    }

    [Fact]
    public void A_fields_broken_rule_is_said_in_the_pages_language_with_its_numbers_written_as_that_language_writes_them()
    {
        var refusal = Refusal.Of(new Submitted<object>(HttpStatusCode.BadRequest, null,
            new Dictionary<string, string[]> { ["text"] = ["1 to 20,000 characters."], ["seatGroups"] = ["Added later.", "Extra."] },
            null, null, new Dictionary<string, BrokenRule[]>
            {
                ["text"] = [new("text", [JsonSerializer.SerializeToElement(20_000)])],
                ["seatGroups"] = [new("a-rule-added-later", []), new("seats-add-up", [])],
            }));

        Assert.Equal(["De 1 à 20\u202f000 caractères."], In("fr", () => refusal.For("text", Texts)));
        Assert.Equal(["1 to 20,000 characters."], In("en", () => refusal.For("text", Texts)));
        // A rule this page does not know, and one whose numbers did not come: the service's words for both.
        Assert.Equal(["Added later.", "Extra."], In("fr", () => refusal.For("seatGroups", Texts)));
        Assert.Empty(refusal.For("title", Texts));
    }

    /// <summary>
    /// Every code a service refuses with (RuleViolation's factories, read from the services' sources) has its French and its
    /// English text, and so does every rule a field can break (FieldRule), so that no page falls back to the service's words
    /// for a rule added without them.
    /// </summary>
    [Theory]
    [InlineData("Texts.resx")]
    [InlineData("Texts.en.resx")]
    public void Every_rule_the_services_refuse_with_has_its_text_in_each_language(string resources)
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(root.FullName, "Assemblee.sln")))
        {
            root = root.Parent ?? throw new DirectoryNotFoundException("Assemblee.sln is above the test's folder.");
        }
        var sources = Directory.EnumerateFiles(Path.Combine(root.FullName, "services"), "*.cs", SearchOption.AllDirectories)
            .Select(File.ReadAllText).ToList();
        List<string> Codes(Regex pattern) =>
            [.. sources.SelectMany(source => pattern.Matches(source).Select(match => match.Groups["code"].Value)).Distinct()];
        var (codes, fieldRules) = (Codes(RuleCode()), Codes(FieldRuleCode()));
        var texts = XDocument.Load(Path.Combine(root.FullName, "web", "Resources", resources)).Root!.Elements("data")
            .Select(text => (string?)text.Attribute("name")).ToHashSet();

        var unsaid = codes.Where(code => !texts.Contains($"Refusal.{code}")).ToList();
        var unsaidFieldRules = fieldRules.Where(code => !texts.Contains($"Rule.{code}")).ToList();

        Assert.True(codes.Count > 90, $"{codes.Count} codes read from the services' sources");
        Assert.Contains("not-found", codes);
        Assert.Empty(unsaid);
        Assert.True(fieldRules.Count > 90, $"{fieldRules.Count} field rules read from the services' sources");
        Assert.Contains("text", fieldRules);
        Assert.Empty(unsaidFieldRules);
    }

    /// <summary>A field rule's code, where the rule is made.</summary>
    [GeneratedRegex(@"new FieldRule\(""(?<code>[a-z0-9-]+)""")]
    private static partial Regex FieldRuleCode();

    /// <summary>A code where a refusal is made: a factory's first argument, or the code given beside a kind.</summary>
    [GeneratedRegex(@"(RuleViolation\.\w+\(\s*|RuleViolationKind\.\w+, |NotFoundCode = )""(?<code>[a-z0-9-]+)""")]
    private static partial Regex RuleCode();
}
