using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Assemblee.SystemTests.Infrastructure;

/// <summary>An OTLP/HTTP endpoint that keeps what services export, to check that telemetry leaves them.</summary>
public sealed class OtlpSink : IAsyncDisposable
{
    private readonly WebApplication _app;

    private OtlpSink(WebApplication app, string url)
    {
        _app = app;
        Url = url;
    }

    public string Url { get; }

    /// <summary>Export requests received, by signal (traces, metrics, logs), as raw protobuf bodies.</summary>
    public ConcurrentDictionary<string, ConcurrentBag<byte[]>> Received { get; } = new();

    public static async Task<OtlpSink> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        OtlpSink? sink = null;
        app.MapPost("/v1/{signal}", async (string signal, HttpRequest request) =>
        {
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body);
            sink!.Received.GetOrAdd(signal, _ => []).Add(body.ToArray());
            return Results.Bytes([], "application/x-protobuf");
        });
        await app.StartAsync();
        sink = new OtlpSink(app, app.Urls.First());
        return sink;
    }

    public bool HasReceived(string signal, string serviceName) =>
        Received.TryGetValue(signal, out var bodies) &&
        bodies.Any(body => body.AsSpan().IndexOf(global::System.Text.Encoding.UTF8.GetBytes(serviceName)) >= 0);

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
