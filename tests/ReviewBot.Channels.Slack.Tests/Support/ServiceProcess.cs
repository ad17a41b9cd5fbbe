using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace ReviewBot.Channels.Slack.Tests.Support;

/// <summary>The built service binary as its own process with Slack on, for what an in-process host cannot show: a
/// kill -9 in the middle of sending, and a start on the same store after it.</summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output;

    public HttpClient Client { get; }
    public IReadOnlyList<string> Output => [.. _output];

    private ServiceProcess(Process process, ConcurrentQueue<string> output, Uri address)
    {
        _process = process;
        _output = output;
        Client = new HttpClient { BaseAddress = address };
        Client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", SlackService.AdminKey);
    }

    public static async Task<ServiceProcess> StartAsync(string dataDirectory, FakeSlack slack)
    {
        var address = new Uri($"http://127.0.0.1:{FreePort()}");
        var start = new ProcessStartInfo("dotnet",
        [
            Path.Combine(AppContext.BaseDirectory, "ReviewBot.dll"), "--environment", "Testing", "--urls", address.ToString(),
            "--Storage:DataDirectory", dataDirectory, "--Admin:ApiKey", SlackService.AdminKey,
            "--Slack:BotToken", "xoxb-test", "--Slack:SigningSecret", Signed.Secret, "--Slack:ApiBaseUrl", slack.ApiBase.AbsoluteUri,
            "--Scheduling:SweepSeconds", "1",
        ])
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
        var service = new ServiceProcess(process, output, address);
        for (var attempt = 0; attempt < 300; attempt++)
        {
            try
            {
                if ((await service.Client.GetAsync("/healthz")).StatusCode == HttpStatusCode.OK)
                {
                    return service;
                }
            }
            catch (HttpRequestException)
            {
            }
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The service exited while starting:\n{string.Join('\n', output)}");
            }
            await Task.Delay(100);
        }
        throw new TimeoutException("The service did not answer /healthz within 30 s.");
    }

    /// <summary>Runs the service with these settings until it exits by itself, as it does when it refuses to start;
    /// its exit code and everything it printed.</summary>
    public static async Task<(int ExitCode, string Output)> RunUntilExitAsync(params string[] settings)
    {
        var data = Path.Combine(Path.GetTempPath(), "rb-slack-refused-" + Guid.NewGuid().ToString("N"));
        var start = new ProcessStartInfo("dotnet",
        [
            Path.Combine(AppContext.BaseDirectory, "ReviewBot.dll"), "--environment", "Testing", "--urls", $"http://127.0.0.1:{FreePort()}",
            "--Storage:DataDirectory", data,
            "--Admin:ApiKey", SlackService.AdminKey, .. settings,
        ])
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        try
        {
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill();
            }
            if (Directory.Exists(data))
            {
                Directory.Delete(data, recursive: true);
            }
        }
        return (process.ExitCode, await output + await error);
    }

    /// <summary>SIGKILL: no shutdown code runs.</summary>
    public async Task KillAsync()
    {
        _process.Kill();
        await _process.WaitForExitAsync();
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
