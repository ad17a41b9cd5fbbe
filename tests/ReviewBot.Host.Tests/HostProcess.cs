using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;

namespace ReviewBot.Host.Tests;

/// <summary>The built service binary as its own process, for what an in-process host cannot show: a stop, a start,
/// a kill -9 in between, and what it prints.</summary>
public sealed class HostProcess : IAsyncDisposable
{
    private const string Banner = "ReviewBot is running";

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output;
    public HttpClient Client { get; }

    /// <summary>Standard output and error, line by line, as the service printed them.</summary>
    public IReadOnlyList<string> Output => [.. _output];

    private HostProcess(Process process, ConcurrentQueue<string> output, Uri address)
    {
        _process = process;
        _output = output;
        Client = new HttpClient { BaseAddress = address };
        Client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ReviewBotApp.TestAdminKey);
    }

    /// <summary>Starts the service with <see cref="ReviewBotApp.TestAdminKey"/> as its admin key and waits for its
    /// banner and <c>/healthz</c>.</summary>
    /// <param name="settings">More command-line settings, e.g. <c>--WebChat:Enabled=true</c>.</param>
    public static async Task<HostProcess> StartAsync(string dataDirectory, string environment = "Testing", params string[] settings)
    {
        var address = new Uri($"http://127.0.0.1:{FreePort()}");
        var (process, output) = Launch(dataDirectory, environment,
            ["--urls", address.ToString(), "--Admin:ApiKey", ReviewBotApp.TestAdminKey, .. settings]);
        var host = new HostProcess(process, output, address);
        for (var attempt = 0; attempt < 300; attempt++)
        {
            try
            {
                if (output.Any(line => line.StartsWith(Banner, StringComparison.Ordinal))
                    && (await host.Client.GetAsync("/healthz")).StatusCode == HttpStatusCode.OK)
                {
                    return host;
                }
            }
            catch (HttpRequestException)
            {
            }
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The service exited with code {process.ExitCode} while starting:\n{string.Join('\n', output)}");
            }
            await Task.Delay(100);
        }
        throw new TimeoutException("The service did not print its banner and answer /healthz within 30 s.");
    }

    /// <summary>Runs the service with exactly the given settings (no admin key unless they name one) until it exits
    /// by itself, as it does when it refuses to start.</summary>
    public static async Task<(int ExitCode, IReadOnlyList<string> Output)> RunUntilExitAsync(string dataDirectory, string environment,
        params string[] settings)
    {
        var (process, output) = Launch(dataDirectory, environment, ["--urls", $"http://127.0.0.1:{FreePort()}", .. settings]);
        using (process)
        {
            try
            {
                await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
            }
            finally
            {
                if (!process.HasExited)
                {
                    process.Kill();
                }
            }
            // The last lines are read after the exit, so wait for the end of both streams.
            process.WaitForExit();
            return (process.ExitCode, [.. output]);
        }
    }

    private static (Process, ConcurrentQueue<string>) Launch(string dataDirectory, string environment, string[] settings)
    {
        var start = new ProcessStartInfo("dotnet",
            [Path.Combine(AppContext.BaseDirectory, "ReviewBot.dll"), "--environment", environment, "--Storage:DataDirectory", dataDirectory, .. settings])
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
        return (process, output);
    }

    /// <summary>SIGKILL: no shutdown code runs, nothing is flushed.</summary>
    public async Task KillAsync()
    {
        _process.Kill();
        await _process.WaitForExitAsync();
    }

    /// <summary>SIGTERM: the orderly stop a service manager sends.</summary>
    public async Task StopAsync()
    {
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString()]))
        {
            await kill.WaitForExitAsync();
        }
        await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            await KillAsync();
        }
        Client.Dispose();
        _process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
