using StackExchange.Redis;

namespace ReviewBot.Storage;

/// <summary>The Redis connection the service runs on: a real Redis (or Redis Cluster) when a connection string is
/// given, otherwise an embedded Garnet persisted under the data directory.</summary>
public sealed class StoreConnection : IAsyncDisposable
{
    private readonly EmbeddedGarnet? _garnet;

    public IConnectionMultiplexer Redis { get; }
    /// <summary>"garnet (embedded, ./data)" or "redis (host:port)", for the start-up line and /healthz.</summary>
    public string Description { get; }

    private StoreConnection(IConnectionMultiplexer redis, EmbeddedGarnet? garnet, string description)
    {
        Redis = redis;
        _garnet = garnet;
        Description = description;
    }

    public static async Task<StoreConnection> OpenAsync(string? connectionString, string dataDirectory)
    {
        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            var redis = await ConnectionMultiplexer.ConnectAsync(connectionString).ConfigureAwait(false);
            return new StoreConnection(redis, null, $"redis ({string.Join(", ", redis.GetEndPoints().Select(e => e.ToString()))})");
        }
        var garnet = EmbeddedGarnet.Start(dataDirectory);
        try
        {
            var redis = await ConnectionMultiplexer.ConnectAsync(garnet.ConnectionString).ConfigureAwait(false);
            return new StoreConnection(redis, garnet, $"embedded garnet ({Path.GetFullPath(dataDirectory)})");
        }
        catch
        {
            garnet.Dispose();
            throw;
        }
    }

    public async Task<bool> PingAsync()
    {
        try
        {
            await Redis.GetDatabase().PingAsync().ConfigureAwait(false);
            return true;
        }
        catch (RedisException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Redis.DisposeAsync().ConfigureAwait(false);
        _garnet?.Dispose();
    }
}
