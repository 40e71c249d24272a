using Assemblee.Common.Text;

namespace Assemblee.Notifications.Domain;

/// <summary>
/// A kind of message: the channel it goes by, whether the law requires it (then a person's preferences cannot turn it off),
/// and the variables its templates may use, with the sample values a preview renders.
/// </summary>
/// <param name="ToGuardians">A letter to the parents or guardians of the (minor) member it speaks of, at the member's address.</param>
/// <param name="Audience">Its members, or one of the body's institutional mailboxes.</param>
public sealed record MessageKind(string Name, string Channel, bool LegallyRequired, IReadOnlyDictionary<string, object> Sample,
    bool ToGuardians = false, Audience Audience = Audience.Members)
{
    /// <summary>
    /// The channels a person may choose for it: a letter stays a letter; what goes by e-mail may go by SMS too, but not to
    /// an institutional mailbox, which has no phone.
    /// </summary>
    public IReadOnlyList<string> Choosable =>
        Channel == Channels.Letter ? [Channels.Letter] : Audience != Audience.Members ? [Channels.Email] : [Channels.Email, Channels.Sms];
}

public static class MessageKinds
{
    /// <summary>The letter inviting a drawn resident to answer (stage 1 of the draw), posted by the thousand.</summary>
    public static readonly MessageKind Invitation = new("invitation", Channels.Letter, LegallyRequired: true,
        new Dictionary<string, object>
        {
            ["invitee"] = new Dictionary<string, object> { ["givenName"] = "Camille", ["familyName"] = "Martin" },
            ["draw"] = new Dictionary<string, object>
            {
                ["title"] = "Assemblée citoyenne de Paris 2027",
                ["responseDeadline"] = "15 janvier 2027",
            },
            ["response"] = new Dictionary<string, object> { ["code"] = "K7QF-2M9X-PLD4", ["url"] = "https://assemblee.paris.fr/repondre" },
        });

    /// <summary>A member's convocation to a session, by e-mail with the session's calendar file attached.</summary>
    public static readonly MessageKind Convocation = new("convocation", Channels.Email, LegallyRequired: false,
        new Dictionary<string, object>
        {
            ["member"] = new Dictionary<string, object> { ["givenName"] = "Camille" },
            ["session"] = new Dictionary<string, object>
            {
                ["title"] = "Séance plénière de lancement",
                ["date"] = "9 février 2027",
                ["startTime"] = "18:00",
                ["endTime"] = "21:00",
            },
            ["links"] = new Dictionary<string, object>
            {
                ["answer"] = "https://assemblee.paris.fr/membres/convocations",
                ["preferences"] = "https://assemblee.paris.fr/membres/preferences",
            },
        });

    /// <summary>A convened session moved, changed or was postponed: its invited members get the new calendar file.</summary>
    public static readonly MessageKind SessionChange = new("session-change", Channels.Email, LegallyRequired: false,
        WithChange(Convocation.Sample, "rescheduled", "La salle est en travaux."));

    /// <summary>A convened session was cancelled: its invited members are told, with the calendar file that removes it.</summary>
    public static readonly MessageKind SessionCancellation = new("session-cancellation", Channels.Email, LegallyRequired: false,
        WithChange(Convocation.Sample, "cancelled", "Grève des transports."));

    /// <summary>The day before a convened session, its invited members are reminded of it (with its calendar file).</summary>
    public static readonly MessageKind SessionReminder = new("session-reminder", Channels.Email, LegallyRequired: false,
        Convocation.Sample);

    /// <summary>A vote opened during a session: the members it convened are told (those in the room vote there).</summary>
    public static readonly MessageKind VoteOpening = new("vote-opened", Channels.Email, LegallyRequired: false,
        WithVote(Convocation.Sample, decision: ""));

    /// <summary>A vote closed: the members the session convened get its result (totals only; secret ballots stay secret).</summary>
    public static readonly MessageKind VoteResult = new("vote-result", Channels.Email, LegallyRequired: false,
        WithVote(Convocation.Sample, decision: "adopted"));

    /// <summary>A drawn member confirmed their seat: welcome, and where the members' space is.</summary>
    public static readonly MessageKind Welcome = new("welcome", Channels.Email, LegallyRequired: false,
        new Dictionary<string, object>
        {
            ["member"] = new Dictionary<string, object> { ["givenName"] = "Camille", ["minor"] = false },
            ["links"] = new Dictionary<string, object>
            {
                ["space"] = "https://assemblee.paris.fr/membres",
                ["preferences"] = "https://assemblee.paris.fr/membres/preferences",
            },
        });

    /// <summary>A text of the promotion (vœu, délibération, synthesis…) was published: its active members get the link.</summary>
    public static readonly MessageKind DocumentPublished = new("document-published", Channels.Email, LegallyRequired: false,
        new Dictionary<string, object>
        {
            ["member"] = new Dictionary<string, object> { ["givenName"] = "Camille" },
            ["document"] = new Dictionary<string, object>
            {
                ["title"] = "Vœu relatif à la rénovation énergétique des logements",
                ["kind"] = "voeu",
            },
            ["links"] = new Dictionary<string, object>
            {
                ["document"] = "https://assemblee.paris.fr/api/documents/bodies/assemblee-citoyenne/published/0191.html",
                ["preferences"] = "https://assemblee.paris.fr/membres/preferences",
            },
        });

    /// <summary>
    /// A writer proposed an amendment to a draft: its other writers (the atelier's active members, or the promotion's when the
    /// text is the whole Assembly's) get the link to review it before the decision.
    /// </summary>
    public static readonly MessageKind AmendmentProposed = new("amendment-proposed", Channels.Email, LegallyRequired: false,
        new Dictionary<string, object>
        {
            ["member"] = new Dictionary<string, object> { ["givenName"] = "Camille" },
            ["document"] = new Dictionary<string, object>
            {
                ["title"] = "Vœu relatif à la rénovation énergétique des logements",
                ["kind"] = "voeu",
            },
            ["amendment"] = new Dictionary<string, object> { ["number"] = 3, ["section"] = 2 },
            ["links"] = new Dictionary<string, object>
            {
                ["document"] = "https://assemblee.paris.fr/assemblee-citoyenne/membres/documents/0191",
                ["preferences"] = "https://assemblee.paris.fr/membres/preferences",
            },
        });

    /// <summary>An item of the Council's agenda the body follows was added, moved or changed: the body's mailbox is told.</summary>
    public static readonly MessageKind AgendaAlert = new("agenda-alert", Channels.Email, LegallyRequired: false,
        new Dictionary<string, object>
        {
            ["body"] = BodySample,
            ["item"] = new Dictionary<string, object>
            {
                ["reference"] = "2027 DFA 12",
                ["title"] = "Budget primitif 2027",
                ["meeting"] = "Conseil de Paris des 9, 10 et 11 février 2027",
                ["date"] = "9 février 2027",
                ["changes"] = "date de séance, titre",
                ["added"] = false,
            },
            ["links"] = new Dictionary<string, object>
            {
                ["item"] = "https://assemblee.paris.fr/assemblee-citoyenne/veille/agenda/2027-dfa-12",
                ["unsubscribe"] = "https://assemblee.paris.fr/api/notifications/unsubscribe/x",
            },
        }, Audience: Audience.BodyMailbox);

    /// <summary>The executive answered a question the body asked or co-signed: the body's mailbox is told.</summary>
    public static readonly MessageKind QuestionAnswered = new("question-answered", Channels.Email, LegallyRequired: false,
        WithQuestion(new Dictionary<string, object> { ["answeredAs"] = "l'adjointe chargée de la propreté", ["inTime"] = true }),
        Audience: Audience.BodyMailbox);

    /// <summary>The guarantors answered the body's referral: the body's mailbox is told.</summary>
    public static readonly MessageKind ReferralAnswered = new("referral-answered", Channels.Email, LegallyRequired: false,
        WithQuestion(new Dictionary<string, object>()), Audience: Audience.BodyMailbox);

    /// <summary>A body submitted a question to the executive: the office it deals with is told, with the date the answer is due.</summary>
    public static readonly MessageKind QuestionSubmitted = new("question-submitted", Channels.Email, LegallyRequired: false,
        WithQuestion(new Dictionary<string, object> { ["answerDue"] = "9 mars 2027" }), Audience: Audience.ExecutiveMailbox);

    /// <summary>A body's vœu or délibération was submitted to the Council of Paris: the executive office it deals with is told.</summary>
    public static readonly MessageKind DocumentSubmitted = new("document-submitted", Channels.Email, LegallyRequired: false,
        new Dictionary<string, object>
        {
            ["body"] = BodySample,
            ["document"] = new Dictionary<string, object>
            {
                ["title"] = "Vœu relatif à la rénovation énergétique des logements",
                ["kind"] = "voeu",
            },
            ["council"] = new Dictionary<string, object> { ["session"] = "9 février 2027", ["reference"] = "2027 V 12" },
            ["links"] = new Dictionary<string, object>
            {
                ["document"] = "https://assemblee.paris.fr/assemblee-citoyenne/documents/0191",
                ["unsubscribe"] = "https://assemblee.paris.fr/api/notifications/unsubscribe/x",
            },
        }, Audience: Audience.ExecutiveMailbox);

    /// <summary>The official notice, by post, that a person is drawn to sit (or to take a seat as substitute).</summary>
    public static readonly MessageKind DrawnLetter = new("drawn-letter", Channels.Letter, LegallyRequired: true, DrawnSample());

    /// <summary>The same news by e-mail, with the link to confirm the seat in the members' space.</summary>
    public static readonly MessageKind Drawn = new("drawn", Channels.Email, LegallyRequired: false, DrawnSample());

    /// <summary>
    /// A minor is drawn: a letter to their parents or guardians, at the minor's address, welcoming them and asking for the
    /// consent the seat needs.
    /// </summary>
    public static readonly MessageKind ConsentRequest = new("consent-request", Channels.Letter, LegallyRequired: true,
        DrawnSample(minor: true), ToGuardians: true);

    public static IReadOnlyDictionary<string, MessageKind> All { get; } = new[]
    {
        Invitation, DrawnLetter, Drawn, ConsentRequest, Welcome, Convocation, SessionChange, SessionCancellation, SessionReminder,
        VoteOpening, VoteResult, DocumentPublished, AmendmentProposed, AgendaAlert, QuestionAnswered, ReferralAnswered,
        QuestionSubmitted, DocumentSubmitted,
    }.ToDictionary(kind => kind.Name);

    private static Dictionary<string, object> BodySample => new() { ["name"] = "Conseil parisien de la jeunesse" };

    private static Dictionary<string, object> WithQuestion(Dictionary<string, object> question) => new()
    {
        ["body"] = BodySample,
        ["question"] = new Dictionary<string, object>(question)
        {
            ["title"] = "Propreté des abords des écoles",
        },
        ["links"] = new Dictionary<string, object>
        {
            ["question"] = "https://assemblee.paris.fr/conseil-jeunesse/veille/questions/0191",
            ["unsubscribe"] = "https://assemblee.paris.fr/api/notifications/unsubscribe/x",
        },
    };

    private static Dictionary<string, object> DrawnSample(bool minor = false) => new()
    {
        ["member"] = new Dictionary<string, object>
        {
            ["givenName"] = "Camille",
            ["familyName"] = "Martin",
            ["minor"] = minor,
            ["substitute"] = false,
        },
        ["promotion"] = new Dictionary<string, object> { ["title"] = "Assemblée citoyenne de Paris 2027" },
        ["confirmation"] = new Dictionary<string, object> { ["deadline"] = "22 décembre 2026" },
        ["links"] = new Dictionary<string, object>
        {
            ["space"] = "https://assemblee.paris.fr/membres",
            ["preferences"] = "https://assemblee.paris.fr/membres/preferences",
        },
    };

    private static Dictionary<string, object> WithVote(IReadOnlyDictionary<string, object> sample, string decision) =>
        new(sample)
        {
            ["vote"] = new Dictionary<string, object>
            {
                ["question"] = "Adoptez-vous le mandat de travail de l'atelier Mobilités ?",
                ["options"] = "pour, contre, abstention",
                ["decision"] = decision,
                ["winner"] = decision.Length == 0 ? "" : "pour",
                ["totals"] = decision.Length == 0 ? "" : "pour : 61, contre : 18, abstention : 4",
                ["cast"] = decision.Length == 0 ? 0 : 83,
            },
            ["links"] = new Dictionary<string, object>
            {
                ["vote"] = "https://assemblee.paris.fr/membres/votes",
                ["preferences"] = "https://assemblee.paris.fr/membres/preferences",
            },
        };

    private static Dictionary<string, object> WithChange(IReadOnlyDictionary<string, object> sample, string change, string reason) =>
        new(sample) { ["change"] = new Dictionary<string, object> { ["kind"] = change, ["reason"] = reason } };
}

/// <summary>Whom a kind of message goes to.</summary>
public enum Audience
{
    /// <summary>Members (or their parents), each by the channels they chose.</summary>
    Members,

    /// <summary>The body's own mailbox: its secretariat's institutional address.</summary>
    BodyMailbox,

    /// <summary>The mailbox of the executive's office the body deals with.</summary>
    ExecutiveMailbox,
}

public static class Channels
{
    public const string Letter = "letter";
    public const string Email = "email";
    public const string Sms = "sms";
}

public static class Languages
{
    public const string French = "fr";
    public const string English = "en";

    public static IReadOnlyList<string> All { get; } = [French, English];

    /// <summary>The city's time zone: dates in messages are Paris dates.</summary>
    public static TimeZoneInfo Paris { get; } = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    /// <summary>"1 décembre 2026", "1 December 2026".</summary>
    public static string LongDate(DateOnly date, string language) => Dates.Long(date, language);
}
