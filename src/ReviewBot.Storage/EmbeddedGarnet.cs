using System.Net;
using System.Net.Sockets;
using Garnet;
using Microsoft.Extensions.Logging;

namespace ReviewBot.Storage;

/// <summary>
/// A Garnet server inside this process, so the service runs on a bare machine with no Redis installed. Its
/// append-only log is committed on every write and Garnet waits for that commit before it answers
/// (<c>--aof-commit-wait</c>): without the wait it acknowledges before the log reaches the disk, and an answer a
/// clinician saw as "recorded" could be lost to a crash. <c>--device-type RandomAccess</c> avoids libaio, which
/// Debian 12 lacks.
/// </summary>
public sealed class EmbeddedGarnet : IDisposable
{
    private readonly GarnetServer _server;

    public int Port { get; }
    public string ConnectionString => $"127.0.0.1:{Port}";

    private EmbeddedGarnet(GarnetServer server, int port)
    {
        _server = server;
        Port = port;
    }

    public static EmbeddedGarnet Start(string dataDirectory, ILoggerFactory? loggerFactory = null)
    {
        var directory = Path.GetFullPath(dataDirectory);
        Directory.CreateDirectory(directory);
        var port = FreeLoopbackPort();
        string[] args =
        [
            "--bind", "127.0.0.1", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--lua", "--aof", "--aof-commit-freq", "0", "--aof-commit-wait", "true",
            "--recover", "--checkpointdir", directory, "--device-type", "RandomAccess", "-q",
        ];
        var server = new GarnetServer(args, loggerFactory);
        server.Start();
        return new EmbeddedGarnet(server, port);
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose() => _server.Dispose();
}
