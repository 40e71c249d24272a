using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Assemblee.Web.Clients;
using Assemblee.Web.Forms;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace Assemblee.Web.Tests;

/// <summary>What the console's and the members' forms send to the services, read as the services read it (JSON).</summary>
public sealed class FormsTests
{
    /// <summary>The application's own texts, from its resources, as the pages use them.</summary>
    private static readonly IStringLocalizer Texts = new ResourceManagerStringLocalizerFactory(
        Options.Create(new LocalizationOptions { ResourcesPath = "Resources" }), NullLoggerFactory.Instance).Create(typeof(Texts));

    private static JsonElement Json(object request) => JsonSerializer.SerializeToElement(request);

    [Fact]
    public void A_draw_specification_is_read_line_by_line_and_its_deadline_given_in_Paris_is_sent_in_UTC()
    {
        var form = DrawForm.Model(new DateOnly(2027, 1, 10));
        form.Title = "  Tirage 2027 ";

        var (specification, errors) = form.Read(Texts);

        var read = Json(specification!);
        Assert.Empty(errors);
        Assert.Equal("Tirage 2027", read.GetProperty("title").GetString());
        Assert.Equal(form.SeatGroups.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length,
            read.GetProperty("seatGroups").GetArrayLength());
        Assert.Equal(new DateTimeOffset(2027, 2, 21, 17, 0, 0, TimeSpan.Zero), read.GetProperty("responseDeadline").GetDateTimeOffset());
        Assert.Equal(["arrondissement", "age-class"], read.GetProperty("invitationStrata").EnumerateArray().Select(s => s.GetString()));
    }

    [Fact]
    public void A_line_the_form_cannot_read_is_named_by_its_number_in_the_pages_language()
    {
        CultureInfo.CurrentUICulture = new CultureInfo("fr");
        var form = DrawForm.Model(new DateOnly(2027, 1, 10));
        form.SeatGroups = "electoral; 8; electoral; 60; 18; 120\n\nelectoral; huit";
        form.Categories = "gender female 4-6";

        var (specification, errors) = form.Read(Texts);

        Assert.Null(specification);
        Assert.StartsWith("Ligne 3 : écrivez", Assert.Single(errors["seatGroups"]));
        Assert.StartsWith("Ligne 1", Assert.Single(errors["categories"]));
    }

    [Theory]
    [InlineData("2027-01-15", "2027-01-15T18:30:00+01:00", "2027-01-15T21:00:00+01:00")]
    [InlineData("2027-07-01", "2027-07-01T18:30:00+02:00", "2027-07-01T21:00:00+02:00")]
    public void A_session_is_planned_in_Paris_time_winter_and_summer(string date, string startsAt, string endsAt)
    {
        var form = new SessionForm
        {
            Title = "Plénière",
            Date = DateOnly.Parse(date, CultureInfo.InvariantCulture),
            Address = "Hôtel de Ville",
        };

        var read = Json(form.ToRequest());

        Assert.Equal(DateTimeOffset.Parse(startsAt, CultureInfo.InvariantCulture), read.GetProperty("startsAt").GetDateTimeOffset());
        Assert.Equal(DateTimeOffset.Parse(endsAt, CultureInfo.InvariantCulture), read.GetProperty("endsAt").GetDateTimeOffset());
    }

    [Fact]
    public void An_evening_that_ends_after_midnight_ends_the_next_day_and_blank_fields_are_sent_as_nothing()
    {
        var form = new SessionForm
        {
            Title = "Veillée",
            Date = new DateOnly(2027, 3, 5),
            StartsAt = new TimeOnly(20, 0),
            EndsAt = new TimeOnly(1, 0),
            Agenda = "Accueil\r\n\r\n  Débat  \n",
            Address = "  ",
            OnlineLink = "https://visio.paris.fr/veillee",
        };

        var read = Json(form.ToRequest());

        Assert.Equal(new DateTimeOffset(2027, 3, 6, 0, 0, 0, TimeSpan.Zero), read.GetProperty("endsAt").GetDateTimeOffset());
        Assert.Equal(["Accueil", "Débat"],
            read.GetProperty("agenda").EnumerateArray().Select(item => item.GetProperty("title").GetString()));
        Assert.Equal(JsonValueKind.Null, read.GetProperty("place").ValueKind);
        Assert.Equal(JsonValueKind.Null, read.GetProperty("atelierId").ValueKind);
    }

    [Fact]
    public void A_session_moved_from_its_Paris_times_keeps_what_the_form_does_not_show()
    {
        var session = JsonNode.Parse("""
            {
              "kind": "plenary", "title": "Plénière", "atelierId": null, "public": true, "state": "convened",
              "agenda": [{ "title": "Accueil", "speakers": ["Secrétariat"], "documentIds": [] }],
              "place": { "address": "Hôtel de Ville", "room": "Salle des fêtes", "access": "Entrée rue de Rivoli" },
              "onlineLink": null, "startsAt": "2027-01-15T17:30:00+00:00", "endsAt": "2027-01-15T20:00:00+00:00",
              "guests": [{ "name": "Adjointe à la participation", "role": "invitée" }]
            }
            """)!.AsObject();
        var form = SessionForm.Of(session.Deserialize<SessionDetails>(JsonSerializerOptions.Web)!);

        Assert.Equal((new DateOnly(2027, 1, 15), new TimeOnly(18, 30), new TimeOnly(21, 0)), (form.Date, form.StartsAt, form.EndsAt));
        Assert.Equal(("Hôtel de Ville", "Salle des fêtes"), (form.Address, form.Room));

        form.Date = new DateOnly(2027, 7, 1);
        form.Room = "Salle Saint-Jean";
        var moved = JsonSerializer.SerializeToElement(form.Moved(session));

        Assert.Equal(DateTimeOffset.Parse("2027-07-01T18:30:00+02:00", CultureInfo.InvariantCulture),
            moved.GetProperty("startsAt").GetDateTimeOffset());
        Assert.Equal(DateTimeOffset.Parse("2027-07-01T21:00:00+02:00", CultureInfo.InvariantCulture),
            moved.GetProperty("endsAt").GetDateTimeOffset());
        Assert.Equal("Salle Saint-Jean", moved.GetProperty("place").GetProperty("room").GetString());
        Assert.Equal("Entrée rue de Rivoli", moved.GetProperty("place").GetProperty("access").GetString());
        Assert.Equal("Secrétariat", moved.GetProperty("agenda")[0].GetProperty("speakers")[0].GetString());
        Assert.Equal("Adjointe à la participation", moved.GetProperty("guests")[0].GetProperty("name").GetString());
        Assert.Equal("2027-01-15T17:30:00+00:00", session["startsAt"]!.GetValue<string>());
    }

    [Fact]
    public void A_posted_form_holds_its_boxes_unticked_unless_posted_since_a_browser_sends_nothing_for_an_unticked_box()
    {
        // What the form binding builds from a post is a new form with the posted fields set: its defaults must mean "unticked".
        Assert.False(new VoteForm().RequiresQuorum);
        Assert.False(new CorrectionForm().Present);
        Assert.False(new DrawForm().ByArrondissement || new DrawForm().ByAgeClass);
        // The forms first shown tick the usual choices.
        Assert.True(VoteForm.Model().RequiresQuorum && CorrectionForm.Model().Present);
        Assert.True(DrawForm.Model(new DateOnly(2027, 1, 10)) is { ByArrondissement: true, ByAgeClass: true });
    }

    [Fact]
    public void An_attendance_time_is_on_the_sessions_day_in_Paris_or_the_next_when_the_evening_runs_past_midnight()
    {
        var evening = DateTimeOffset.Parse("2027-03-05T20:00:00+01:00", CultureInfo.InvariantCulture);
        var form = new CorrectionForm { Present = true, ArrivedAt = new TimeOnly(19, 45), DepartedAt = new TimeOnly(0, 30), Reason = "r" };

        var read = Json(form.ToRequest(evening));

        Assert.Equal(DateTimeOffset.Parse("2027-03-05T19:45:00+01:00", CultureInfo.InvariantCulture),
            read.GetProperty("arrivedAt").GetDateTimeOffset());
        Assert.Equal(DateTimeOffset.Parse("2027-03-06T00:30:00+01:00", CultureInfo.InvariantCulture),
            read.GetProperty("departedAt").GetDateTimeOffset());
        Assert.Equal(JsonValueKind.Null, Json(new CorrectionForm { ArrivedAt = new TimeOnly(19, 45) }.ToRequest(evening))
            .GetProperty("arrivedAt").ValueKind);
    }

    [Fact]
    public void A_vote_without_options_is_for_against_or_abstention()
    {
        Assert.Equal(JsonValueKind.Null, Json(new VoteForm { Question = "Adopter ?", Options = " \n " }.ToRequest())
            .GetProperty("options").ValueKind);
        Assert.Equal(["Lundi", "Mardi"], Json(new VoteForm { Question = "Quel jour ?", Options = "Lundi\nMardi\n" }.ToRequest())
            .GetProperty("options").EnumerateArray().Select(option => option.GetString()));
    }

    [Fact]
    public void Preferences_keep_the_ticked_channels_of_each_kind_and_quiet_hours_only_when_ticked()
    {
        var form = new FormCollection(new Dictionary<string, StringValues>
        {
            ["language"] = "en",
            ["from"] = "21:00",
            ["until"] = "08:00",
            ["channels.convocation"] = new(["sms", "fax"]),
            ["channels.vote-result"] = new(["email", "sms"]),
        });

        var preferences = PreferencesForm.Read(form);

        Assert.Equal("en", preferences.Language);
        Assert.Null(preferences.QuietHours);
        Assert.Equal(["sms"], preferences.Channels["convocation"]);
        Assert.Equal(["email", "sms"], preferences.Channels["vote-result"]);
        // A kind left without a box ticked is turned off, not reset to its default.
        Assert.Empty(preferences.Channels["session-reminder"]);
        Assert.Equal(PreferencesForm.Kinds.Length, preferences.Channels.Count);
    }

    [Fact]
    public void An_executive_ruling_sends_its_reason_trimmed_and_a_merge_target_only_when_it_merges()
    {
        var target = Guid.NewGuid();

        var inadmissible = Json(new RulingForm { Decision = "inadmissible", Reason = "  Relève de l'État. ", MergedInto = $"{target}" }
            .ToRequest());
        var admissible = Json(new RulingForm { Reason = "   " }.ToRequest());
        var merged = Json(new RulingForm { Decision = "merged", MergedInto = $"{target}" }.ToRequest());

        Assert.Equal(("inadmissible", "Relève de l'État."), (inadmissible.GetProperty("decision").GetString(),
            inadmissible.GetProperty("reason").GetString()));
        Assert.Equal(JsonValueKind.Null, inadmissible.GetProperty("mergedInto").ValueKind);
        Assert.Equal(("admissible", JsonValueKind.Null), (admissible.GetProperty("decision").GetString(),
            admissible.GetProperty("reason").ValueKind));
        Assert.Equal(target, merged.GetProperty("mergedInto").GetGuid());
    }

    [Fact]
    public void A_draft_starts_from_the_text_as_it_stands_with_room_for_a_part_a_part_left_empty_is_not_sent_line_breaks_go_as_LF()
    {
        var form = DraftForm.From(new WrittenDocument(Guid.NewGuid(), "voeu", "draft", 4, "Vœu sur les jardins",
            [new DocumentSection("Considérants", "Considérant que…"), new DocumentSection("Vœu", "Le Conseil émet le vœu…")],
            DateTimeOffset.UtcNow)).WithRoomForAPart().WithRoomForAPart();
        Assert.Equal(3, form.Parts.Count);
        Assert.True(form.Parts[2].IsEmpty, "the form ends with one empty part, for a new one");
        form.Parts[1] = new DraftPart { Heading = " ", Markdown = "" };
        form.Parts[2] = new DraftPart { Heading = " Calendrier ", Markdown = "Dès 2027.\r\n\r\n- Printemps : semis. " };

        var read = Json(form.ToRequest());

        Assert.Equal(4, form.ReadVersion);
        Assert.Equal([("Considérants", "Considérant que…"), ("Calendrier", "Dès 2027.\n\n- Printemps : semis.")],
            read.GetProperty("sections").EnumerateArray()
                .Select(section => (section.GetProperty("heading").GetString(), section.GetProperty("markdown").GetString())));
        Assert.Equal(JsonValueKind.Null, read.GetProperty("summary").ValueKind);
    }
}
