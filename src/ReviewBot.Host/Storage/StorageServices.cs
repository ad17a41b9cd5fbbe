using Microsoft.Extensions.Options;
using ReviewBot.Assignments;
using ReviewBot.Host.Configuration;
using ReviewBot.Quality;
using ReviewBot.Reviewers;
using ReviewBot.Storage;
using ReviewBot.Tasks;
using StackExchange.Redis;

namespace ReviewBot.Host.Storage;

public static class StorageServices
{
    /// <summary>Real Redis when ConnectionStrings:Redis is set; otherwise the embedded Garnet under Storage:DataDirectory.</summary>
    public static IServiceCollection AddReviewBotStorage(this IServiceCollection services)
    {
        services.AddOptions<StorageOptions>().BindConfiguration("Storage").ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp =>
        {
            var configuration = sp.GetRequiredService<IConfiguration>();
            var storage = sp.GetRequiredService<IOptions<StorageOptions>>().Value;
            return StoreConnection.OpenAsync(configuration.GetConnectionString("Redis"), storage.DataDirectory).GetAwaiter().GetResult();
        });
        services.AddSingleton<IConnectionMultiplexer>(sp => sp.GetRequiredService<StoreConnection>().Redis);
        services.AddSingleton<IBatchStore, RedisBatchStore>();
        services.AddSingleton<IAdjudications, RedisAdjudications>();
        services.AddSingleton<IScreenings, RedisScreenings>();
        services.AddSingleton<IReviewerStore, RedisReviewerStore>();
        services.AddSingleton<IAssignmentStore>(sp => new Observability.MeasuredAssignmentStore(new RedisAssignmentStore(sp.GetRequiredService<IConnectionMultiplexer>())));
        services.AddHostedService<StoreStartup>();
        return services;
    }

    /// <summary>Opens the store as the service starts, so a wrong connection string or a locked data directory
    /// stops the service at once with its reason, not at the first request.</summary>
    private sealed class StoreStartup(StoreConnection store, ILogger<StoreStartup> logger) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            logger.LogInformation("Store: {Store}", store.Description);
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
