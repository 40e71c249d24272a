using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Assemblee.SystemTests.Infrastructure;

namespace Assemblee.SystemTests;

/// <summary>Source lists as a city exports them, through the gateway: character sets, progress, the size limit.</summary>
[Collection(SystemCollection.Name)]
public sealed class SourceListImportTests(SystemFixture system)
{
    private readonly SortitionScenario _scenario = new(system, BodyEventsTests.UniqueBodyId());

    private HttpClient Gateway => system.Gateway("secretary-1", ["secretariat"], [_scenario.Body]);

    private string Lists(Guid draw) => $"/api/sortition/bodies/{_scenario.Body}/draws/{draw}/lists";

    [Fact]
    public async Task Lists_declared_as_Windows_1252_or_Latin_1_keep_their_accents_on_the_letters()
    {
        var draw = await _scenario.CreateDrawAsync();
        var windows1252 = CodePagesEncodingProvider.Instance.GetEncoding(1252)!;
        var electoral = SortitionScenario.SourceList("E", 300).Replace(",Nom", ",Cœur", StringComparison.Ordinal);
        var citizenCard = SortitionScenario.SourceList("CC", 100).Replace(",Nom", ",Müller", StringComparison.Ordinal);

        var fromWindows = await PutAsync(draw, "electoral", windows1252.GetBytes(electoral), "text/csv; charset=windows-1252");
        var fromLatin1 = await PutAsync(draw, "citizen-card", Encoding.Latin1.GetBytes(citizenCard), "text/csv; charset=ISO-8859-1");
        Assert.Equal(HttpStatusCode.OK, fromWindows.StatusCode);
        Assert.Equal(HttpStatusCode.OK, fromLatin1.StatusCode);
        var invitations = await Gateway.PostAsJsonAsync($"/api/sortition/bodies/{_scenario.Body}/draws/{draw}/invitations",
            new { seed = "accents" });
        Assert.Equal(HttpStatusCode.OK, invitations.StatusCode);

        var letters = await _scenario.LettersAsync(draw);
        Assert.Equal(80, letters.Count);
        Assert.All(letters, letter => Assert.StartsWith("Prénom", letter.GetProperty("givenName").GetString(), StringComparison.Ordinal));
        Assert.All(letters.Where(letter => letter.GetProperty("seatGroup").GetString() == "electoral-list"),
            letter => Assert.StartsWith("Cœur", letter.GetProperty("familyName").GetString(), StringComparison.Ordinal));
        Assert.All(letters.Where(letter => letter.GetProperty("seatGroup").GetString() == "citizen-card"),
            letter => Assert.StartsWith("Müller", letter.GetProperty("familyName").GetString(), StringComparison.Ordinal));
        var statuses = await Gateway.GetFromJsonAsync<List<JsonElement>>(Lists(draw));
        Assert.Equal(["windows-1252", "iso-8859-1"], statuses!.Select(status => status.GetProperty("charset").GetString()));
    }

    [Fact]
    public async Task A_list_that_is_not_UTF_8_and_declares_nothing_is_refused_naming_its_first_bad_line()
    {
        var draw = await _scenario.CreateDrawAsync();
        var csv = SortitionScenario.SourceList("E", 50);

        var undeclared = await PutAsync(draw, "electoral", Encoding.Latin1.GetBytes(csv), "text/csv");
        var unsupported = await PutAsync(draw, "electoral", Encoding.UTF8.GetBytes(csv), "text/csv; charset=shift_jis");
        var withBom = await PutAsync(draw, "electoral", [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv)], "text/csv");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, undeclared.StatusCode);
        var problem = await undeclared.Content.ReadFromJsonAsync<JsonElement>();
        Assert.StartsWith("line 2: not valid UTF-8", problem.GetProperty("errors")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, unsupported.StatusCode);
        Assert.Equal("application/problem+json", unsupported.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, withBom.StatusCode);
        Assert.Equal(50, (await withBom.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("rows").GetInt32());
    }

    [Fact]
    public async Task The_secretariat_sees_an_import_progress_while_the_list_arrives()
    {
        var draw = await _scenario.CreateDrawAsync();
        var csv = Encoding.UTF8.GetBytes(SortitionScenario.SourceList("E", 20_000));
        var list = $"{Lists(draw)}/electoral";

        // Sent in 12 parts a quarter of a second apart, without a length, as a browser streams a file.
        var upload = PutAsync(draw, "electoral", new ChunkedContent(csv, parts: 12, TimeSpan.FromMilliseconds(250)));
        var seen = new List<JsonElement>();
        while (!upload.IsCompleted)
        {
            seen.Add(await Gateway.GetFromJsonAsync<JsonElement>(list));
            await Task.Delay(100);
        }

        Assert.Equal(HttpStatusCode.OK, (await upload).StatusCode);
        var running = seen.Where(status => status.GetProperty("state").GetString() == "running").ToList();
        Assert.Contains(running, status => status.GetProperty("rowsRead").GetInt32() is > 0 and < 20_000);
        Assert.True(running.Select(status => status.GetProperty("bytesReceived").GetInt64()).Distinct().Count() >= 2, "progress moved");
        var done = await Gateway.GetFromJsonAsync<JsonElement>(list);
        Assert.Equal("imported", done.GetProperty("state").GetString());
        Assert.Equal(20_000, done.GetProperty("rowsImported").GetInt32());
        Assert.Equal(csv.Length, done.GetProperty("bytesReceived").GetInt64());
    }

    [Fact]
    public async Task A_list_over_the_limit_gets_413_whether_its_length_is_announced_or_not_and_the_list_in_place_stays()
    {
        var draw = await _scenario.CreateDrawAsync();
        Assert.Equal(HttpStatusCode.OK, (await PutAsync(draw, "electoral", Encoding.UTF8.GetBytes(SortitionScenario.SourceList("E", 500)),
            "text/csv")).StatusCode);
        // 600 MB announced, waiting for "100 Continue" as curl does with large bodies: refused before a byte is sent.
        // Sent without a length: refused once past the limit.
        using var announced = new HttpRequestMessage(HttpMethod.Put, $"{Lists(draw)}/electoral")
        {
            Content = new StreamContent(new RepeatedRows(600_000_000)),
        };
        announced.Content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        announced.Content.Headers.ContentLength = 600_000_000;
        announced.Headers.ExpectContinue = true;
        var tooLarge = SystemFixture.MaxListBytes + (4 * 1024 * 1024);
        var refusedAtOnce = await Gateway.SendAsync(announced);
        var refusedOnTheWay = await PutAsync(draw, "electoral", new ChunkedContent(new RepeatedRows(tooLarge).ReadAll(), parts: 4,
            TimeSpan.Zero));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, refusedAtOnce.StatusCode);
        Assert.Equal("application/problem+json", refusedAtOnce.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, refusedOnTheWay.StatusCode);
        var status = await Gateway.GetFromJsonAsync<JsonElement>($"{Lists(draw)}/electoral");
        Assert.Equal("too-large", status.GetProperty("state").GetString());
        Assert.Equal(500, status.GetProperty("rowsInPlace").GetInt32());
        Assert.Equal(500L, await system.ScalarAsync<long>("sortitiondb", $"SELECT count(*) FROM list_rows_{draw:N}_0 WHERE line > $1", 0));
    }

    private Task<HttpResponseMessage> PutAsync(Guid draw, string list, byte[] body, string contentType)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return PutAsync(draw, list, content);
    }

    private async Task<HttpResponseMessage> PutAsync(Guid draw, string list, HttpContent content)
    {
        using (content)
        {
            return await Gateway.PutAsync($"{Lists(draw)}/{list}", content);
        }
    }

    /// <summary>A list of the given size, generated as it is read: a header, then the same row again and again.</summary>
    private sealed class RepeatedRows(long size) : Stream
    {
        private static readonly byte[] Header = "id,family_name,given_name,birth_date,sex,address,postcode\n"u8.ToArray();
        private static readonly byte[] Row = "X1,Nom,Prénom,1980-01-01,F,1 rue X,75011\n"u8.ToArray();
        private long _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => size;

        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public byte[] ReadAll()
        {
            var all = new byte[size];
            ReadExactly(all);
            return all;
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var written = 0;
            while (written < count && _position < size)
            {
                var (source, at) = _position < Header.Length
                    ? (Header, (int)_position)
                    : (Row, (int)((_position - Header.Length) % Row.Length));
                var take = (int)Math.Min(Math.Min(source.Length - at, count - written), size - _position);
                Array.Copy(source, at, buffer, offset + written, take);
                (written, _position) = (written + take, _position + take);
            }
            return written;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
