using System.Buffers.Binary;
using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Assemblee.Contracts;
using Assemblee.Contracts.Sortition.V1;
using Assemblee.SystemTests.Infrastructure;
using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Net.Client;

namespace Assemblee.SystemTests;

[Collection(SystemCollection.Name)]
public sealed class GrpcTests(SystemFixture system)
{
    [Fact]
    public async Task Other_bodies_stream_the_drawing_bodies_from_sortition_through_the_gateway()
    {
        var events = new BodyEventsTests(system);
        var id = BodyEventsTests.UniqueBodyId();
        await events.RegisterAsync(id);
        await events.WaitUntilSortitionListsAsync(id);
        using var channel = GrpcChannel.ForAddress(system.App.GetEndpoint("gateway", "grpc"));
        var client = new Contracts.Sortition.V1.Sortition.SortitionClient(channel);

        using var call = client.ListBodies(new ListBodiesRequest(), deadline: DateTime.UtcNow.AddSeconds(10));
        var bodies = await call.ResponseStream.ReadAllAsync().ToListAsync();

        Assert.Contains(bodies, b => b.Id == id && b.Name == "Conseil " + id);
        Assert.Equal(bodies.Select(b => b.Id).Order(StringComparer.Ordinal), bodies.Select(b => b.Id));
        Assert.Equal(StatusCode.OK, call.GetStatus().StatusCode);
    }

    [Fact]
    public async Task Python_grpcio_calls_our_server_and_receives_both_a_body_and_a_NOT_FOUND_status()
    {
        var events = new BodyEventsTests(system);
        var id = BodyEventsTests.UniqueBodyId();
        await events.RegisterAsync(id);
        var target = system.App.GetEndpoint("membership", "grpc").Authority;

        var found = await PythonAsync("call", target, id);
        var missing = await PythonAsync("call", target, "nobody-here");

        Assert.Equal("OK", found.GetProperty("code").GetString());
        Assert.Equal("Conseil " + id, found.GetProperty("name").GetString());
        Assert.Equal("NOT_FOUND", missing.GetProperty("code").GetString());
        Assert.Equal("No body 'nobody-here'.", missing.GetProperty("details").GetString());
    }

    [Theory]
    [MemberData(nameof(GatewayTests.Services), MemberType = typeof(GatewayTests))]
    public async Task Every_service_serves_the_standard_gRPC_health_check(string service)
    {
        using var channel = GrpcChannel.ForAddress(system.App.GetEndpoint(service, "grpc"));

        var health = new Health.HealthClient(channel);

        var server = await health.CheckAsync(new HealthCheckRequest(), deadline: DateTime.UtcNow.AddSeconds(10));
        var named = await health.CheckAsync(new HealthCheckRequest { Service = service }, deadline: DateTime.UtcNow.AddSeconds(10));

        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, server.Status);
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, named.Status);
    }

    [Fact]
    public async Task A_gRPC_call_over_HTTP_1_1_is_refused()
    {
        using var http = new HttpClient();
        using var content = new ByteArrayContent([0, 0, 0, 0, 0]);
        content.Headers.ContentType = new("application/grpc");

        var response = await http.PostAsync(new Uri(system.App.GetEndpoint("membership", "http"),
            "/assemblee.membership.v1.Membership/GetBody"), content);

        Assert.False(response.IsSuccessStatusCode);
    }

    [Fact]
    public async Task Python_grpcio_calls_the_public_services_through_the_gateway_and_directly()
    {
        var events = new BodyEventsTests(system);
        var id = BodyEventsTests.UniqueBodyId();
        await events.RegisterAsync(id);
        await events.WaitUntilSortitionListsAsync(id);

        foreach (var target in new[] { Authority("gateway"), Authority("sortition") })
        {
            var bodies = await PythonAsync("bodies", target);

            Assert.Equal("OK", bodies.GetProperty("code").GetString());
            Assert.Contains(id, bodies.GetProperty("ids").EnumerateArray().Select(body => body.GetString()));
        }
    }

    [Fact]
    public async Task Python_grpcio_gets_INVALID_ARGUMENT_for_malformed_ids_and_NOT_FOUND_for_well_formed_unknown_ones()
    {
        var gateway = Authority("gateway");

        var notUuid = await PythonAsync("record", gateway, "not-a-draw");
        var empty = await PythonAsync("record", gateway, "");
        var unknown = await PythonAsync("record", gateway, Guid.NewGuid().ToString());
        var badBody = await PythonAsync("questions", gateway, "Not A Body!");
        var allBodies = await PythonAsync("questions", gateway, "");

        Assert.Equal("INVALID_ARGUMENT", notUuid.GetProperty("code").GetString());
        Assert.Contains("draw_id", notUuid.GetProperty("details").GetString());
        Assert.Equal("INVALID_ARGUMENT", empty.GetProperty("code").GetString());
        Assert.Equal("NOT_FOUND", unknown.GetProperty("code").GetString());
        Assert.Equal("INVALID_ARGUMENT", badBody.GetProperty("code").GetString());
        Assert.Contains("body_id", badBody.GetProperty("details").GetString());
        Assert.Equal("OK", allBodies.GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_request_that_is_not_a_message_of_its_type_gets_INVALID_ARGUMENT_not_UNKNOWN()
    {
        // Not protobuf at all; a field cut short; a string field holding bytes that are not UTF-8 (body_id, draw_id: the first
        // field of each request but the status's, which has none).
        const string NotUtf8 = "0a03c32841";
        string[] unreadable = ["ffffffff", "0a05616263", NotUtf8];
        // A token every method lets in, so that each one reads its request: one method of each gRPC service class.
        var caller = system.Token("reader", ["service", "secretariat"], ["paris-assembly"]);
        (string Target, string Method, string Kind)[] calls =
        [
            (Authority("gateway"), "/assemblee.sortition.v1.Sortition/GetDrawRecord", "unary"),
            (Authority("gateway"), "/assemblee.veille.v1.Veille/ListQuestions", "stream"),
            (Authority("sortition"), "/assemblee.sortition.v1.DrawnPeople/GetDrawnPeople", "unary"),
            (Authority("sortition"), "/assemblee.sortition.v1.InvitationLetters/ListInvitationLetters", "stream"),
            (Authority("membership"), "/assemblee.membership.v1.Membership/GetBody", "unary"),
            (Authority("membership"), "/assemblee.membership.v1.MemberContacts/GetContacts", "unary"),
            (Authority("sessions"), "/assemblee.sessions.v1.Sessions/GetSession", "unary"),
            (Authority("documents"), "/assemblee.documents.v1.Documents/GetDocument", "unary"),
            (Authority("veille"), "/assemblee.common.v1.ServiceStatus/GetStatus", "unary"),
        ];

        foreach (var (target, method, kind) in calls)
        {
            foreach (var bytes in unreadable.Where(bytes => bytes != NotUtf8 || !method.EndsWith("/GetStatus", StringComparison.Ordinal)))
            {
                var answer = await PythonAsync("raw", target, method, bytes, kind, caller);

                Assert.True(answer.GetProperty("code").GetString() == "INVALID_ARGUMENT", $"{method} {bytes}: {answer}");
                Assert.Contains("is not a valid", answer.GetProperty("details").GetString());
            }
        }
        // A readable message still reaches the method, which checks its fields.
        var empty = await PythonAsync("raw", Authority("gateway"), "/assemblee.sortition.v1.Sortition/GetDrawRecord", "", "unary");
        Assert.Equal("INVALID_ARGUMENT", empty.GetProperty("code").GetString());
        Assert.Contains("draw_id", empty.GetProperty("details").GetString());
    }

    [Fact]
    public async Task A_compressed_request_that_does_not_decompress_gets_INTERNAL_and_one_that_does_is_read()
    {
        using var http = new HttpClient();
        var method = new Uri(system.App.GetEndpoint("gateway", "grpc"), "/assemblee.sortition.v1.Sortition/GetDrawRecord");
        using var gzipped = new MemoryStream();
        await using (new GZipStream(gzipped, CompressionLevel.Fastest))
        {
            // An empty message, compressed.
        }

        var (notGzip, notGzipMessage) = await SendCompressedAsync(http, method, "abc"u8.ToArray());
        var (gzip, gzipMessage) = await SendCompressedAsync(http, method, gzipped.ToArray());

        Assert.Equal(((int)StatusCode.Internal).ToString(CultureInfo.InvariantCulture), notGzip);
        Assert.Contains("could not be decompressed (gzip)", notGzipMessage);
        // Decompressed, the empty message reaches the method, which checks its field.
        Assert.Equal(((int)StatusCode.InvalidArgument).ToString(CultureInfo.InvariantCulture), gzip);
        Assert.Contains("draw_id", gzipMessage);
    }

    /// <summary>One gRPC frame flagged as compressed with gzip, written by hand: what a client's library would not send.</summary>
    private static async Task<(string Status, string Message)> SendCompressedAsync(HttpClient http, Uri method, byte[] payload)
    {
        var frame = new byte[5 + payload.Length];
        frame[0] = 1;
        BinaryPrimitives.WriteInt32BigEndian(frame.AsSpan(1), payload.Length);
        payload.CopyTo(frame, 5);
        using var request = new HttpRequestMessage(HttpMethod.Post, method)
        {
            // gRPC's cleartext HTTP/2, with no upgrade from HTTP/1.1.
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent(frame),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/grpc");
        request.Headers.TE.Add(new TransferCodingWithQualityHeaderValue("trailers"));
        request.Headers.Add("grpc-encoding", "gzip");
        using var response = await http.SendAsync(request);
        await response.Content.ReadAsByteArrayAsync();
        // A refusal before any message comes as trailers only: the status is then among the headers.
        string Read(string name) => Uri.UnescapeDataString(
            (response.TrailingHeaders.TryGetValues(name, out var trailer) ? trailer : response.Headers.GetValues(name)).Single());
        return (Read("grpc-status"), Read("grpc-message"));
    }

    [Fact]
    public async Task Python_grpcio_lists_a_services_gRPC_services_by_reflection()
    {
        var listed = await PythonAsync("reflect", Authority("sortition"));

        var services = listed.GetProperty("services").EnumerateArray().Select(service => service.GetString()).ToList();
        Assert.Contains("assemblee.sortition.v1.Sortition", services);
        Assert.Contains("grpc.health.v1.Health", services);
    }

    [Fact]
    public async Task A_gRPC_caller_without_the_right_token_gets_a_gRPC_status_not_an_HTTP_error()
    {
        var member = system.Token("member-1", ["member"], ["paris-assembly"]);

        foreach (var target in new[] { Authority("gateway"), Authority("sortition") })
        {
            var anonymous = await PythonAsync("designate", target);
            var wrongRole = await PythonAsync("designate", target, member);

            Assert.Equal("UNAUTHENTICATED", anonymous.GetProperty("code").GetString());
            Assert.Equal("PERMISSION_DENIED", wrongRole.GetProperty("code").GetString());
        }
    }

    [Fact]
    public async Task A_refused_gRPC_call_is_answered_in_gRPC_trailers_with_HTTP_200()
    {
        using var http = new HttpClient
        {
            DefaultRequestVersion = global::System.Net.HttpVersion.Version20,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact
        };
        using var content = new ByteArrayContent([0, 0, 0, 0, 0]);
        content.Headers.ContentType = new("application/grpc");

        var response = await http.PostAsync(new Uri(system.App.GetEndpoint("sortition", "grpc"),
            "/assemblee.sortition.v1.Sortition/DesignateSubstitute"), content);

        Assert.Equal(global::System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("16", response.Headers.GetValues("grpc-status").Single());
    }

    private string Authority(string resource) => system.App.GetEndpoint(resource, "grpc").Authority;

    internal static async Task<JsonElement> PythonAsync(params string[] arguments)
    {
        var (exitCode, output, error) = await ProcessRunner.RunAsync("/usr/bin/env",
            [$"ASSEMBLEE_PROTOS={Path.Combine(Paths.Root, "services", "Contracts", "Protos")}", ProcessRunner.Python,
             Path.Combine(AppContext.BaseDirectory, "Interop", "grpc_interop.py"), .. arguments],
            TimeSpan.FromSeconds(60));
        Assert.True(exitCode == 0, error);
        return JsonDocument.Parse(output).RootElement.Clone();
    }
}
