using System.Diagnostics;
using Assemblee.Contracts.Membership.V1;
using Assemblee.SystemTests.Infrastructure;
using Grpc.Core;
using Grpc.Net.Client;

namespace Assemblee.SystemTests;

/// <summary>Our gRPC client against a Python grpcio server (Debian's python3-grpcio).</summary>
public sealed class GrpcClientInteropTests : IAsyncLifetime
{
    private Process _server = null!;
    private GrpcChannel _channel = null!;

    public async Task InitializeAsync()
    {
        var port = new global::System.Net.Sockets.TcpListener(global::System.Net.IPAddress.Loopback, 0);
        port.Start();
        var number = ((global::System.Net.IPEndPoint)port.LocalEndpoint).Port;
        port.Stop();
        var info = new ProcessStartInfo(ProcessRunner.Python)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
            Environment = { ["ASSEMBLEE_PROTOS"] = Path.Combine(Paths.Root, "services", "Contracts", "Protos") },
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Interop", "grpc_interop.py"));
        info.ArgumentList.Add("serve");
        info.ArgumentList.Add(number.ToString(global::System.Globalization.CultureInfo.InvariantCulture));
        _server = Process.Start(info)!;
        Assert.Equal("ready", await _server.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60)));
        _channel = GrpcChannel.ForAddress($"http://127.0.0.1:{number}");
    }

    public Task DisposeAsync()
    {
        _channel.Dispose();
        _server.StandardInput.Close();
        if (!_server.WaitForExit(5000))
        {
            _server.Kill(entireProcessTree: true);
        }
        _server.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task A_successful_call_returns_the_message()
    {
        var body = await new Membership.MembershipClient(_channel).GetBodyAsync(new GetBodyRequest { BodyId = "known" });

        Assert.Equal("Conseil des générations futures", body.Name);
    }

    [Fact]
    public async Task A_failed_call_raises_the_status_with_its_message_and_trailers()
    {
        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await new Membership.MembershipClient(_channel).GetBodyAsync(new GetBodyRequest { BodyId = "ghost" }));

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
        Assert.Equal("No body 'ghost' — inconnu", error.Status.Detail);
        Assert.Equal("unknown-body", error.Trailers.GetValue("reason"));
    }

    [Fact]
    public async Task A_call_past_its_deadline_fails_with_DeadlineExceeded_without_waiting_for_the_server()
    {
        var watch = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await new Membership.MembershipClient(_channel).GetBodyAsync(new GetBodyRequest { BodyId = "slow" },
                deadline: DateTime.UtcNow.AddMilliseconds(500)));

        Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(4), $"took {watch.Elapsed}");
    }

    [Fact]
    public async Task A_server_that_is_not_there_is_Unavailable()
    {
        using var nowhere = GrpcChannel.ForAddress("http://127.0.0.1:9");

        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await new Membership.MembershipClient(nowhere).GetBodyAsync(new GetBodyRequest { BodyId = "known" }));

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
    }
}
