using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using ScoranInclusion.Domain.Configuration;
using ScoranInclusion.Domain.Telemetry;

namespace ScoranInclusion.Server.Telemetry;

/// <summary>
/// OpenTelemetry traces and metrics: HTTP requests (with the GraphQL operation's name and type on the
/// span, never its text nor its variables), searches and imports; ASP.NET Core's and the runtime's
/// meters and ours. The exporter is <c>Telemetry:Exporter</c>: <c>console</c>, <c>otlp</c> or <c>none</c>.
/// The address's query (<c>url.query</c>: <c>/graphql?query=…</c>, <c>/lieux?q=…</c>) never reaches a span.
/// </summary>
public static class TelemetryExtensions
{
    /// <summary>Tags that may carry what a person typed or where they are: removed from every span.</summary>
    public static readonly IReadOnlySet<string> RedactedTags = new HashSet<string>(StringComparer.Ordinal)
    {
        "url.query", "url.full", "http.url", "http.target", "db.statement", "db.query.text",
    };

    /// <summary>
    /// The <c>Telemetry</c> section, bound and checked at start. Also called by the composition root of the verbs, which
    /// export only to a collector but refuse the configuration the server would refuse; twice is the same as once.
    /// </summary>
    public static IServiceCollection AddScoranTelemetryOptions(this IServiceCollection services)
    {
        services.AddOptions<TelemetryOptions>().BindConfiguration(TelemetryOptions.Section).ValidateOnStart();
        services.AddSettingRules<TelemetryOptions>(TelemetryOptions.Section);
        return services;
    }

    public static WebApplicationBuilder AddScoranTelemetry(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddScoranTelemetryOptions();
        // « Request starting GET /graphql?query=… » (Information) holds the query string: never logged,
        // whatever level the operator sets for Microsoft.AspNetCore.
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning);
        // JSON logs (Logging:Console:FormatterName=json) keep French letters readable (« prêt », not « pr\u00EAt »).
        builder.Services.Configure<Microsoft.Extensions.Logging.Console.JsonConsoleFormatterOptions>(o =>
            o.JsonWriterOptions = new System.Text.Json.JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

        // The exporter is chosen when the providers are built, after every configuration source (tests, command line).
        var otel = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("scoran-inclusion", serviceVersion: typeof(TelemetryExtensions).Assembly.GetName().Version?.ToString()));

        otel.WithTracing(tracing => tracing
            .AddSource(ScoranTelemetry.Name)
            .AddAspNetCoreInstrumentation(o =>
            {
                // Probes every few seconds are not worth a span (they stay counted in the request metrics).
                o.Filter = http => !(http.Request.Path.StartsWithSegments("/healthz") || http.Request.Path.StartsWithSegments("/readyz"));
                o.EnrichWithHttpRequest = (activity, _) => Redact(activity);
            })
            .AddProcessor(new RedactionProcessor())
            .Deferred<IDeferredTracerProviderBuilder>().Configure((services, b) =>
            {
                var options = Options(services);
                switch (options.Exporter)
                {
                    case TelemetryExporter.Console:
                        // Batched, off the request's path: a simple processor writes each span to the console under one lock,
                        // and every request then waits for the console (issue 22: a fifth of a search's time at 32 connections).
                        b.AddProcessor(new BatchActivityExportProcessor(new ConsoleActivityExporter(new ConsoleExporterOptions()), scheduledDelayMilliseconds: 1000));
                        break;
                    case TelemetryExporter.Otlp:
                        b.AddProcessor(new BatchActivityExportProcessor(new OtlpTraceExporter(OtlpOptions(options, "v1/traces"))));
                        break;
                }
            }));

        otel.WithMetrics(metrics => metrics
            .AddMeter(ScoranTelemetry.Name)
            .AddAspNetCoreInstrumentation()
            .AddRuntimeInstrumentation()
            .Deferred<IDeferredMeterProviderBuilder>().Configure((services, b) =>
            {
                var options = Options(services);
                BaseExporter<Metric>? exporter = options.Exporter switch
                {
                    TelemetryExporter.Console => new ConsoleMetricExporter(new ConsoleExporterOptions()),
                    TelemetryExporter.Otlp => new OtlpMetricExporter(OtlpOptions(options, "v1/metrics")),
                    _ => null,
                };
                if (exporter is not null)
                {
                    b.AddReader(new PeriodicExportingMetricReader(exporter, options.MetricsIntervalSeconds * 1000));
                }
            }));

        // The console logger already writes the logs (text or JSON): only OTLP gets them through OpenTelemetry.
        otel.WithLogging(logging => logging.Deferred<IDeferredLoggerProviderBuilder>().Configure((services, b) =>
        {
            var options = Options(services);
            if (options.Exporter == TelemetryExporter.Otlp)
            {
                b.AddProcessor(new BatchLogRecordExportProcessor(new OtlpLogExporter(OtlpOptions(options, "v1/logs"))));
            }
        }));
        return builder;
    }

    /// <summary>The builders of AddOpenTelemetry are deferred: configured once the services are built (the configuration is final then).</summary>
    private static T Deferred<T>(this object builder)
        where T : class =>
        builder as T ?? throw new InvalidOperationException("Le fournisseur OpenTelemetry n'accepte pas de configuration différée.");

    /// <summary>
    /// The options, or « nothing exported » when they do not bind or are refused (an unknown exporter, an address that
    /// is not one): the logger provider is built with the host, before the start-up checks, which then stop the server
    /// with a clear message.
    /// </summary>
    private static TelemetryOptions Options(IServiceProvider services)
    {
        try
        {
            return services.GetRequiredService<IOptions<TelemetryOptions>>().Value;
        }
        catch (Exception e) when (e is InvalidOperationException or OptionsValidationException)
        {
            return new TelemetryOptions { Exporter = TelemetryExporter.None };
        }
    }

    /// <summary>Removes the tags of <see cref="RedactedTags"/> from a span.</summary>
    public static void Redact(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        foreach (var tag in RedactedTags)
        {
            if (activity.GetTagItem(tag) is not null)
            {
                activity.SetTag(tag, null);
            }
        }
    }

    /// <param name="signalPath">Over HTTP, the signal's path after the collector's address (<c>v1/traces</c>…); gRPC has one address for all.</param>
    private static OtlpExporterOptions OtlpOptions(TelemetryOptions options, string signalPath)
    {
        var http = options.OtlpProtocol == OtlpProtocol.Http;
        var otlp = new OtlpExporterOptions { Protocol = http ? OtlpExportProtocol.HttpProtobuf : OtlpExportProtocol.Grpc };
        if (!string.IsNullOrWhiteSpace(options.OtlpEndpoint))
        {
            otlp.Endpoint = http ? new Uri(options.OtlpEndpoint.TrimEnd('/') + "/" + signalPath) : new Uri(options.OtlpEndpoint);
        }

        return otlp;
    }

    /// <summary>Last line of defence after every enrichment: a tag added later (a library's) is removed too.</summary>
    private sealed class RedactionProcessor : BaseProcessor<Activity>
    {
        public override void OnEnd(Activity data) => Redact(data);
    }
}
