using Xunit;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using ReviewBot.Storage;
using StackExchange.Redis;

namespace ReviewBot.Testing;

/// <summary>A store under test: an embedded Garnet, or Debian's redis-server started for the test class.</summary>
public interface IRedisServer : IAsyncLifetime
{
    IConnectionMultiplexer Redis { get; }
    string Name { get; }
}

public sealed class EmbeddedGarnetServer : IRedisServer
{
    /// <summary>Garnet serves each connection on a pool thread of this process and, with <c>--aof-commit-wait</c>,
    /// holds that thread until the log commit is on disk. The service has one connection; a test with fifty needs more
    /// threads than the pool starts with (measured: timeouts with 40, none with 60), and the pool adds them slowly.</summary>
    private const int PoolThreads = 128;

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "rb-garnet-" + Guid.NewGuid().ToString("N"));
    private StoreConnection? _connection;

    public string Name => "garnet";
    public IConnectionMultiplexer Redis => _connection!.Redis;

    public async Task InitializeAsync()
    {
        ThreadPool.GetMinThreads(out var workers, out var completions);
        ThreadPool.SetMinThreads(Math.Max(workers, PoolThreads), completions);
        _connection = await StoreConnection.OpenAsync(null, _directory);
    }

    public async Task DisposeAsync()
    {
        await _connection!.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }
}

/// <summary>Debian's <c>redis-server</c> on a free loopback port, with the append-only log fsynced on every write
/// (the durable setting the README recommends). CI installs it; a missing binary fails the suite, never skips it.</summary>
public sealed class RedisServerProcess : IRedisServer
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "rb-redis-" + Guid.NewGuid().ToString("N"));
    private Process? _process;
    private ConnectionMultiplexer? _redis;

    public string Name => "redis-server";
    public IConnectionMultiplexer Redis => _redis!;
    public int Port { get; private set; }

    public static string Executable =>
        new[] { "/usr/bin/redis-server", "/usr/local/bin/redis-server" }.FirstOrDefault(File.Exists)
        ?? throw new InvalidOperationException("redis-server is not installed: run `apt-get install -y redis-server` (the README's test command does).");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        Port = FreePort();
        _process = Process.Start(new ProcessStartInfo(Executable,
            ["--port", Port.ToString(), "--bind", "127.0.0.1", "--dir", _directory, "--save", "", "--appendonly", "yes", "--appendfsync", "always"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        _process.OutputDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                _redis = await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{Port},allowAdmin=true,connectTimeout=500");
                return;
            }
            catch (RedisConnectionException) when (attempt < 40)
            {
                await Task.Delay(100);
            }
        }
    }

    public async Task DisposeAsync()
    {
        if (_redis is not null)
        {
            await _redis.DisposeAsync();
        }
        _process?.Kill(entireProcessTree: true);
        await (_process?.WaitForExitAsync() ?? Task.CompletedTask);
        Directory.Delete(_directory, recursive: true);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
