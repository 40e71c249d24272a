using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Assemblee.DemoData;

/// <summary>
/// Fills a development system with a clearly synthetic promotion of the Paris Citizens' Assembly, through the public APIs only
/// (as the secretariat, the members and the public would): a draw done before a pretend bailiff, members confirmed, ateliers,
/// phases, sessions, texts at several stages and a veille question. Everyone in it is invented ("Démo-Prénom 12"). It runs
/// once per system: a second run finds the draw and stops.
/// </summary>
public sealed partial class DemoAssembly(DemoActors actors, TimeProvider time, ILogger<DemoAssembly> logger)
{
    private const string Title = "Tirage de démonstration";
    private static readonly string[] Ateliers = ["Logement", "Mobilités", "Climat"];

    private string Sortition => $"/api/sortition/bodies/{actors.Body}";

    private string Membership => $"/api/membership/bodies/{actors.Body}";

    private string Sessions => $"/api/sessions/bodies/{actors.Body}";

    private string Documents => $"/api/documents/bodies/{actors.Body}";

    public async Task FillAsync(CancellationToken cancellationToken)
    {
        var draws = await UntilAsync(() => DrawsAsync(cancellationToken), draws => draws is not null, cancellationToken);
        if (draws!.Value.EnumerateArray().Any(draw => draw.GetProperty("specification").GetProperty("title").GetString() == Title))
        {
            LogAlreadyFilled(actors.Body);
            return;
        }
        var draw = await DrawAsync(cancellationToken);
        LogStep("draw", draw);
        var (promotion, members) = await MembersAsync(draw, cancellationToken);
        LogStep("members", promotion);
        var ateliers = await AteliersAsync(promotion, members, cancellationToken);
        await CalendarAsync(promotion, ateliers[0], cancellationToken);
        await TextsAsync(promotion, ateliers, members, cancellationToken);
        await QuestionAsync(cancellationToken);
        LogFilled(actors.Body, members.Count);
    }

    /// <summary>The whole draw: specification, two synthetic lists, invitations, 120 answers, the lottery, the ceremony.</summary>
    private async Task<Guid> DrawAsync(CancellationToken cancellationToken)
    {
        var today = Today;
        var specification = new
        {
            title = Title,
            panelSize = 24,
            seatGroups = new[]
            {
                new { name = "electoral-list", seats = 20, sourceList = "electoral", invitations = 200, minAge = 18, maxAge = 130 },
                new { name = "citizen-card", seats = 4, sourceList = "citizen-card", invitations = 40, minAge = 18, maxAge = 130 },
            },
            categories = new[]
            {
                new
                {
                    name = "gender",
                    values = new[] { new { value = "female", min = 11, max = 13 }, new { value = "male", min = 11, max = 13 } },
                },
            },
            ageClasses = new[] { new { name = "18-39", minAge = 18, maxAge = 39 }, new { name = "40+", minAge = 40, maxAge = 130 } },
            invitationStrata = new[] { "arrondissement", "age-class" },
            oneOfEachHousehold = false,
            substitutes = 20,
            referenceDate = today,
            responseDeadline = time.GetUtcNow().AddDays(1),
            substitutesValidUntil = today.AddMonths(6),
        };
        // Sortition learns of the Assembly from membership's event at start: the first attempts may come before it.
        var created = await UntilAsync(async () =>
        {
            try
            {
                return await actors.AsSecretariatAsync(HttpMethod.Post, $"{Sortition}/draws", specification, cancellationToken);
            }
            catch (InvalidOperationException)
            {
                return (JsonElement?)null;
            }
        }, draw => draw is not null, cancellationToken);
        var draw = created!.Value.GetProperty("id").GetGuid();
        await ImportAsync(draw, "electoral", SourceList("E", 3000), cancellationToken);
        await ImportAsync(draw, "citizen-card", SourceList("C", 500), cancellationToken);
        await actors.AsSecretariatAsync(HttpMethod.Post, $"{Sortition}/draws/{draw}/invitations",
            new { seed = "démonstration" }, cancellationToken);
        var letters = await actors.AsSecretariatAsync(HttpMethod.Get, $"{Sortition}/draws/{draw}/invitations",
            cancellationToken: cancellationToken);
        var answering = letters.EnumerateArray().Where(letter => letter.GetProperty("seatGroup").GetString() == "electoral-list").Take(100)
            .Concat(letters.EnumerateArray().Where(letter => letter.GetProperty("seatGroup").GetString() == "citizen-card").Take(20))
            .Select(letter => letter.GetProperty("code").GetString()).ToList();
        for (var i = 0; i < answering.Count; i++)
        {
            await DemoActors.SendAsync(actors.Public, HttpMethod.Post, "/api/sortition/respondents", new
            {
                invitationCode = answering[i],
                profile = new Dictionary<string, string> { ["gender"] = i % 2 == 0 ? "female" : "male" },
                email = $"demo{i}@example.org",
            }, cancellationToken);
        }
        await actors.AsSecretariatAsync(HttpMethod.Post, $"{Sortition}/draws/{draw}/prepare", cancellationToken: cancellationToken);
        await UntilAsync(async () => (await actors.AsSecretariatAsync(HttpMethod.Get, $"{Sortition}/draws/{draw}",
            cancellationToken: cancellationToken)).GetProperty("state").GetString(), state => state == "prepared", cancellationToken);
        await actors.AsSecretariatAsync(HttpMethod.Post, $"{Sortition}/draws/{draw}/draw",
            new { dice = "4 2 6 1 3", beacon = "démonstration" }, cancellationToken);
        return draw;
    }

    /// <summary>The promotion membership made of the panel, and its members: twenty confirmed, four still to answer.</summary>
    private async Task<(Guid Promotion, List<Guid> Confirmed)> MembersAsync(Guid draw, CancellationToken cancellationToken)
    {
        var promotion = await UntilAsync(async () => (await actors.AsSecretariatAsync(HttpMethod.Get,
                $"{Membership}/promotions", cancellationToken: cancellationToken)).EnumerateArray()
                .Select(view => view.GetProperty("promotion"))
                .Where(found => found.GetProperty("drawId").GetString() == draw.ToString())
                .Select(found => (Guid?)found.GetProperty("id").GetGuid()).FirstOrDefault(),
            found => found is not null, cancellationToken) ?? Guid.Empty;
        var members = await UntilAsync(async () => (await actors.AsSecretariatAsync(HttpMethod.Get,
                $"{Membership}/promotions/{promotion}/members", cancellationToken: cancellationToken)).EnumerateArray()
                .Select(member => member.GetProperty("member").GetProperty("id").GetGuid()).ToList(),
            list => list.Count == 24, cancellationToken);
        var confirmed = members.Take(20).ToList();
        foreach (var member in confirmed)
        {
            await actors.AsSecretariatAsync(HttpMethod.Post, $"{Membership}/members/{member}/confirmation",
                cancellationToken: cancellationToken);
        }
        return (promotion, confirmed);
    }

    /// <summary>Three ateliers; the confirmed members choose them in turn.</summary>
    private async Task<List<Guid>> AteliersAsync(Guid promotion, List<Guid> members, CancellationToken cancellationToken)
    {
        var ateliers = new List<Guid>();
        foreach (var name in Ateliers)
        {
            var atelier = await actors.AsSecretariatAsync(HttpMethod.Post, $"{Membership}/promotions/{promotion}/ateliers",
                new { name, theme = name, mandate = $"Propositions de l'Assemblée sur le thème « {name} ».", capacity = 10 },
                cancellationToken);
            ateliers.Add(atelier.GetProperty("id").GetGuid());
        }
        for (var i = 0; i < members.Count; i++)
        {
            await DemoActors.SendAsync(actors.Member(members[i]), HttpMethod.Post,
                $"{Membership}/ateliers/{ateliers[i % ateliers.Count]}/choice", new { }, cancellationToken);
        }
        return ateliers;
    }

    /// <summary>The mandate's phases (the first under way), a public plenary convened and an atelier meeting planned.</summary>
    private async Task CalendarAsync(Guid promotion, Guid housing, CancellationToken cancellationToken)
    {
        var today = Today;
        foreach (var (name, from, to) in new[] { ("Découverte", -10, 30), ("Ateliers", 31, 150), ("Propositions", 151, 240) })
        {
            await actors.AsSecretariatAsync(HttpMethod.Post, $"{Sessions}/promotions/{promotion}/phases",
                new
                {
                    name,
                    description = $"Phase « {name} » de la démonstration.",
                    startsOn = today.AddDays(from),
                    endsOn = today.AddDays(to),
                }, cancellationToken);
        }
        var plenary = await PlanAsync(promotion, null, "Plénière d'ouverture (démonstration)", 7, cancellationToken);
        await actors.AsSecretariatAsync(HttpMethod.Post, $"{Sessions}/sessions/{plenary}/convocation",
            cancellationToken: cancellationToken);
        await PlanAsync(promotion, housing, "Atelier Logement : audition des bailleurs", 14, cancellationToken);
    }

    /// <summary>A plenary (public) when no atelier is named, else a meeting of that atelier (for its members only).</summary>
    private async Task<Guid> PlanAsync(Guid promotion, Guid? atelier, string title, int inDays, CancellationToken cancellationToken)
    {
        var startsAt = new DateTimeOffset(Today.AddDays(inDays).ToDateTime(new TimeOnly(17, 0)), TimeSpan.Zero);
        var session = await actors.AsSecretariatAsync(HttpMethod.Post, $"{Sessions}/promotions/{promotion}/sessions", new
        {
            kind = atelier is null ? "plenary" : "atelier-meeting",
            atelierId = atelier,
            title,
            agenda = new[]
            {
                new { title = "Accueil et présentation", speakers = new[] { "Secrétariat" }, documentIds = Array.Empty<Guid>() },
            },
            place = new { address = "Hôtel de Ville, 75004 Paris", room = "Salle des fêtes", access = "Entrée rue de Rivoli" },
            startsAt,
            endsAt = startsAt.AddHours(3),
            guests = Array.Empty<object>(),
            @public = atelier is null,
        }, cancellationToken);
        return session.GetProperty("id").GetGuid();
    }

    /// <summary>A vœu being written in the housing atelier, with an amendment proposed; another validated and published.</summary>
    private async Task TextsAsync(Guid promotion, List<Guid> ateliers, List<Guid> members, CancellationToken cancellationToken)
    {
        var housingWriter = actors.Member(members[0]);
        var draft = await StartAsync(housingWriter, promotion, ateliers[0], "Vœu relatif à la rénovation des logements (démonstration)",
            "Le Conseil de Paris émet le vœu que la Ville finance la rénovation énergétique des logements sociaux.", cancellationToken);
        await DemoActors.SendAsync(actors.Member(members[3]), HttpMethod.Post, $"{Documents}/documents/{draft}/amendments", new
        {
            section = 2,
            operation = "replace",
            text = "Le Conseil de Paris émet le vœu que la Ville finance et accompagne la rénovation énergétique des logements.",
            motivation = "Les copropriétés privées ont aussi besoin d'accompagnement.",
        }, cancellationToken);
        var adopted = await StartAsync(actors.Member(members[1]), promotion, ateliers[1],
            "Vœu relatif aux pistes cyclables (démonstration)",
            "Le Conseil de Paris émet le vœu que chaque arrondissement ait une piste cyclable continue nord-sud.", cancellationToken);
        await actors.AsSecretariatAsync(HttpMethod.Post, $"{Documents}/documents/{adopted}/paper-vote",
            new { @for = 17, against = 2, abstention = 1 }, cancellationToken);
        await actors.AsSecretariatAsync(HttpMethod.Post, $"{Documents}/documents/{adopted}/publication",
            cancellationToken: cancellationToken);
    }

    private async Task<Guid> StartAsync(HttpClient writer, Guid promotion, Guid atelier, string title, string wish,
        CancellationToken cancellationToken) =>
        (await DemoActors.SendAsync(writer, HttpMethod.Post, $"{Documents}/documents", new
        {
            kind = "voeu",
            promotionId = promotion,
            atelierId = atelier,
            title,
            sections = new[]
            {
                new { heading = "Considérants", markdown = "Considérant les travaux de l'atelier et les auditions qu'il a menées," },
                new { heading = "Vœu", markdown = wish },
            },
        }, cancellationToken)).GetProperty("document").GetProperty("id").GetGuid();

    /// <summary>A written question to the executive, validated by the Assembly and submitted: the register shows it.</summary>
    private async Task QuestionAsync(CancellationToken cancellationToken)
    {
        var questions = $"/api/veille/bodies/{actors.Body}/questions";
        var question = (await actors.AsSecretariatAsync(HttpMethod.Post, questions, new
        {
            kind = "written-question",
            title = "Horaires d'ouverture des bibliothèques (démonstration)",
            text = "L'Assemblée demande quand les bibliothèques de la Ville ouvriront le dimanche dans chaque arrondissement.",
            addresseeKind = "deputy",
            addressee = "Adjointe chargée de la culture",
            itemIds = Array.Empty<string>(),
            themes = new[] { "Culture" },
        }, cancellationToken)).GetProperty("id").GetGuid();
        await actors.AsSecretariatAsync(HttpMethod.Post, $"{questions}/{question}/validation",
            new { decision = "Plénière de démonstration, à l'unanimité" }, cancellationToken);
        await actors.AsSecretariatAsync(HttpMethod.Post, $"{questions}/{question}/submission", new { }, cancellationToken);
    }

    private async Task ImportAsync(Guid draw, string list, string csv, CancellationToken cancellationToken)
    {
        using var response = await actors.Secretariat.PutAsync($"{Sortition}/draws/{draw}/lists/{list}",
            new StringContent(csv, Encoding.UTF8, "text/csv"), cancellationToken);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>A list of invented people ("Démo-Nom 12"), the same every time.</summary>
    private static string SourceList(string prefix, int rows)
    {
        var random = new Random(rows);
        var csv = new StringBuilder("id,family_name,given_name,birth_date,sex,address,postcode\n");
        for (var i = 1; i <= rows; i++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{prefix}{i:D5},Démo-Nom {i},Démo-Prénom {i},")
                .Append(CultureInfo.InvariantCulture, $"{1945 + random.Next(60)}-{1 + random.Next(12):D2}-{1 + random.Next(28):D2},")
                .Append(CultureInfo.InvariantCulture, $"{(i % 2 == 0 ? "F" : "M")},{i} rue de la Démonstration,")
                .Append(CultureInfo.InvariantCulture, $"750{1 + random.Next(20):D2}\n");
        }
        return csv.ToString();
    }

    private async Task<JsonElement?> DrawsAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await actors.AsSecretariatAsync(HttpMethod.Get, $"{Sortition}/draws", cancellationToken: cancellationToken);
        }
        catch (Exception exception) when (exception is InvalidOperationException or HttpRequestException)
        {
            return null;
        }
    }

    private DateOnly Today => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    /// <summary>Asks again every second until the answer is the one awaited; after five minutes the demonstration gives up.</summary>
    private static async Task<T> UntilAsync<T>(Func<Task<T>> ask, Func<T, bool> done, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 300; attempt++)
        {
            var answer = await ask();
            if (done(answer))
            {
                return answer;
            }
            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        }
        throw new TimeoutException("The system did not reach the state the demonstration waits for within five minutes.");
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Body} already holds the demonstration; nothing added")]
    private partial void LogAlreadyFilled(string body);

    [LoggerMessage(Level = LogLevel.Information, Message = "Demonstration: {Step} done ({Id})")]
    private partial void LogStep(string step, Guid id);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Body} holds the demonstration: {Members} confirmed members, ateliers, "
        + "phases, sessions, texts and a veille question")]
    private partial void LogFilled(string body, int members);
}
