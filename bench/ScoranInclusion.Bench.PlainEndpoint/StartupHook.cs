using System.Diagnostics;
using Microsoft.Extensions.Hosting;
using ScoranInclusion.Bench.PlainEndpoint;

/// <summary>
/// Loaded by the runtime into the server's process when the bench starts it with
/// <c>DOTNET_STARTUP_HOOKS=…/ScoranInclusion.Bench.PlainEndpoint.dll</c> (bench/ScoranInclusion.Bench/HttpLoad/BenchServer.cs):
/// when the server's host is being built (the hosting's "HostBuilding" diagnostic event, the one
/// WebApplicationFactory uses), it adds the start-up filter that answers <see cref="PlainNearestSitesEndpoint.Path"/>.
/// The server itself is started exactly as in production: same Program.cs, same composition.
/// </summary>
#pragma warning disable CA1050 // The runtime looks for a type named StartupHook in no namespace.
internal static class StartupHook
#pragma warning restore CA1050
{
    public static void Initialize() => DiagnosticListener.AllListeners.Subscribe(new ListenerObserver());

    private sealed class ListenerObserver : IObserver<DiagnosticListener>
    {
        public void OnNext(DiagnosticListener value)
        {
            if (value.Name == "Microsoft.Extensions.Hosting")
            {
                value.Subscribe(new HostingObserver());
            }
        }

        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }
    }

    private sealed class HostingObserver : IObserver<KeyValuePair<string, object?>>
    {
        public void OnNext(KeyValuePair<string, object?> value)
        {
            if (value.Key == "HostBuilding" && value.Value is IHostBuilder builder)
            {
                builder.ConfigureServices(services => services.AddPlainNearestSites());
            }
        }

        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }
    }
}
