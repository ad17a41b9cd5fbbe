using System.Net;
using System.Net.Sockets;
using Garnet;

namespace ReviewBot.Storage;

/// <summary>
/// A Garnet server inside this process, so the service runs on a bare machine with no Redis installed. Its
/// append-only log is committed on every write and Garnet waits for that commit before it answers
/// (<c>--aof-commit-wait</c>): without the wait it acknowledges before the log reaches the disk, and an answer a
/// clinician saw as "recorded" could be lost to a crash. Garnet runs Lua scripts from different connections side by
/// side unless <c>--lua-transaction-mode</c> is on; with it, a script holds locks on its KEYS until it ends, so two
/// connections never both take the last slot of a task (Redis gets the same by running one script at a time).
/// <c>--device-type RandomAccess</c> avoids libaio, which Debian 12 lacks.
/// </summary>
public sealed class EmbeddedGarnet : IDisposable
{
    private readonly GarnetServer _server;
    private readonly FileStream _lock;

    public int Port { get; }
    public string ConnectionString => $"127.0.0.1:{Port}";

    private EmbeddedGarnet(GarnetServer server, FileStream directoryLock, int port)
    {
        _server = server;
        _lock = directoryLock;
        Port = port;
    }

    public static EmbeddedGarnet Start(string dataDirectory)
    {
        var directory = Path.GetFullPath(dataDirectory);
        Directory.CreateDirectory(directory);
        var directoryLock = LockDirectory(directory);
        var port = FreeLoopbackPort();
        string[] args =
        [
            "--bind", "127.0.0.1", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--lua", "--lua-transaction-mode", "true", "--aof", "--aof-commit-freq", "0", "--aof-commit-wait", "true",
            "--recover", "--checkpointdir", directory, "--device-type", "RandomAccess", "-q", "--logger-level", "Warning",
        ];
        try
        {
            // Garnet logs through its own console logger at Warning: its start-up information would bury the service's own lines.
            var server = new GarnetServer(args);
            server.Start();
            return new EmbeddedGarnet(server, directoryLock, port);
        }
        catch
        {
            directoryLock.Dispose();
            throw;
        }
    }

    /// <summary>Two Garnet servers appending to one log would corrupt it; the second process is stopped with why.</summary>
    private static FileStream LockDirectory(string directory)
    {
        try
        {
            return new FileStream(Path.Combine(directory, "reviewbot.lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            throw new InvalidOperationException(
                $"The embedded store in {directory} is in use by another ReviewBot process (is the service running?). " +
                "Stop it, use the admin API of the running service, or point both at one Redis server with ConnectionStrings:Redis.");
        }
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        _server.Dispose();
        _lock.Dispose();
    }
}
