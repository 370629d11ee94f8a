using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using ScoranInclusion.Server.Tests.Support;

namespace ScoranInclusion.Server.Tests;

/// <summary>The server never logs a citizen's position or search text, whatever the request.</summary>
public sealed class PrivacyTests
{
    [Fact]
    public async Task Positions_and_search_texts_never_reach_the_logs()
    {
        var sink = new CollectingLoggerProvider();
        using var server = new ScoranServerFactory();
        // Everything ASP.NET Core and EF Core can say about a request, so that each request is logged about.
        server.Settings["Logging:LogLevel:Default"] = "Debug";
        server.Settings["Logging:LogLevel:Microsoft.AspNetCore"] = "Debug";
        using var factory = server.WithWebHostBuilder(b =>
            b.ConfigureServices(s => s.AddSingleton<ILoggerProvider>(sink)));
        using var client = factory.CreateClient();
        int AboutGraphQL() => sink.Messages.Count(m => m.Contains("/graphql", StringComparison.Ordinal));
        var startUp = AboutGraphQL();

        const string query = "query($lat: Float!, $s: String!) { nearestSites(near: { point: { latitude: $lat, longitude: 5.0412345 } }) { edges { cursor } } communes(search: $s) { nom } }";
        // Each request really ran with the position and the text: searched (places found, no commune for the text) or refused with a code.
        await AssertSearched(await client.GetAsync("/graphql?query=" + Uri.EscapeDataString(query) + "&variables=" + Uri.EscapeDataString("""{"lat":47.3212345,"s":"quetigny-secret"}""")), "nearestSites");
        await AssertSearched(await client.PostAsync("/graphql", ErrorsTests.Json(new { query, variables = new { lat = 47.3212345, s = "quetigny-secret" } })), "nearestSites");
        await AssertRefused(await client.PostAsync("/graphql", ErrorsTests.Json(new { query, variables = new { lat = 247.3212345, s = "quetigny-secret" } })), "INVALID_COORDINATES");

        const string sessions = "query($lat: Float!) { upcomingSessions(near: { point: { latitude: $lat, longitude: 5.0412345 } }) { edges { cursor } } nextVisits(near: { point: { latitude: $lat, longitude: 5.0412345 } }) { startsAt } }";
        await AssertSearched(await client.PostAsync("/graphql", ErrorsTests.Json(new { query = sessions, variables = new { lat = 47.3212345 } })), "upcomingSessions");
        await AssertRefused(await client.PostAsync("/graphql", ErrorsTests.Json(new { query = sessions, variables = new { lat = 147.3212345 } })), "INVALID_COORDINATES");

        // The requests themselves were logged about (not only the start-up)…
        Assert.True(AboutGraphQL() - startUp >= 5, $"journal des requêtes absent ({AboutGraphQL() - startUp} lignes sur /graphql)");
        // …and none of it carries the position or the text.
        Assert.DoesNotContain(sink.Messages, m => m.Contains("47.3212345", StringComparison.Ordinal) || m.Contains("5.0412345", StringComparison.Ordinal)
            || m.Contains("3212345", StringComparison.Ordinal) || m.Contains("0412345", StringComparison.Ordinal));
        Assert.DoesNotContain(sink.Messages, m => m.Contains("quetigny-secret", StringComparison.Ordinal));
    }

    /// <summary>200, no error, and <paramref name="field"/> answered with at least one result.</summary>
    private static async Task AssertSearched(HttpResponseMessage response, string field)
    {
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode} : {text}");
            var body = System.Text.Json.Nodes.JsonNode.Parse(text)!;
            Assert.True(body["errors"] is null, text);
            Assert.True(body["data"]![field]!["edges"]!.AsArray().Count > 0, $"aucun résultat pour {field} : {text}");
            if (body["data"]!["communes"] is { } communes)
            {
                Assert.Empty(communes.AsArray());
            }
        }
    }

    /// <summary>The position was read and refused with <paramref name="code"/> (not a parse error nor a 5xx).</summary>
    private static async Task AssertRefused(HttpResponseMessage response, string code)
    {
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode} : {text}");
            var codes = System.Text.Json.Nodes.JsonNode.Parse(text)!["errors"]!.AsArray().Select(e => e!["extensions"]?["code"]?.GetValue<string>()).ToList();
            Assert.Contains(code, codes);
        }
    }

    private const string Latitude = "47.3212345";
    private const string Longitude = "5.0412345";
    private const string SearchText = "quetigny-secret";

    /// <summary>The widget's search, named as a client would name it; a position and a text.</summary>
    private const string WidgetSearch = """
        query RechercheWidget($lat: Float!, $lon: Float!, $s: String!) {
          nearestSites(near: { point: { latitude: $lat, longitude: $lon }, radiusKm: 40 }, first: 5,
                       filter: { services: [AIDE_AUX_DEMARCHES_ADMINISTRATIVES] }) { edges { distanceMeters node { nom } } }
          communes(search: $s, first: 3) { nom }
        }
        """;

    [Fact]
    public async Task Spans_metrics_and_logs_exported_carry_the_operation_name_but_never_a_position_nor_a_search_text()
    {
        var spans = new List<Activity>();
        var metrics = new List<MetricSnapshot>();
        var logs = new ConcurrentQueue<string>();
        using var server = new ScoranServerFactory();
        // Everything ASP.NET Core and EF Core can say, to be sure that none of it leaks.
        server.Settings["Logging:LogLevel:Default"] = "Debug";
        server.Settings["Logging:LogLevel:Microsoft.AspNetCore"] = "Debug";
        using var factory = server.WithWebHostBuilder(b => b.ConfigureServices(s =>
        {
            s.ConfigureOpenTelemetryTracerProvider(t => t.AddInMemoryExporter(spans));
            s.ConfigureOpenTelemetryMeterProvider(m => m.AddInMemoryExporter(metrics));
            s.ConfigureOpenTelemetryLoggerProvider(l => l.AddProcessor(new LogCapture(logs)));
            s.Configure<OpenTelemetryLoggerOptions>(o =>
            {
                o.IncludeFormattedMessage = true;
                o.IncludeScopes = true;
            });
        }));
        using var client = factory.CreateClient();

        // GET with the values in the document itself (they are in the address), POST with variables.
        var inline = $$"""
            query RechercheWidget {
              nearestSites(near: { point: { latitude: {{Latitude}}, longitude: {{Longitude}} }, radiusKm: 40 }, first: 5,
                           filter: { services: [AIDE_AUX_DEMARCHES_ADMINISTRATIVES] }) { edges { distanceMeters node { nom } } }
              communes(search: "{{SearchText}}", first: 3) { nom }
            }
            """;
        using (var get = await client.GetAsync("/graphql?operationName=RechercheWidget&query=" + Uri.EscapeDataString(inline)))
        {
            Assert.Equal(HttpStatusCode.OK, get.StatusCode);
            Assert.DoesNotContain("\"errors\"", await get.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using (var post = await client.PostAsync("/graphql", ErrorsTests.Json(new
        {
            query = WidgetSearch,
            operationName = "RechercheWidget",
            variables = new { lat = double.Parse(Latitude, System.Globalization.CultureInfo.InvariantCulture), lon = double.Parse(Longitude, System.Globalization.CultureInfo.InvariantCulture), s = SearchText },
        })))
        {
            Assert.Equal(HttpStatusCode.OK, post.StatusCode);
        }

        // The page without JavaScript takes its search in the address too.
        using (var page = await client.GetAsync("/lieux?commune=21231&q=" + SearchText))
        {
            Assert.True(page.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest, page.StatusCode.ToString());
        }

        factory.Services.GetRequiredService<MeterProvider>().ForceFlush();
        factory.Services.GetRequiredService<TracerProvider>().ForceFlush();

        // The operation is there, by name and type, on the request's span and in the counter.
        var graphqlSpans = spans.Where(a => Equals(a.GetTagItem("graphql.operation.name"), "RechercheWidget")).ToList();
        Assert.Equal(2, graphqlSpans.Count);
        Assert.All(graphqlSpans, a => Assert.Equal("query", a.GetTagItem("graphql.operation.type")));
        Assert.All(graphqlSpans, a => Assert.Equal("ok", a.GetTagItem("scoran.graphql.outcome")));
        Assert.Contains(spans, a => a.OperationName == "scoran.search.nearest_sites" && Equals(a.GetTagItem("scoran.search.filter"), "services+rayon"));
        Assert.Contains(spans, a => a.GetTagItem("http.route") is "/lieux");
        var operations = metrics.Single(m => m.Name == "scoran.graphql.operations");
        Assert.Contains(operations.MetricPoints, p => Tags(p).Contains("graphql.operation.name=RechercheWidget") && p.GetSumLong() == 2);
        Assert.Contains(metrics, m => m.Name == "scoran.search.duration");
        Assert.Contains(metrics, m => m.Name == "http.server.request.duration");

        // …and nothing of what the person gave, anywhere.
        Assert.DoesNotContain(spans, a => a.GetTagItem("url.query") is not null);
        var spanTexts = spans.Select(SpanText).ToList();
        var metricTexts = metrics.SelectMany(m => m.MetricPoints.Select(p => m.Name + " " + string.Join(' ', Tags(p)))).ToList();
        Assert.NotEmpty(logs);
        foreach (var (kind, texts) in new[] { ("span", spanTexts), ("mesure", metricTexts), ("journal", logs.ToList()) })
        {
            Assert.DoesNotContain(texts, t => t.Contains(Latitude, StringComparison.Ordinal) || t.Contains(Longitude, StringComparison.Ordinal)
                || t.Contains("3212345", StringComparison.Ordinal) || t.Contains("0412345", StringComparison.Ordinal));
            Assert.False(texts.Any(t => t.Contains(SearchText, StringComparison.Ordinal)), kind + " : texte recherché trouvé");
        }
    }

    private static List<string> Tags(MetricPoint point)
    {
        var tags = new List<string>();
        foreach (var tag in point.Tags)
        {
            tags.Add($"{tag.Key}={tag.Value}");
        }

        return tags;
    }

    private static string SpanText(Activity activity) =>
        string.Join(' ', new[] { activity.DisplayName, activity.OperationName, activity.StatusDescription ?? "" }
            .Concat(activity.TagObjects.Select(t => $"{t.Key}={t.Value}"))
            .Concat(activity.Events.SelectMany(e => e.Tags.Select(t => $"{e.Name} {t.Key}={t.Value}")))
            .Concat(activity.Baggage.Select(b => $"{b.Key}={b.Value}")));

    /// <summary>Each exported log record as text: message, template values, scopes.</summary>
    private sealed class LogCapture(ConcurrentQueue<string> lines) : BaseProcessor<LogRecord>
    {
        public override void OnEnd(LogRecord data)
        {
            var parts = new List<string> { data.CategoryName ?? "", data.FormattedMessage ?? "", data.Body ?? "", data.Exception?.ToString() ?? "" };
            foreach (var attribute in data.Attributes ?? [])
            {
                parts.Add($"{attribute.Key}={attribute.Value}");
            }

            data.ForEachScope((scope, _) =>
            {
                foreach (var item in scope)
                {
                    parts.Add($"{item.Key}={item.Value}");
                }
            }, (object?)null);
            lines.Enqueue(string.Join(' ', parts));
        }
    }
}
