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

/// <summary>What one load run measured; <see cref="CpuMs"/> is the server process's CPU per request, when known.</summary>
internal sealed record LoadRun(double PerSecond, double P50, double P99, int Failed, double CpuMs = 0);

/// <summary>A closed loop: <c>connections</c> senders, each sending the next body as soon as its last answer came, for a
/// warm-up and then the measured requests, each timed from its send (the body is made before the clock starts).</summary>
internal static class ClosedLoop
{
    public static async Task<LoadRun> RunAsync(int connections, int warmup, int measured, Func<byte[]> next, Func<HttpClient, byte[], Task<bool>> send,
        BenchProcess? server = null)
    {
        using var client = BenchProcess.Client(connections);
        await LoopAsync(client, connections, warmup, next, send, null);
        var latencies = new double[measured];
        var cpu = server?.CpuTime ?? TimeSpan.Zero;
        var started = Stopwatch.GetTimestamp();
        var failed = await LoopAsync(client, connections, measured, next, send, latencies);
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var cpuMs = server is null ? 0 : (server.CpuTime - cpu).TotalMilliseconds / measured;
        Array.Sort(latencies);
        return new LoadRun(measured / seconds, BenchProcess.Percentile(latencies, 0.50), BenchProcess.Percentile(latencies, 0.99), failed, cpuMs);
    }

    private static async Task<int> LoopAsync(HttpClient client, int connections, int count, Func<byte[]> next, Func<HttpClient, byte[], Task<bool>> send,
        double[]? latencies)
    {
        var index = -1;
        var failed = 0;
        await Task.WhenAll(Enumerable.Range(0, connections).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref index)) < count)
            {
                var body = next();
                var sent = Stopwatch.GetTimestamp();
                if (!await send(client, body))
                {
                    Interlocked.Increment(ref failed);
                }
                if (latencies is not null)
                {
                    latencies[i] = Stopwatch.GetElapsedTime(sent).TotalMilliseconds;
                }
            }
        })));
        return failed;
    }
}
