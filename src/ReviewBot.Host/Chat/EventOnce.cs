using System.Text.Json;
using ReviewBot.Conversations.Chat;
using ReviewBot.Storage;
using StackExchange.Redis;

namespace ReviewBot.Host.Chat;

/// <summary>
/// Platforms send an event again when they doubt it arrived (Slack after 3 s, the Bot Framework on a timeout, a page
/// that lost its connection). An event with an id runs once, on whichever instance gets it first; a repeat gets the
/// first run's answer and sets off nothing (no second reminder, no second announcement). While the first run is still
/// going, a repeat waits for it.
/// </summary>
public sealed class EventOnce(IConnectionMultiplexer redis, ILogger<EventOnce> logger) : IEventOnce
{
    private const string Running = "running";

    /// <summary>How long a repeat is answered from the first result: longer than any platform keeps retrying.</summary>
    private static readonly TimeSpan Remembered = TimeSpan.FromHours(24);

    /// <summary>A run that has not finished in this time died with its instance: a repeat may then run the event.</summary>
    private static readonly TimeSpan RunAtMost = TimeSpan.FromSeconds(30);

    public async Task<T> RunAsync<T>(string? eventId, Func<Task<T>> turn, CancellationToken cancellationToken)
    {
        if (eventId is null)
        {
            return await turn();
        }
        var db = redis.GetDatabase();
        var key = RedisKeys.Event(eventId);
        while (!await db.StringSetAsync(key, Running, RunAtMost, When.NotExists))
        {
            var seen = await db.StringGetAsync(key);
            if (seen.HasValue && seen != Running)
            {
                logger.LogInformation("Event {EventId} came again; answered from its first run.", eventId);
                return JsonSerializer.Deserialize<T>(seen.ToString(), ReviewBotJson.Options)!;
            }
            await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken);
        }
        try
        {
            var result = await turn();
            await db.StringSetAsync(key, JsonSerializer.Serialize(result, ReviewBotJson.Options), Remembered);
            return result;
        }
        catch
        {
            // A turn that failed did not happen: the platform's retry should run it again.
            await db.KeyDeleteAsync(key);
            throw;
        }
    }
}
