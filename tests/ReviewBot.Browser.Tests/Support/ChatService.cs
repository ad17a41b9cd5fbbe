using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace ReviewBot.Browser.Tests.Support;

/// <summary>The built service binary as its own process, on a free port and a fresh data directory of its own. In
/// Development (the default here) it loads the demo batch and roster and turns the web chat on.</summary>
public sealed class ChatService : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _dataDirectory;
    private readonly ConcurrentQueue<string> _output;

    public Uri Address { get; }
    public HttpClient Http { get; }

    private ChatService(Process process, Uri address, string dataDirectory, ConcurrentQueue<string> output)
    {
        _process = process;
        _dataDirectory = dataDirectory;
        _output = output;
        Address = address;
        Http = new HttpClient { BaseAddress = address };
    }

    /// <summary>What the service printed, for a failure message.</summary>
    public string Output => string.Join(Environment.NewLine, _output.TakeLast(60));

    /// <param name="settings">More command-line settings, e.g. <c>--WebChat:Enabled=true</c>.</param>
    public static async Task<ChatService> StartAsync(string environment = "Development", params string[] settings)
    {
        var address = new Uri($"http://127.0.0.1:{FreePort()}");
        var dataDirectory = Path.Combine(Path.GetTempPath(), "rb-webchat-" + Guid.NewGuid().ToString("N"));
        var start = new ProcessStartInfo("dotnet",
            [Path.Combine(AppContext.BaseDirectory, "ReviewBot.dll"), "--urls", address.ToString(), "--environment", environment,
             "--Storage:DataDirectory", dataDirectory, .. settings])
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var output = new ConcurrentQueue<string>();
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) output.Enqueue(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) output.Enqueue(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var service = new ChatService(process, address, dataDirectory, output);
        // The banner comes after the demo data is loaded, so the roster is there once it is printed.
        for (var waited = TimeSpan.Zero; waited < TimeSpan.FromSeconds(60); waited += TimeSpan.FromMilliseconds(100))
        {
            if (output.Any(line => line.StartsWith("ReviewBot is running", StringComparison.Ordinal))
                && (await service.Http.GetAsync("/healthz")).StatusCode == HttpStatusCode.OK)
            {
                return service;
            }
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The service exited with code {process.ExitCode} while starting:\n{service.Output}");
            }
            await Task.Delay(100);
        }
        await service.DisposeAsync();
        throw new TimeoutException($"The service did not start within 60 s:\n{service.Output}");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        Http.Dispose();
        if (Directory.Exists(_dataDirectory))
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
