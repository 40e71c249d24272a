using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Aspire.Hosting.Dashboard;

/// <summary>
/// The developers' dashboard: every resource with its state, health, restarts and addresses, and its console
/// output. Bound to loopback only: it shows logs, which must not leave the machine.
/// </summary>
internal sealed class DashboardHost(WebApplication app, string url) : IAsyncDisposable
{
    public string Url { get; } = url;

    public static async Task<DashboardHost> StartAsync(DistributedApplication application, int port, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, IsFree(port) ? port : 0));
        var app = builder.Build();
        app.MapGet("/", () => Results.Content(Page, "text/html; charset=utf-8"));
        // Parameters are left out: most are secrets.
        app.MapGet("/api/resources", () => application.Resources.Where(r => r is not ApplicationModel.ParameterResource).Select(resource =>
        {
            var snapshot = application.ResourceNotifications.Get(resource.Name);
            return new
            {
                resource.Name,
                Type = resource.GetType().Name.Replace("Resource", "", StringComparison.Ordinal),
                snapshot.State,
                snapshot.IsHealthy,
                snapshot.Restarts,
                snapshot.Urls,
                snapshot.Error,
            };
        }));
        app.MapGet("/api/resources/{name}/logs", (string name) =>
            application.Resources.Any(r => r.Name == name)
                ? Results.Ok(application.GetResourceLogs(name).TakeLast(1000))
                : Results.NotFound());
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()
            .Features.Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()!.Addresses.First();
        return new DashboardHost(app, address);
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (System.Net.Sockets.SocketException)
        {
            return false;
        }
    }

    private const string Page = """
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><title>Assemblée — resources</title>
        <style>
          body { font: 14px system-ui, sans-serif; margin: 1.5rem; color: #1b1b1b; }
          table { border-collapse: collapse; width: 100%; } th, td { text-align: left; padding: .35rem .6rem; border-bottom: 1px solid #ddd; }
          .ok { color: #0a7a32; } .bad { color: #b3261e; } .wait { color: #8a6d00; } tr { cursor: pointer; } tr:hover { background: #f4f6fb; }
          pre { background: #111; color: #e8e8e8; padding: .8rem; height: 45vh; overflow: auto; font-size: 12px; }
          .err { color: #ff8a80; }
        </style></head>
        <body><h1>Assemblée resources</h1>
        <table><thead><tr><th>Name</th><th>Type</th><th>State</th><th>Health</th><th>Restarts</th><th>Addresses</th></tr></thead><tbody id="rows"></tbody></table>
        <h2 id="title">Console output — click a resource</h2><pre id="logs"></pre>
        <script>
        let selected = null;
        const esc = s => String(s ?? '').replace(/[&<>"]/g, c => ({'&':'&amp;','<':'&lt;','>':'&gt;','"':'&quot;'}[c]));
        async function refresh() {
          const resources = await (await fetch('api/resources')).json();
          document.getElementById('rows').innerHTML = resources.map(r => `<tr onclick="select('${esc(r.name)}')">
            <td>${esc(r.name)}</td><td>${esc(r.type)}</td>
            <td class="${r.state === 'Running' ? 'ok' : r.state === 'FailedToStart' || r.state === 'Exited' ? 'bad' : 'wait'}">${esc(r.state)}${r.error ? ' — ' + esc(r.error) : ''}</td>
            <td class="${r.isHealthy ? 'ok' : 'wait'}">${r.isHealthy ? 'Healthy' : '—'}</td><td>${r.restarts}</td>
            <td>${r.urls.map(u => u.startsWith('http') ? `<a href="${esc(u)}">${esc(u)}</a>` : esc(u)).join('<br>')}</td></tr>`).join('');
          if (selected) {
            const lines = await (await fetch(`api/resources/${encodeURIComponent(selected)}/logs`)).json();
            const pre = document.getElementById('logs');
            const atBottom = pre.scrollTop + pre.clientHeight >= pre.scrollHeight - 5;
            pre.innerHTML = lines.map(l => `<span class="${l.isError ? 'err' : ''}">${esc(l.text)}</span>`).join('\n');
            if (atBottom) pre.scrollTop = pre.scrollHeight;
          }
        }
        function select(name) { selected = name; document.getElementById('title').textContent = 'Console output — ' + name; refresh(); }
        refresh(); setInterval(refresh, 2000);
        </script></body></html>
        """;
}
