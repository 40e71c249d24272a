namespace Aspire.Hosting.ApplicationModel;

public sealed class EndpointAnnotation(string name, string scheme, string transport, int? targetPort, int? port)
{
    public string Name { get; } = name;

    public string Scheme { get; } = scheme;

    /// <summary>http, http2 (gRPC over cleartext HTTP/2) or tcp.</summary>
    public string Transport { get; set; } = transport;

    /// <summary>The port the workload listens on once deployed.</summary>
    public int? TargetPort { get; set; } = targetPort;

    /// <summary>A fixed local port for run mode (the gateway's, say); otherwise one is chosen.</summary>
    public int? Port { get; set; } = port;

    public bool IsExternal { get; set; }

    /// <summary>Run mode: the loopback port of each replica.</summary>
    internal List<int> AllocatedPorts { get; } = [];
}

public enum EndpointProperty
{
    Url,
    Host,
    Port,
    TargetPort,
}

public sealed class EndpointReference(Resource resource, string endpointName)
{
    public Resource Resource { get; } = resource;

    public string EndpointName { get; } = endpointName;

    public EndpointAnnotation Endpoint => Resource.Endpoints.SingleOrDefault(e => e.Name == EndpointName)
        ?? throw new InvalidOperationException($"Resource '{Resource.Name}' has no endpoint '{EndpointName}'.");

    public IValueProvider Property(EndpointProperty property) => new EndpointValue(this, property, 0);

    /// <summary>The URL of one replica, in run mode.</summary>
    public IValueProvider Url(int replica) => new EndpointValue(this, EndpointProperty.Url, replica);

    public int GetPort(int replica = 0) => Endpoint.AllocatedPorts.Count > replica
        ? Endpoint.AllocatedPorts[replica]
        : throw new InvalidOperationException($"The endpoint '{EndpointName}' of '{Resource.Name}' has no port yet.");

    private sealed class EndpointValue(EndpointReference endpoint, EndpointProperty property, int replica) : IValueProvider
    {
        public string ValueExpression =>
            $"{{{endpoint.Resource.Name}.bindings.{endpoint.EndpointName}.{property.ToString().ToLowerInvariant() switch { "targetport" => "targetPort", var p => p }}}}";

        public ValueTask<string?> GetValueAsync(CancellationToken cancellationToken = default) => ValueTask.FromResult<string?>(property switch
        {
            EndpointProperty.Url => $"{endpoint.Endpoint.Scheme}://127.0.0.1:{endpoint.GetPort(replica)}",
            EndpointProperty.Host => "127.0.0.1",
            _ => endpoint.GetPort(replica).ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
    }
}
