using System.Text.Json;
using Assemblee.Contracts;
using Assemblee.Contracts.Sortition.V1;
using Assemblee.Tests.Infrastructure;
using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Net.Client;

namespace Assemblee.Tests.System;

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

        var found = await PythonCallAsync(target, id);
        var missing = await PythonCallAsync(target, "nobody-here");

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

        var reply = await new Health.HealthClient(channel).CheckAsync(new HealthCheckRequest(), deadline: DateTime.UtcNow.AddSeconds(10));

        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, reply.Status);
    }

    [Fact]
    public async Task A_gRPC_call_over_HTTP_1_1_is_refused()
    {
        using var http = new HttpClient();
        using var content = new ByteArrayContent([0, 0, 0, 0, 0]);
        content.Headers.ContentType = new("application/grpc");

        var response = await http.PostAsync(new Uri(system.App.GetEndpoint("membership", "http"), "/assemblee.membership.v1.Membership/GetBody"), content);

        Assert.False(response.IsSuccessStatusCode);
    }

    private static async Task<JsonElement> PythonCallAsync(string target, string bodyId)
    {
        var (exitCode, output, error) = await ProcessRunner.RunAsync("/usr/bin/env",
            [$"ASSEMBLEE_PROTOS={Path.Combine(Paths.Root, "services", "Contracts", "Protos")}", ProcessRunner.Python,
             Path.Combine(AppContext.BaseDirectory, "Interop", "grpc_interop.py"), "call", target, bodyId],
            TimeSpan.FromSeconds(60));
        Assert.True(exitCode == 0, error);
        return JsonDocument.Parse(output).RootElement.Clone();
    }
}
