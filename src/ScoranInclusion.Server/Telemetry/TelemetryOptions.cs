using Microsoft.Extensions.Options;
using ScoranInclusion.Domain.Configuration;

namespace ScoranInclusion.Server.Telemetry;

public enum TelemetryExporter
{
    /// <summary>Spans as they end, metrics every <see cref="TelemetryOptions.MetricsIntervalSeconds"/>, on the standard output (the logs are already there).</summary>
    Console,

    /// <summary>Spans, metrics and logs to an OpenTelemetry collector (<see cref="TelemetryOptions.OtlpEndpoint"/>).</summary>
    Otlp,

    /// <summary>Nothing exported.</summary>
    None,
}

public enum OtlpProtocol
{
    Grpc,
    Http,
}

/// <summary>Bound from the <c>Telemetry</c> section.</summary>
public sealed class TelemetryOptions
{
    public const string Section = "Telemetry";

    [NamedValue]
    public TelemetryExporter Exporter { get; set; } = TelemetryExporter.Console;

    /// <summary>The collector's address (by default the OpenTelemetry one: http://localhost:4317 in gRPC, http://localhost:4318 in HTTP).</summary>
    [HttpAddress("http://127.0.0.1:4317")]
    public string? OtlpEndpoint { get; set; }

    [NamedValue]
    public OtlpProtocol OtlpProtocol { get; set; } = OtlpProtocol.Grpc;

    /// <summary>How often metrics are exported, in seconds (also once at shutdown).</summary>
    [Positive]
    public int MetricsIntervalSeconds { get; set; } = 60;
}
