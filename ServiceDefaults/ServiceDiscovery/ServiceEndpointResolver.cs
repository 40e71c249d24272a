using Microsoft.Extensions.Configuration;

namespace Assemblee.ServiceDefaults.ServiceDiscovery;

/// <summary>
/// Resolves "scheme[+scheme]://[_endpoint.]service[:port]" from the Services:{service}:{endpoint}:{i} configuration
/// that the AppHost injects (services__sortition__http__0), as Microsoft.Extensions.ServiceDiscovery does: a named
/// endpoint is looked up by name; otherwise "default", then each scheme in order. Several addresses are used in
/// turn. A service with no configuration passes through to DNS, which is what Kubernetes services need.
/// </summary>
public sealed class ServiceEndpointResolver(IConfiguration configuration)
{
    private int _next;

    public Uri Resolve(Uri address)
    {
        var all = ResolveAll(address);
        return all[(int)((uint)Interlocked.Increment(ref _next) % all.Count)];
    }

    /// <summary>Every configured address of the service (one per replica), or the address itself for DNS.</summary>
    public IReadOnlyList<Uri> ResolveAll(Uri address)
    {
        var schemes = address.Scheme.Split('+');
        var (endpointName, serviceName) = address.Host.StartsWith('_') && address.Host.IndexOf('.') is > 1 and var dot
            ? (address.Host[1..dot], address.Host[(dot + 1)..])
            : (null, address.Host);
        var service = configuration.GetSection("Services").GetSection(serviceName);

        IEnumerable<string> sections = endpointName is not null ? [endpointName] : ["default", .. schemes];
        foreach (var name in sections)
        {
            var section = service.GetSection(name);
            var candidates = section.Value is { } single ? [single] : section.GetChildren().Select(c => c.Value).OfType<string>().ToList();
            var endpoints = candidates.Select(Parse).Where(uri => endpointName is not null || name == "default" || uri.Scheme == name).ToList();
            if (endpoints.Count > 0)
            {
                return [.. endpoints.Select(chosen => new UriBuilder(address) { Scheme = chosen.Scheme, Host = chosen.Host, Port = chosen.Port }.Uri)];
            }
        }
        return [schemes.Length == 1 ? address : new UriBuilder(address) { Scheme = schemes[^1] }.Uri];
    }

    private static Uri Parse(string value) => value.Contains("://", StringComparison.Ordinal) ? new Uri(value) : new Uri("http://" + value);
}

internal sealed class ServiceDiscoveryHandler(ServiceEndpointResolver resolver) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.RequestUri is { IsAbsoluteUri: true } uri)
        {
            request.RequestUri = resolver.Resolve(uri);
        }
        return base.SendAsync(request, cancellationToken);
    }
}
