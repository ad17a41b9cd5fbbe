using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace ReviewBot.Bench;

/// <summary>What the benchmarks that drive a server over loopback share: a server under test in its own process,
/// started until it says it is ready and killed after; free ports; percentiles; a load generator's HTTP client.</summary>
internal sealed class BenchProcess : IAsyncDisposable
{
    private readonly Process _process;

    private BenchProcess(Process process) => _process = process;

    /// <summary>Starts <paramref name="start"/> and waits until a line of its output contains <paramref name="ready"/>.</summary>
    public static async Task<BenchProcess> StartAsync(ProcessStartInfo start, string ready)
    {
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        var process = Process.Start(start)!;
        var started = new TaskCompletionSource();
        var lines = new List<string>();
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (lines) lines.Add(e.Data);
            if (e.Data.Contains(ready, StringComparison.Ordinal)) started.TrySetResult();
        };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (lines) lines.Add(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (await Task.WhenAny(started.Task, process.WaitForExitAsync(), Task.Delay(TimeSpan.FromSeconds(60))) != started.Task)
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{start.FileName} did not start:\n{string.Join('\n', lines)}");
        }
        return new BenchProcess(process);
    }

    /// <summary>CPU time the process has used so far (user and system, all threads): what a request costs it, whatever
    /// else the machine is doing.</summary>
    public TimeSpan CpuTime
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static double Percentile(double[] sorted, double p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

    public static HttpClient Client(int connections) => new(new SocketsHttpHandler
    {
        MaxConnectionsPerServer = connections,
        PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        UseProxy = false,
    })
    { Timeout = TimeSpan.FromSeconds(30) };

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}
