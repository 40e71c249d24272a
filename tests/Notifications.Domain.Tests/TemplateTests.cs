using Assemblee.Common.Rules;
using Assemblee.Notifications.Domain;

namespace Assemblee.Notifications.Domain.Tests;

public sealed class TemplateTests
{
    [Theory]
    [InlineData("fr", "Madame, Monsieur Martin", "https://assemblee.paris.fr/repondre")]
    [InlineData("en", "Dear Camille Martin", "https://assemblee.paris.fr/repondre")]
    public void The_built_in_invitation_renders_its_sample_in_each_language(string language, string greeting, string printed)
    {
        var rendered = DefaultTemplates.For("invitation", language).Render(MessageKinds.Invitation.Sample);

        Assert.Contains("Assemblée citoyenne de Paris 2027", rendered.Subject, StringComparison.Ordinal);
        Assert.StartsWith(greeting, rendered.Body, StringComparison.Ordinal);
        Assert.Contains(printed, rendered.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("{{", rendered.Body, StringComparison.Ordinal);
    }

    [Fact]
    public void A_misspelt_variable_is_refused_naming_the_variables_the_kind_has()
    {
        var template = new MessageTemplate("invitation", "fr", 3, "Bonjour", "Bonjour {{ invitee.nickname }}");

        var refusal = Assert.Throws<RuleViolation>(() => template.Render(MessageKinds.Invitation.Sample));

        Assert.Equal(RuleViolationKind.Unprocessable, refusal.Kind);
        Assert.Contains("version 3", refusal.Message, StringComparison.Ordinal);
        Assert.Contains("invitee.familyName", refusal.Message, StringComparison.Ordinal);
        Assert.Contains("response.code", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_filter_is_refused_too()
    {
        var template = new MessageTemplate("invitation", "fr", 1, "{{ draw.title | shout }}", "Bonjour");

        var refusal = Assert.Throws<RuleViolation>(() => template.Render(MessageKinds.Invitation.Sample));

        Assert.Contains("subject", refusal.Message, StringComparison.Ordinal);
        Assert.Contains("shout", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_Liquid_is_refused_when_written_naming_the_part()
    {
        var template = new MessageTemplate("invitation", "en", 0, "Hello", "{% if invitee.givenName %}Dear {{ invitee.givenName }}");

        var refusal = Assert.Throws<RuleViolation>(template.CheckSyntax);

        Assert.Contains("The body", refusal.Message, StringComparison.Ordinal);
        Assert.Contains("endif", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Liquid_logic_and_filters_work_with_the_kinds_variables()
    {
        var template = new MessageTemplate("invitation", "fr", 1, "{{ draw.title | upcase }}",
            "{% if invitee.givenName == 'Camille' %}Chère Camille{% else %}Bonjour{% endif %}");

        var rendered = template.Render(MessageKinds.Invitation.Sample);

        Assert.Equal("ASSEMBLÉE CITOYENNE DE PARIS 2027", rendered.Subject);
        Assert.Equal("Chère Camille", rendered.Body);
    }

    [Fact]
    public void Dates_are_written_as_Parisians_read_them()
    {
        Assert.Equal("1 décembre 2026", Languages.LongDate(new DateOnly(2026, 12, 1), "fr"));
        Assert.Equal("1 December 2026", Languages.LongDate(new DateOnly(2026, 12, 1), "en"));
    }

    public static TheoryData<string, string> EveryKindAndLanguage
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var kind in MessageKinds.All.Keys)
            {
                foreach (var language in Languages.All)
                {
                    data.Add(kind, language);
                }
            }
            return data;
        }
    }

    [Theory]
    [MemberData(nameof(EveryKindAndLanguage))]
    public void Every_built_in_wording_renders_its_kinds_sample(string kind, string language)
    {
        var rendered = DefaultTemplates.For(kind, language).Render(MessageKinds.All[kind].Sample);

        Assert.Equal(language, DefaultTemplates.For(kind, language).Language);
        Assert.False(string.IsNullOrWhiteSpace(rendered.Subject));
        Assert.DoesNotContain("{{", rendered.Subject + rendered.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("{%", rendered.Subject + rendered.Body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("adopted", "fr", "La proposition est adoptée.")]
    [InlineData("rejected", "fr", "La proposition est rejetée.")]
    [InlineData("no-quorum", "fr", "Le quorum n'était pas atteint")]
    [InlineData("chosen", "en", "The option chosen: pour.")]
    [InlineData("no-majority", "en", "No option won the required majority.")]
    public void A_vote_result_says_its_decision_in_the_members_language(string decision, string language, string said)
    {
        var sample = new Dictionary<string, object>(MessageKinds.VoteResult.Sample)
        {
            ["vote"] = new Dictionary<string, object>((IDictionary<string, object>)MessageKinds.VoteResult.Sample["vote"])
            {
                ["decision"] = decision,
            },
        };

        var rendered = DefaultTemplates.For("vote-result", language).Render(sample);

        Assert.Contains(said, rendered.Body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("drawn-letter", "fr", false, "vous êtes membre de « Assemblée citoyenne de Paris 2027 »")]
    [InlineData("drawn-letter", "fr", true, "comme suppléant·e, vous")]
    [InlineData("drawn", "en", true, "as a substitute, you are called to take")]
    [InlineData("drawn", "en", false, "You are drawn to sit on Assemblée citoyenne de Paris 2027.")]
    public void A_drawn_member_is_told_whether_they_take_a_seat_as_substitute(string kind, string language, bool substitute,
        string said)
    {
        var sample = new Dictionary<string, object>(MessageKinds.All[kind].Sample)
        {
            ["member"] = new Dictionary<string, object>((IDictionary<string, object>)MessageKinds.All[kind].Sample["member"])
            {
                ["substitute"] = substitute,
            },
        };

        var rendered = DefaultTemplates.For(kind, language).Render(sample);

        Assert.Contains(said, rendered.Body, StringComparison.Ordinal);
        Assert.Contains("22 décembre 2026", rendered.Subject + rendered.Body, StringComparison.Ordinal);
    }
    [Theory]
    [InlineData("fr", true, "Veille : 2027 DFA 12 inscrit à l'ordre du jour", "vient d'y être")]
    [InlineData("fr", false, "Veille : 2027 DFA 12 modifié", "a changé (date de séance, titre)")]
    [InlineData("en", false, "Watch: 2027 DFA 12 changed", "changed (meeting date, title)")]
    public void An_agenda_alert_says_whether_the_item_is_new_or_what_changed(string language, bool added, string subject, string said)
    {
        var sample = new Dictionary<string, object>(MessageKinds.AgendaAlert.Sample)
        {
            ["item"] = new Dictionary<string, object>((IDictionary<string, object>)MessageKinds.AgendaAlert.Sample["item"])
            {
                ["added"] = added,
                ["changes"] = AgendaChangeNames.Say(["scheduling", "title"], language),
            },
        };

        var rendered = DefaultTemplates.For("agenda-alert", language).Render(sample);

        Assert.Equal(subject, rendered.Subject);
        Assert.Contains(said.Replace(" ", "", StringComparison.Ordinal), rendered.Body.Replace(" ", "", StringComparison.Ordinal)
            .ReplaceLineEndings(""), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("fr", true, false)]
    [InlineData("fr", false, true)]
    [InlineData("en", false, true)]
    public void An_answer_given_late_says_so(string language, bool inTime, bool saysLate)
    {
        var sample = new Dictionary<string, object>(MessageKinds.QuestionAnswered.Sample)
        {
            ["question"] = new Dictionary<string, object>((IDictionary<string, object>)MessageKinds.QuestionAnswered.Sample["question"])
            {
                ["inTime"] = inTime,
            },
        };

        var body = DefaultTemplates.For("question-answered", language).Render(sample).Body;

        var late = language == "fr" ? "après le délai prévu" : "after the time allowed";
        Assert.Equal(saysLate, body.Contains(late, StringComparison.Ordinal));
        Assert.Contains("l'adjointe chargée de la propreté", body, StringComparison.Ordinal);
    }

    [Fact]
    public void A_change_veille_names_later_is_said_as_veille_names_it()
    {
        Assert.Equal("pièces, quorum", AgendaChangeNames.Say(["papers", "quorum"], "fr"));
    }
}
