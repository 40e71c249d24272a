namespace Aspire.Hosting;

public sealed class DistributedApplicationOptions
{
    public string[] Args { get; set; } = [];

    /// <summary>Ignore fixed ports (tests: two runs never collide).</summary>
    public bool RandomizePorts { get; set; }

    public bool DisableDashboard { get; set; }

    /// <summary>Echo every resource's output to the console, prefixed with its name.</summary>
    public bool EchoResourceLogs { get; set; } = true;

    /// <summary>Where data lives; a fresh temporary folder (deleted at stop) unless set.</summary>
    public string? StateDirectory { get; set; }

    /// <summary>Keep the state folder at stop so that data survives to the next run.</summary>
    public bool KeepState { get; set; }

    /// <summary>Where services send OpenTelemetry data (OTEL_EXPORTER_OTLP_ENDPOINT), if anywhere.</summary>
    public string? OtlpEndpoint { get; set; }

    public string OtlpProtocol { get; set; } = "grpc";

    public int DashboardPort { get; set; } = 18888;
}
