using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Assemblee.Contracts.Documents.V1;
using Assemblee.Contracts.Sessions;
using Assemblee.SystemTests.Infrastructure;
using Grpc.Core;
using Grpc.Net.Client;
using DocumentsClient = Assemblee.Contracts.Documents.V1.Documents.DocumentsClient;

namespace Assemblee.SystemTests;

/// <summary>Documents through the gateway, with real members of real ateliers (membership asked over gRPC).</summary>
[Collection(SystemCollection.Name)]
public sealed class DocumentsTests(SystemFixture system) : MembershipTestBase(system)
{
    private HttpClient Writer(Guid member) => Fixture.Gateway(member.ToString(), ["member"], [Body]);

    private HttpClient DocumentsSecretariat => Fixture.Gateway($"secretary-{Body}", ["secretariat"], [Body]);

    private string Documents(string path = "") => $"/api/documents/bodies/{Body}/documents{path}";

    /// <summary>Three active members: the first two in one atelier, the third in another.</summary>
    private async Task<(Guid Promotion, Guid Atelier, List<Guid> Members)> AteliersAsync()
    {
        var (promotion, contacts) = await PanelAsync(adults: 3);
        var members = contacts.Select(IdOf).ToList();
        foreach (var member in members)
        {
            Assert.Equal(HttpStatusCode.OK, (await PostAsync(Secretariat, $"members/{member}/confirmation")).StatusCode);
        }
        async Task<Guid> AtelierAsync(string name) => (await (await PostAsync(Secretariat, $"promotions/{promotion}/ateliers",
            new { name, theme = name, mandate = "", capacity = 5 })).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var housing = await AtelierAsync("Logement");
        var mobility = await AtelierAsync("Mobilité");
        foreach (var (member, atelier) in new[] { (members[0], housing), (members[1], housing), (members[2], mobility) })
        {
            Assert.Equal(HttpStatusCode.OK, (await PostAsync(AsMember(member), $"ateliers/{atelier}/choice")).StatusCode);
        }
        return (promotion, housing, members);
    }

    private static object Voeu(Guid promotion, Guid atelier) => new
    {
        kind = "voeu",
        promotionId = promotion,
        atelierId = atelier,
        title = "Vœu relatif à la rénovation énergétique des logements",
        sections = new[]
        {
            new { heading = "Considérants", markdown = "Considérant que *la moitié* des logements parisiens sont mal isolés," },
            new { heading = "Vœu", markdown = "Le Conseil de Paris émet le vœu que la Ville finance les rénovations énergétiques." },
        },
    };

    private async Task<Guid> StartAsync(HttpClient writer, object document)
    {
        var started = await writer.PostAsJsonAsync(Documents(), document);
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        Assert.Equal("\"1\"", started.Headers.ETag?.Tag);
        return (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("document").GetProperty("id").GetGuid();
    }

    private Task<HttpResponseMessage> SaveAsync(HttpClient writer, Guid document, string? ifMatch, string wish, string summary)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, Documents($"/{document}"))
        {
            Content = JsonContent.Create(new
            {
                title = "Vœu relatif à la rénovation énergétique des logements",
                sections = new[]
                {
                    new { heading = "Considérants", markdown = "Considérant que *la moitié* des logements parisiens sont mal isolés," },
                    new { heading = "Vœu", markdown = wish },
                },
                summary,
            }),
        };
        if (ifMatch is not null)
        {
            request.Headers.IfMatch.Add(new EntityTagHeaderValue(ifMatch));
        }
        return writer.SendAsync(request);
    }

    [Fact]
    public async Task Two_members_saving_the_same_version_at_once_one_succeeds_and_the_other_gets_412_with_the_current_text()
    {
        var (promotion, atelier, members) = await AteliersAsync();
        var document = await StartAsync(Writer(members[0]), Voeu(promotion, atelier));

        var saves = await Task.WhenAll(
            SaveAsync(Writer(members[0]), document, "\"1\"", "Le Conseil de Paris émet le vœu que la Ville finance les rénovations.",
                "Plus court"),
            SaveAsync(Writer(members[1]), document, "\"1\"",
                "Le Conseil de Paris émet le vœu que la Ville finance et accompagne les rénovations énergétiques.", "Accompagner"));
        var withoutVersion = await SaveAsync(Writer(members[1]), document, null, "x", "x");

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.PreconditionFailed], saves.Select(s => s.StatusCode).Order());
        var loser = saves.Single(s => s.StatusCode == HttpStatusCode.PreconditionFailed);
        var problem = await loser.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(2, problem.GetProperty("currentVersion").GetInt32());
        Assert.Equal(2, problem.GetProperty("current").GetProperty("sections").GetArrayLength());
        Assert.NotEmpty(problem.GetProperty("diff").EnumerateArray());
        Assert.Equal(HttpStatusCode.PreconditionRequired, withoutVersion.StatusCode);

        // Nothing is lost: the second writer saves on top of the current version.
        var merged = await SaveAsync(loser == saves[0] ? Writer(members[0]) : Writer(members[1]), document, "\"2\"",
            "Le Conseil de Paris émet le vœu que la Ville finance et accompagne les rénovations énergétiques.", "Fusion");
        Assert.Equal(HttpStatusCode.OK, merged.StatusCode);
        Assert.Equal("\"3\"", merged.Headers.ETag?.Tag);
        var versions = (await Writer(members[1]).GetFromJsonAsync<List<JsonElement>>(Documents($"/{document}/versions")))!;
        Assert.Equal([1, 2, 3], versions.Select(v => v.GetProperty("number").GetInt32()));
        var diff = await Writer(members[0]).GetFromJsonAsync<JsonElement>(Documents($"/{document}/diff?from=1&to=3"));
        var parts = diff.GetProperty("sections")[0].GetProperty("parts").EnumerateArray()
            .Select(p => (p.GetProperty("change").GetString(), p.GetProperty("text").GetString())).ToList();
        Assert.Contains(("inserted", "et accompagne "), parts);
        Assert.Contains("<ins>et accompagne </ins>", diff.GetProperty("html").GetString());
        var view = await Writer(members[0]).GetFromJsonAsync<JsonElement>(Documents($"/{document}"));
        Assert.Equal("<p>Considérant que <em>la moitié</em> des logements parisiens sont mal isolés,</p>\n",
            view.GetProperty("sectionsHtml")[0].GetString());
    }

    [Fact]
    public async Task Drafts_are_refused_to_other_ateliers_other_bodies_and_anonymous_callers_and_co_authors_are_named_per_document()
    {
        var (promotion, atelier, members) = await AteliersAsync();
        var document = await StartAsync(Writer(members[0]), Voeu(promotion, atelier));
        var deputy = Fixture.Gateway("dept-housing", ["executive"], [Body]);

        var otherAtelier = await Writer(members[2]).GetAsync(Documents($"/{document}"));
        var otherBody = await Fixture.Gateway(members[0].ToString(), ["member"], ["another-body"]).GetAsync(Documents($"/{document}"));
        var anonymous = await Fixture.Gateway().GetAsync(Documents($"/{document}"));
        var beforeGrant = await deputy.GetAsync(Documents($"/{document}"));
        var listedBeforeGrant = await ListedAsync(deputy);
        var intoOtherAtelier = await Writer(members[2]).PostAsJsonAsync(Documents(), Voeu(promotion, atelier));
        var granted = await DocumentsSecretariat.PutAsJsonAsync(Documents($"/{document}/co-authors/dept-housing"),
            new { role = "direction du logement" });
        var blank = await DocumentsSecretariat.PutAsJsonAsync(Documents($"/{document}/co-authors/%20"), new { role = " " });
        var afterGrant = await deputy.GetAsync(Documents($"/{document}"));
        var deputySaves = await SaveAsync(deputy, document, "\"1\"", "Le Conseil de Paris émet le vœu que la Ville finance.", "DLH");

        Assert.Contains(document, await ListedAsync(Writer(members[1])));
        Assert.DoesNotContain(document, await ListedAsync(Writer(members[2])));
        Assert.DoesNotContain(document, listedBeforeGrant);
        Assert.Contains(document, await ListedAsync(deputy));
        Assert.Equal(HttpStatusCode.NotFound, otherAtelier.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, otherBody.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, beforeGrant.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, intoOtherAtelier.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, granted.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, blank.StatusCode);
        var problem = await blank.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(["subject", "role"], problem.GetProperty("errors").EnumerateObject().Select(error => error.Name));
        // Beside each message, the rule it names, for a client that says it in its reader's language.
        var roleRule = problem.GetProperty("rules").GetProperty("role")[0];
        Assert.Equal("account-id", problem.GetProperty("rules").GetProperty("subject")[0].GetProperty("code").GetString());
        Assert.Equal("text", roleRule.GetProperty("code").GetString());
        Assert.Equal(100, roleRule.GetProperty("arguments")[0].GetInt32());
        Assert.Equal(HttpStatusCode.OK, afterGrant.StatusCode);
        Assert.Equal(HttpStatusCode.OK, deputySaves.StatusCode);
        var history = (await Writer(members[1]).GetFromJsonAsync<List<JsonElement>>(Documents($"/{document}/history")))!;
        Assert.Equal(["started", "co-author", "saved"], history.Select(h => h.GetProperty("action").GetString()));
        Assert.Equal("dept-housing", history[2].GetProperty("actor").GetString());
    }

    [Fact]
    public async Task A_vote_closed_twice_validates_the_document_once_and_a_paper_vote_validates_another()
    {
        var (promotion, atelier, members) = await AteliersAsync();
        var byVote = await StartAsync(Writer(members[0]), Voeu(promotion, atelier));
        var byPaper = await StartAsync(Writer(members[1]), Voeu(promotion, atelier));
        var vote = Guid.NewGuid();
        var closed = new VoteClosed(Body, Guid.NewGuid(), vote, "document-validation", byVote, "adopted", "for",
            new Dictionary<string, int> { ["for"] = 60, ["against"] = 20, ["abstention"] = 5 }, 85, true, DateTimeOffset.UtcNow);

        // Stands in for sessions: VoteClosed written to its outbox is published on RabbitMQ; then delivered again.
        var message = Guid.NewGuid();
        await Fixture.ExecuteAsync("sessionsdb", "INSERT INTO outbox_messages (id, message_type, body) VALUES ($1, $2, $3::jsonb)",
            message, "sessions.vote-closed.v1", JsonSerializer.Serialize(closed, Json));
        await Eventually.ReturnsAsync(() => Fixture.ScalarAsync<long>("documentsdb",
            "SELECT count(*) FROM inbox_messages WHERE message_id = $1", message), count => count > 0,
            because: "documents should handle it");
        await Fixture.ExecuteAsync("sessionsdb", "UPDATE outbox_messages SET dispatched_at = NULL WHERE id = $1", message);
        await Eventually.ReturnsAsync(() => Fixture.ScalarAsync<int?>("documentsdb",
            "SELECT duplicates FROM inbox_messages WHERE message_id = $1", message), d => d == 1, because: "the redelivery should arrive");
        var paperVote = Documents($"/{byPaper}/paper-vote");
        var paper = await DocumentsSecretariat.PostAsJsonAsync(paperVote, new { @for = 12, against = 3, abstention = 1 });
        var memberRecords = await Writer(members[0]).PostAsJsonAsync(paperVote, new { @for = 1, against = 0, abstention = 0 });
        var edit = await SaveAsync(Writer(members[0]), byVote, "\"1\"", "Changer après le vote", "Trop tard");

        var validated = await Writer(members[0]).GetFromJsonAsync<JsonElement>(Documents($"/{byVote}"));
        Assert.Equal("validated", validated.GetProperty("document").GetProperty("state").GetString());
        Assert.Equal(HttpStatusCode.OK, paper.StatusCode);
        Assert.Equal("validated", (await paper.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("document").GetProperty("state")
            .GetString());
        Assert.Equal(HttpStatusCode.Forbidden, memberRecords.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, edit.StatusCode);
        Assert.Equal(1L, await Fixture.ScalarAsync<long>("documentsdb",
            "SELECT count(*) FROM outbox_messages WHERE message_type = 'documents.document-validated.v1' AND body->>'documentId' = $1",
            byVote.ToString()));
        var history = (await Writer(members[0]).GetFromJsonAsync<List<JsonElement>>(Documents($"/{byVote}/history")))!;
        Assert.Equal($"vote:{vote}", Assert.Single(history, h => h.GetProperty("action").GetString() == "vote").GetProperty("actor")
            .GetString());
    }

    /// <summary>The documents a caller's list of documents shows.</summary>
    private async Task<List<Guid>> ListedAsync(HttpClient client) =>
        [.. (await client.GetFromJsonAsync<List<JsonElement>>(Documents()))!.Select(listed => listed.GetProperty("id").GetGuid())];

    private async Task<JsonElement> ProposeAsync(HttpClient client, Guid document, object amendment)
    {
        var proposed = await client.PostAsJsonAsync(Documents($"/{document}/amendments"), amendment);
        Assert.Equal(HttpStatusCode.Created, proposed.StatusCode);
        return await proposed.Content.ReadFromJsonAsync<JsonElement>();
    }

    private Task<HttpResponseMessage> DecideAsync(Guid document, JsonElement amendment, string decision, Guid? voteId = null) =>
        DocumentsSecretariat.PostAsJsonAsync(Documents($"/{document}/amendments/{amendment.GetProperty("id").GetGuid()}/decision"),
            new { decision, voteId });

    [Fact]
    public async Task An_accepted_amendment_gives_exactly_the_amended_text_conflicts_are_flagged_and_every_decision_is_in_the_history()
    {
        var (promotion, atelier, members) = await AteliersAsync();
        var document = await StartAsync(Writer(members[0]), Voeu(promotion, atelier));
        var deputy = Fixture.Gateway("deputy-housing", ["executive"], [Body]);
        var byMember = await ProposeAsync(Writer(members[1]), document, new
        {
            section = 2,
            operation = "replace",
            text = "Le Conseil de Paris émet le vœu que la Ville finance et accompagne les rénovations énergétiques.",
            motivation = "Accompagner les copropriétés",
        });
        var byExecutive = await ProposeAsync(deputy, document, new
        {
            section = 2,
            operation = "delete",
            motivation = "Déjà prévu au budget",
        });
        var insertion = await ProposeAsync(Writer(members[0]), document, new
        {
            section = 2,
            operation = "insert",
            heading = "Suivi",
            text = "Un bilan annuel est présenté au Conseil.",
            motivation = "Suivre la mise en œuvre",
        });

        var listed = (await deputy.GetFromJsonAsync<List<JsonElement>>(Documents($"/{document}/amendments")))!;
        var rejected = await DecideAsync(document, byExecutive, "rejected");
        var unchanged = await Writer(members[0]).GetFromJsonAsync<JsonElement>(Documents($"/{document}"));
        var vote = Guid.NewGuid();
        var accepted = await DecideAsync(document, byMember, "accepted", vote);
        var stale = await DecideAsync(document, insertion, "accepted");
        var again = await DecideAsync(document, byMember, "rejected");
        var amended = await Writer(members[0]).GetFromJsonAsync<JsonElement>(Documents($"/{document}"));

        Assert.Contains(listed[0].GetProperty("changes").EnumerateArray(), part =>
            part.GetProperty("change").GetString() == "inserted" && part.GetProperty("text").GetString() == "et accompagne ");
        Assert.Equal([[2, 3], [1, 3], [1, 2]], listed.Select(a => a.GetProperty("conflictsWith").EnumerateArray()
            .Select(n => n.GetInt32()).ToArray()));
        Assert.Equal(HttpStatusCode.OK, rejected.StatusCode);
        Assert.Equal(1, unchanged.GetProperty("document").GetProperty("version").GetInt32());
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal(2, (await accepted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("resultingVersion").GetInt32());
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal("Section changed", (await stale.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString());
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        var sections = amended.GetProperty("document").GetProperty("sections");
        Assert.Equal("Considérant que *la moitié* des logements parisiens sont mal isolés,",
            sections[0].GetProperty("markdown").GetString());
        Assert.Equal("Le Conseil de Paris émet le vœu que la Ville finance et accompagne les rénovations énergétiques.",
            sections[1].GetProperty("markdown").GetString());
        Assert.Equal(2, sections.GetArrayLength());
        var history = (await Writer(members[0]).GetFromJsonAsync<List<JsonElement>>(Documents($"/{document}/history")))!;
        Assert.Equal(["amendment-rejected", "amendment-accepted"], history.Select(h => h.GetProperty("action").GetString())
            .Where(a => a!.StartsWith("amendment-", StringComparison.Ordinal) && a != "amendment-proposed"));
        Assert.Equal($"vote:{vote}", history.Single(h => h.GetProperty("action").GetString() == "amendment-accepted")
            .GetProperty("actor").GetString());
        Assert.Equal(2L, await Fixture.ScalarAsync<long>("documentsdb",
            "SELECT count(*) FROM outbox_messages WHERE message_type = 'documents.amendment-decided.v1' AND body->>'documentId' = $1",
            document.ToString()));
    }

    [Fact]
    public async Task The_public_reads_and_finds_published_texts_in_french_and_never_a_draft()
    {
        var (promotion, atelier, members) = await AteliersAsync();
        var published = await StartAsync(Writer(members[0]), Voeu(promotion, atelier));
        var draft = await StartAsync(Writer(members[1]), new
        {
            kind = "voeu",
            promotionId = promotion,
            atelierId = atelier,
            title = "Brouillon sur les rénovations énergétiques",
            sections = new[] { new { heading = "Vœu", markdown = "Des rénovations énergétiques partout, en secret." } },
        });
        var tooEarly = await DocumentsSecretariat.PostAsync(Documents($"/{published}/publication"), null);
        await DocumentsSecretariat.PostAsJsonAsync(Documents($"/{published}/paper-vote"), new { @for = 40, against = 2, abstention = 1 });
        var publication = await DocumentsSecretariat.PostAsync(Documents($"/{published}/publication"), null);
        var again = await DocumentsSecretariat.PostAsync(Documents($"/{published}/publication"), null);
        var anonymous = Fixture.Gateway();
        var publicPath = $"/api/documents/bodies/{Body}/published";

        var hits = (await anonymous.GetFromJsonAsync<List<JsonElement>>(
            $"/api/documents/bodies/{Body}/search?q={Uri.EscapeDataString("rénovations énergétiques")}"))!;
        var markdown = await anonymous.GetAsync($"{publicPath}/{published}.md");
        var html = await anonymous.GetStringAsync($"{publicPath}/{published}.html");
        var view = await anonymous.GetFromJsonAsync<JsonElement>($"{publicPath}/{published}");
        var hiddenDraft = await anonymous.GetAsync($"{publicPath}/{draft}");
        var noWords = await anonymous.GetAsync($"/api/documents/bodies/{Body}/search?q=");

        Assert.Equal(HttpStatusCode.Conflict, tooEarly.StatusCode);
        Assert.Equal(HttpStatusCode.Created, publication.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        var hit = Assert.Single(hits);
        Assert.Equal(published, hit.GetProperty("documentId").GetGuid());
        Assert.Contains("<mark>rénovations</mark> <mark>énergétiques</mark>", hit.GetProperty("excerptHtml").GetString());
        var text = await markdown.Content.ReadAsByteArrayAsync();
        var fingerprint = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(text));
        Assert.Equal(fingerprint, view.GetProperty("fingerprint").GetString());
        Assert.Equal($"sha-256=:{Convert.ToBase64String(Convert.FromHexString(fingerprint))}:",
            markdown.Headers.GetValues("Repr-Digest").Single());
        Assert.StartsWith("# Vœu relatif à la rénovation énergétique des logements\n", System.Text.Encoding.UTF8.GetString(text));
        Assert.Contains(fingerprint, html);
        Assert.Contains("<em>la moitié</em>", html);
        Assert.Equal(HttpStatusCode.NotFound, hiddenDraft.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, noWords.StatusCode);
        Assert.Equal(1L, await Fixture.ScalarAsync<long>("documentsdb",
            "SELECT count(*) FROM outbox_messages WHERE message_type = 'documents.document-published.v1' AND body->>'documentId' = $1",
            published.ToString()));
    }

    [Fact]
    public async Task The_pdf_of_a_published_deliberation_shows_its_title_its_articles_and_its_fingerprint()
    {
        var (promotion, atelier, members) = await AteliersAsync();
        var deliberation = await StartAsync(Writer(members[0]), new
        {
            kind = "deliberation",
            promotionId = promotion,
            atelierId = atelier,
            title = "Délibération citoyenne sur les cours oasis",
            sections = new[]
            {
                new { heading = "Exposé des motifs", markdown = "Les cours d'école sont trop chaudes en été." },
                new { heading = "Article 1", markdown = "Les cours sont ouvertes aux habitants le **samedi**." },
                new { heading = "Article 2", markdown = "Un bilan est présenté au Conseil chaque année." },
            },
        });
        await DocumentsSecretariat.PostAsJsonAsync(Documents($"/{deliberation}/paper-vote"),
            new { @for = 50, against = 10, abstention = 0 });
        var published = await (await DocumentsSecretariat.PostAsync(Documents($"/{deliberation}/publication"), null)).Content
            .ReadFromJsonAsync<JsonElement>();

        var pdf = await Fixture.Gateway().GetAsync($"/api/documents/bodies/{Body}/published/{deliberation}.pdf");
        var text = await PdfText.ReadAsync(await pdf.Content.ReadAsByteArrayAsync());

        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);
        Assert.Contains("cours oasis", text);
        Assert.Contains("Article 1", text);
        Assert.Contains("Article 2", text);
        Assert.Contains("samedi", text);
        Assert.Contains(published.GetProperty("fingerprint").GetString()![..16], text);
    }

    [Fact]
    public async Task A_validated_voeu_goes_to_the_council_and_its_adoption_is_followed_by_public_commitments()
    {
        var (promotion, atelier, members) = await AteliersAsync();
        // The body's record in membership names the executive office it deals with.
        var executiveMail = $"cabinet-{Body}@paris.fr";
        Assert.Equal(HttpStatusCode.Created, (await Fixture.Gateway("admin-1", ["body-admin"]).PostAsJsonAsync("/api/membership/bodies",
            new { id = Body, name = "Assemblée citoyenne", kind = "citizens-assembly", mailboxes = new { executive = executiveMail } }))
            .StatusCode);
        var voeu = await StartAsync(Writer(members[0]), Voeu(promotion, atelier));
        var department = Fixture.Gateway("dlh-director", ["executive"], [Body]);
        var tooEarly = await DocumentsSecretariat.PostAsJsonAsync(Documents($"/{voeu}/submission"),
            new { councilSession = "2027-03-10", reference = "2027 V 42" });
        await DocumentsSecretariat.PostAsJsonAsync(Documents($"/{voeu}/paper-vote"), new { @for = 50, against = 10, abstention = 0 });

        var badReference = await DocumentsSecretariat.PostAsJsonAsync(Documents($"/{voeu}/submission"),
            new { councilSession = "2027-03-10", reference = "vœu 42" });
        var submitted = await DocumentsSecretariat.PostAsJsonAsync(Documents($"/{voeu}/submission"),
            new { councilSession = "2027-03-10", reference = "2027 V 42" });
        var notYet = await department.PostAsJsonAsync(Documents($"/{voeu}/commitments"), new { title = "Fonds", department = "DLH" });
        var noText = await DocumentsSecretariat.PostAsJsonAsync(Documents($"/{voeu}/council-outcome"),
            new { outcome = "adopted-as-amended", decidedOn = "2027-03-11" });
        var outcome = await DocumentsSecretariat.PostAsJsonAsync(Documents($"/{voeu}/council-outcome"),
            new { outcome = "adopted-as-amended", decidedOn = "2027-03-11", councilText = "Le Conseil émet le vœu que la Ville étudie…" });
        var commitment = await department.PostAsJsonAsync(Documents($"/{voeu}/commitments"),
            new
            {
                title = "Fonds de rénovation des copropriétés",
                department = "Direction du logement et de l'habitat",
                dueOn = "2028-01-01",
            });
        var commitmentId = (await commitment.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var progress = await department.PostAsJsonAsync(Documents($"/{voeu}/commitments/{commitmentId}/updates"),
            new { status = "in-progress", note = "Premier appel à projets lancé." });
        var followUp = (await Fixture.Gateway().GetFromJsonAsync<List<JsonElement>>(Documents($"/{voeu}/commitments")))!;

        Assert.Equal(HttpStatusCode.Conflict, tooEarly.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badReference.StatusCode);
        Assert.Equal("submitted", (await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("state").GetString());
        var told = (await Eventually.ReturnsAsync(() => Task.FromResult(Fixture.App.ReceivedMail()
            .Where(message => message.To.Mailboxes.Single().Address == executiveMail).ToList()), list => list.Count == 1,
            TimeSpan.FromMinutes(1), "the executive office should be told that the vœu is submitted to the Council"))!.Single();
        Assert.Equal("Assemblée citoyenne soumet au Conseil de Paris : Vœu relatif à la rénovation énergétique des logements",
            told.Subject);
        Assert.Contains("Conseil de Paris du 10 mars 2027", told.TextBody!.ReplaceLineEndings(" "), StringComparison.Ordinal);
        Assert.Contains("2027 V 42", told.TextBody, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, notYet.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, noText.StatusCode);
        Assert.Equal("adopted-as-amended", (await outcome.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("state").GetString());
        Assert.Equal(HttpStatusCode.Created, commitment.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, progress.StatusCode);
        var followed = Assert.Single(followUp);
        Assert.Equal(("in-progress", "Premier appel à projets lancé."), (followed.GetProperty("status").GetString(),
            followed.GetProperty("updates")[0].GetProperty("note").GetString()));

        // A citizen evaluation mission on the adopted text, and the report it writes.
        var mission = await DocumentsSecretariat.PostAsJsonAsync(Documents($"/{voeu}/evaluation-missions"),
            new { title = "Évaluation du fonds", memberIds = members.Take(2), startsOn = "2028-06-01" });
        var missionId = (await mission.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var report = await StartAsync(Writer(members[0]), new
        {
            kind = "synthesis",
            promotionId = promotion,
            title = "Rapport d'évaluation",
            sections = new[] { new { heading = "Constats", markdown = "Le fonds a aidé 40 copropriétés." } },
        });
        var linked = await DocumentsSecretariat.PutAsJsonAsync(Documents($"/{voeu}/evaluation-missions/{missionId}/report"),
            new { reportDocumentId = report });
        var missions = (await Fixture.Gateway().GetFromJsonAsync<List<JsonElement>>(Documents($"/{voeu}/evaluation-missions")))!;
        Assert.Equal(HttpStatusCode.Created, mission.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, linked.StatusCode);
        Assert.Equal(report, Assert.Single(missions).GetProperty("reportDocumentId").GetGuid());
        Assert.Equal(2, missions[0].GetProperty("memberIds").GetArrayLength());
        foreach (var (type, count) in new[] { ("documents.document-submitted.v1", 1L), ("documents.council-outcome-recorded.v1", 1L) })
        {
            Assert.Equal(count, await Fixture.ScalarAsync<long>("documentsdb",
                "SELECT count(*) FROM outbox_messages WHERE message_type = $1 AND body->>'documentId' = $2", type, voeu.ToString()));
        }
    }

    [Fact]
    public async Task Veille_and_sessions_read_documents_over_grpc_writers_their_drafts_and_anyone_the_published_texts()
    {
        var (promotion, atelier, members) = await AteliersAsync();
        var draft = await StartAsync(Writer(members[0]), Voeu(promotion, atelier));
        var published = await StartAsync(Writer(members[1]), Voeu(promotion, atelier));
        await DocumentsSecretariat.PostAsJsonAsync(Documents($"/{published}/paper-vote"), new { @for = 9, against = 1, abstention = 0 });
        await DocumentsSecretariat.PostAsync(Documents($"/{published}/publication"), null);
        using var channel = GrpcChannel.ForAddress(Fixture.App.GetEndpoint("documents", "grpc"));
        var client = new DocumentsClient(channel);
        Metadata As(string subject, string role, params string[] bodies) =>
            new() { { "authorization", $"Bearer {Fixture.Token(subject, [role], bodies)}" } };
        GetDocumentRequest Get(Guid id) => new() { BodyId = Body, DocumentId = id.ToString() };
        async Task<StatusCode> RefusalAsync(Func<Task> call) => (await Assert.ThrowsAsync<RpcException>(call)).StatusCode;

        var byVeille = await client.GetDocumentAsync(Get(draft), As("veille", "service"));
        var byWriter = await client.GetDocumentAsync(Get(draft), As(members[0].ToString(), "member", Body));
        var text = await client.GetPublishedAsync(Get(published));
        var list = new List<Published>();
        await foreach (var item in client.ListPublished(new ListPublishedRequest { BodyId = Body }).ResponseStream.ReadAllAsync())
        {
            list.Add(item);
        }

        Assert.Equal(("voeu", "draft", 1), (byVeille.Kind, byVeille.State, byVeille.Version));
        Assert.Equal(atelier.ToString(), byWriter.AtelierId);
        Assert.StartsWith("# Vœu relatif", text.Markdown);
        Assert.Equal([published.ToString()], list.Select(p => p.DocumentId));
        Assert.Equal(StatusCode.NotFound, await RefusalAsync(() => client.GetDocumentAsync(Get(draft),
            As(members[2].ToString(), "member", Body)).ResponseAsync));
        Assert.Equal(StatusCode.PermissionDenied, await RefusalAsync(() => client.GetDocumentAsync(Get(draft),
            As("membership", "service")).ResponseAsync));
        Assert.Equal(StatusCode.PermissionDenied, await RefusalAsync(() => client.GetDocumentAsync(Get(draft),
            As("secretary-9", "secretariat", "another-body")).ResponseAsync));
        Assert.Equal(StatusCode.Unauthenticated, await RefusalAsync(() => client.GetDocumentAsync(Get(draft)).ResponseAsync));
        Assert.Equal(StatusCode.NotFound, await RefusalAsync(() => client.GetPublishedAsync(Get(draft)).ResponseAsync));
        Assert.Equal(StatusCode.InvalidArgument, await RefusalAsync(() => client.GetPublishedAsync(
            new GetDocumentRequest { BodyId = Body, DocumentId = "x" }).ResponseAsync));
        using var gateway = GrpcChannel.ForAddress(Fixture.App.GetEndpoint("gateway", "grpc"));
        Assert.Equal(StatusCode.Unimplemented, await RefusalAsync(() => new DocumentsClient(gateway).GetPublishedAsync(Get(published))
            .ResponseAsync));
    }

    [Fact]
    public async Task Writers_attach_files_whose_content_matches_their_type_within_the_limit_and_download_them_unchanged()
    {
        var (promotion, atelier, members) = await AteliersAsync();
        var document = await StartAsync(Writer(members[0]), Voeu(promotion, atelier));
        var pdf = "%PDF-1.4\n% annexe\n"u8.ToArray().Concat(Enumerable.Range(0, 5000).Select(i => (byte)(i % 251))).ToArray();
        Task<HttpResponseMessage> AttachAsync(HttpClient client, byte[] content, string type, string name = "annexe.pdf") =>
            client.PostAsync(Documents($"/{document}/attachments?name={Uri.EscapeDataString(name)}"),
                new ByteArrayContent(content) { Headers = { ContentType = new MediaTypeHeaderValue(type) } });

        var attached = await AttachAsync(Writer(members[1]), pdf, "application/pdf");
        var lying = await AttachAsync(Writer(members[1]), [0x89, 0x50, 0x4E, 0x47, 1, 2, 3], "application/pdf");
        var script = await AttachAsync(Writer(members[1]), "<script>alert(1)</script>"u8.ToArray(), "text/html", "page.html");
        var tooLarge = await AttachAsync(Writer(members[1]), new byte[SystemFixture.MaxAttachmentBytes + 1], "text/csv", "big.csv");
        var otherAtelier = await AttachAsync(Writer(members[2]), pdf, "application/pdf");
        var id = (await attached.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var download = await Writer(members[0]).GetAsync(Documents($"/{document}/attachments/{id}"));
        var listed = (await Writer(members[0]).GetFromJsonAsync<List<JsonElement>>(Documents($"/{document}/attachments")))!;

        Assert.Equal(HttpStatusCode.Created, attached.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, lying.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, script.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, otherAtelier.StatusCode);
        Assert.Equal(pdf, await download.Content.ReadAsByteArrayAsync());
        Assert.Equal("application/pdf", download.Content.Headers.ContentType?.MediaType);
        Assert.Equal("nosniff", download.Headers.GetValues("X-Content-Type-Options").Single());
        var only = Assert.Single(listed);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(pdf)), only.GetProperty("sha256").GetString());
        Assert.Equal("annexe.pdf", only.GetProperty("fileName").GetString());
    }

    [Fact]
    public async Task The_draws_proces_verbal_is_published_when_the_panel_is_drawn_and_again_after_a_replacement()
    {
        var scenario = new SortitionScenario(Fixture, Body);
        var (draw, record) = await scenario.DrawnPanelAsync("documents-proces-verbal");
        var anonymous = Fixture.Gateway();
        var publicPath = $"/api/documents/bodies/{Body}/published";
        async Task<JsonElement?> ProcesVerbalAsync() => (await anonymous.GetFromJsonAsync<List<JsonElement>>(publicPath))!
            .Cast<JsonElement?>().SingleOrDefault(published => published!.Value.GetProperty("kind").GetString() == "draw-record");

        var first = (await Eventually.ReturnsAsync(ProcesVerbalAsync, published => published is not null,
            because: "documents should publish the procès-verbal once the panel is drawn"))!.Value;
        var id = first.GetProperty("documentId").GetGuid();
        var markdown = await anonymous.GetStringAsync($"{publicPath}/{id}.md");
        var sortitionText = await anonymous.GetStringAsync($"/api/sortition/draws/{draw}/record.md");
        var now = DateTimeOffset.UtcNow;
        var leaving = record.Members!.First(member => record.Replace(member, "declined", now).Substitute is not null);
        var replaced = await scenario.Secretariat.PostAsJsonAsync($"/api/sortition/bodies/{Body}/draws/{draw}/replacements",
            new { leaving, reason = "declined" });
        var second = (await Eventually.ReturnsAsync(ProcesVerbalAsync, published => published?.GetProperty("version").GetInt32() == 2,
            because: "a replacement should publish the procès-verbal's next version"))!.Value;
        var afterReplacement = await anonymous.GetStringAsync($"{publicPath}/{id}.md");
        var pdf = await anonymous.GetAsync($"{publicPath}/{id}.pdf");

        Assert.Equal(sortitionText, markdown);
        Assert.Contains(record.Commitment, markdown);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(markdown))),
            first.GetProperty("fingerprint").GetString());
        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        Assert.Equal(id, second.GetProperty("documentId").GetGuid());
        Assert.DoesNotContain("### Replacements", markdown);
        Assert.Contains($"| {leaving} |", afterReplacement);
        Assert.Equal(await anonymous.GetStringAsync($"/api/sortition/draws/{draw}/record.md"), afterReplacement);
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Minutes_belong_to_a_session_of_their_promotion_and_are_listed_with_it_once_published()
    {
        var (promotion, atelier, _) = await AteliersAsync();
        var startsAt = DateTimeOffset.UtcNow.AddDays(3);
        var planned = await DocumentsSecretariat.PostAsJsonAsync($"/api/sessions/bodies/{Body}/promotions/{promotion}/sessions", new
        {
            kind = "plenary",
            title = "Plénière de décembre",
            agenda = new[] { new { title = "Accueil", speakers = new[] { "Secrétariat" }, documentIds = Array.Empty<Guid>() } },
            place = new { address = "Hôtel de Ville, 75004 Paris", room = "Salle des fêtes", access = "Rivoli" },
            startsAt,
            endsAt = startsAt.AddHours(3),
            guests = Array.Empty<object>(),
            @public = true,
        });
        Assert.Equal(HttpStatusCode.Created, planned.StatusCode);
        var session = (await planned.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        object MinutesOf(Guid? sessionId, Guid? atelierId) => new
        {
            kind = "minutes",
            promotionId = promotion,
            atelierId,
            sessionId,
            title = "Compte rendu de la plénière de décembre",
            sections = new[] { new { heading = "Présents", markdown = "Quarante-deux membres." } },
        };

        var withoutSession = await DocumentsSecretariat.PostAsJsonAsync(Documents(), MinutesOf(null, null));
        var unknownSession = await DocumentsSecretariat.PostAsJsonAsync(Documents(), MinutesOf(Guid.NewGuid(), null));
        var otherGroup = await DocumentsSecretariat.PostAsJsonAsync(Documents(), MinutesOf(session, atelier));
        var minutes = await StartAsync(DocumentsSecretariat, MinutesOf(session, null));
        var view = await DocumentsSecretariat.GetFromJsonAsync<JsonElement>(Documents($"/{minutes}"));
        await DocumentsSecretariat.PostAsJsonAsync(Documents($"/{minutes}/paper-vote"), new { @for = 30, against = 0, abstention = 2 });
        Assert.Equal(HttpStatusCode.Created, (await DocumentsSecretariat.PostAsync(Documents($"/{minutes}/publication"), null)).StatusCode);
        var ofSession = await Fixture.Gateway().GetFromJsonAsync<List<JsonElement>>(
            $"/api/documents/bodies/{Body}/published?sessionId={session}");
        var ofAnother = await Fixture.Gateway().GetFromJsonAsync<List<JsonElement>>(
            $"/api/documents/bodies/{Body}/published?sessionId={Guid.NewGuid()}");

        Assert.Equal(HttpStatusCode.BadRequest, withoutSession.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, unknownSession.StatusCode);
        Assert.Contains("Unknown session", await unknownSession.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, otherGroup.StatusCode);
        Assert.Equal(session, view.GetProperty("document").GetProperty("sessionId").GetGuid());
        var published = Assert.Single(ofSession!);
        Assert.Equal(minutes, published.GetProperty("documentId").GetGuid());
        Assert.Equal(session, published.GetProperty("sessionId").GetGuid());
        Assert.Empty(ofAnother!);
    }

    [Fact]
    public async Task Every_route_refuses_the_wrong_role_and_the_wrong_body()
    {
        var (promotion, atelier, members) = await AteliersAsync();
        var document = await StartAsync(Writer(members[0]), Voeu(promotion, atelier));
        var amendment = Guid.NewGuid();
        var secretariatOnly = new (HttpMethod Method, string Path, object? Body)[]
        {
            (HttpMethod.Put, Documents($"/{document}/co-authors/someone"), new { role = "x" }),
            (HttpMethod.Post, Documents($"/{document}/paper-vote"), new { @for = 1, against = 0, abstention = 0 }),
            (HttpMethod.Post, Documents($"/{document}/amendments/{amendment}/decision"), new { decision = "accepted" }),
            (HttpMethod.Post, Documents($"/{document}/publication"), null),
            (HttpMethod.Post, Documents($"/{document}/submission"), new { councilSession = "2027-03-10", reference = "2027 V 1" }),
            (HttpMethod.Post, Documents($"/{document}/council-outcome"), new { outcome = "rejected", decidedOn = "2027-03-11" }),
            (HttpMethod.Post, Documents($"/{document}/evaluation-missions"), new { title = "t", memberIds = new[] { amendment },
                startsOn = "2028-01-01" }),
            (HttpMethod.Put, Documents($"/{document}/evaluation-missions/{amendment}/report"), new { reportDocumentId = document }),
        };
        var departments = new (HttpMethod Method, string Path, object? Body)[]
        {
            (HttpMethod.Post, Documents($"/{document}/commitments"), new { title = "t", department = "d" }),
            (HttpMethod.Post, Documents($"/{document}/commitments/{amendment}/updates"), new { status = "done", note = "n" }),
        };
        var participants = new (HttpMethod Method, string Path, object? Body)[]
        {
            (HttpMethod.Post, Documents(), Voeu(promotion, atelier)),
            (HttpMethod.Get, Documents(), null),
            (HttpMethod.Get, Documents($"/{document}"), null),
            (HttpMethod.Put, Documents($"/{document}"), new { title = "t", sections = new[] { new { heading = "h", markdown = "m" } } }),
            (HttpMethod.Get, Documents($"/{document}/versions"), null),
            (HttpMethod.Get, Documents($"/{document}/diff?from=1&to=1"), null),
            (HttpMethod.Get, Documents($"/{document}/history"), null),
            (HttpMethod.Post, Documents($"/{document}/amendments"), new { section = 1, operation = "delete", motivation = "m" }),
            (HttpMethod.Get, Documents($"/{document}/amendments"), null),
            (HttpMethod.Post, Documents($"/{document}/amendments/{amendment}/withdrawal"), null),
            (HttpMethod.Get, Documents($"/{document}/attachments"), null),
            (HttpMethod.Get, Documents($"/{document}/attachments/{amendment}"), null),
            (HttpMethod.Post, Documents($"/{document}/attachments?name=a.csv"), "a,b"),
        };
        var otherBody = new[] { "another-body" };
        var refusals = new (HttpClient Client, (HttpMethod Method, string Path, object? Body)[] Requests)[]
        {
            (Writer(members[0]), [.. secretariatOnly, .. departments]),
            (Fixture.Gateway("exec-1", ["executive"], [Body]), secretariatOnly),
            (Fixture.Gateway("guarantor-1", ["guarantor"], [Body]), [.. secretariatOnly, .. participants, .. departments]),
            (Fixture.Gateway("secretary-9", ["secretariat"], otherBody), [.. secretariatOnly, .. participants, .. departments]),
            (Fixture.Gateway("exec-9", ["executive"], otherBody), departments),
            (Fixture.Gateway(members[0].ToString(), ["member"], otherBody), participants),
        };

        foreach (var (client, requests) in refusals)
        {
            foreach (var (method, path, body) in requests)
            {
                var response = await client.SendAsync(new HttpRequestMessage(method, path)
                {
                    Content = body is null ? null : JsonContent.Create(body)
                });
                Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{method} {path}: {response.StatusCode}");
            }
        }
        var anonymous = await Fixture.Gateway().PostAsJsonAsync(Documents(), Voeu(promotion, atelier));
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }
}
