using System.Globalization;
using System.Net;
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

    /// <summary>
    /// Every code a service refuses with (RuleViolation's factories, read from the services' sources) has its French and its
    /// English text, so that no page falls back to the service's words for a rule added without them.
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
        var codes = Directory.EnumerateFiles(Path.Combine(root.FullName, "services"), "*.cs", SearchOption.AllDirectories)
            .SelectMany(file => RuleCode().Matches(File.ReadAllText(file)).Select(match => match.Groups["code"].Value))
            .Distinct().ToList();
        var texts = XDocument.Load(Path.Combine(root.FullName, "web", "Resources", resources)).Root!.Elements("data")
            .Select(text => (string?)text.Attribute("name")).ToHashSet();
        var unsaid = codes.Where(code => !texts.Contains($"Refusal.{code}")).ToList();

        Assert.True(codes.Count > 90, $"{codes.Count} codes read from the services' sources");
        Assert.Contains("not-found", codes);
        Assert.Empty(unsaid);
    }

    /// <summary>A code where a refusal is made: a factory's first argument, or the code given beside a kind.</summary>
    [GeneratedRegex(@"(RuleViolation\.\w+\(\s*|RuleViolationKind\.\w+, |NotFoundCode = )""(?<code>[a-z0-9-]+)""")]
    private static partial Regex RuleCode();
}
