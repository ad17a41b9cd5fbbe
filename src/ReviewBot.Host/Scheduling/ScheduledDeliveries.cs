using System.Text.Json;
using System.Text.Json.Nodes;
using ReviewBot.Conversations.Chat;
using ReviewBot.Storage;
using StackExchange.Redis;

namespace ReviewBot.Host.Scheduling;

/// <summary>
/// Deliveries waiting for their time, in one Redis sorted set scored by due time (DESIGN §10), so they survive a
/// restart. Every instance sweeps it; an item belongs to the instance whose ZREM removed it, so each is sent once.
/// </summary>
public sealed class ScheduledDeliveries(IConnectionMultiplexer redis)
{
    private sealed record Item(string Id, string Kind, string Target, string? Card, JsonObject? Data, string? Text);

    public Task AddAsync(Reply reply, DateTimeOffset due, CancellationToken cancellationToken)
    {
        var item = reply switch
        {
            PostToChannel post => new Item(Guid.NewGuid().ToString("N"), "post", post.ConversationKey, post.Card, post.Data, null),
            DirectMessage message => new Item(Guid.NewGuid().ToString("N"), "message", message.UserKey, message.Card, message.Data, null),
            DirectText text => new Item(Guid.NewGuid().ToString("N"), "text", text.UserKey, null, null, text.Text),
            _ => throw new ArgumentException($"{reply.GetType().Name} cannot be scheduled.", nameof(reply)),
        };
        return redis.GetDatabase().SortedSetAddAsync(RedisKeys.Due, JsonSerializer.Serialize(item, ReviewBotJson.Options), due.ToUnixTimeMilliseconds());
    }

    /// <summary>Takes what is due (up to a page) and hands each item, claimed, to <paramref name="deliver"/>.</summary>
    public async Task<int> SweepAsync(DateTimeOffset now, Func<Reply, Task> deliver)
    {
        var db = redis.GetDatabase();
        var due = await db.SortedSetRangeByScoreAsync(RedisKeys.Due, double.NegativeInfinity, now.ToUnixTimeMilliseconds(), take: 100);
        var sent = 0;
        foreach (var member in due)
        {
            if (!await db.SortedSetRemoveAsync(RedisKeys.Due, member))
            {
                continue;
            }
            var item = JsonSerializer.Deserialize<Item>(member.ToString(), ReviewBotJson.Options)!;
            await deliver(item.Kind switch
            {
                "post" => new PostToChannel(item.Target, item.Card!, item.Data!),
                "message" => new DirectMessage(item.Target, item.Card!, item.Data!),
                _ => new DirectText(item.Target, item.Text!),
            });
            sent++;
        }
        return sent;
    }

    public async Task<long> CountAsync() => await redis.GetDatabase().SortedSetLengthAsync(RedisKeys.Due);
}
