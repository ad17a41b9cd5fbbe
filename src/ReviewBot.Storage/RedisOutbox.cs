using StackExchange.Redis;

namespace ReviewBot.Storage;

/// <summary>
/// Messages on their way to people, kept in Redis until they are delivered, so a crash or a failed send loses none
/// (DESIGN §10–§11). There is one outbox for what an answer sets off in each batch (written by the script that records
/// the answer) and one for the rest. A sweeper claims what is due: a claimed message is hidden for a while and comes
/// back by itself if its claimer dies, so every message is delivered at least once, by one instance at a time.
/// </summary>
public sealed class RedisOutbox(IConnectionMultiplexer redis)
{
    private static readonly StoredScript Add = StoredScript.Load("outbox-add.lua");
    private static readonly StoredScript Claim = StoredScript.Load("outbox-claim.lua");
    private static readonly StoredScript Done = StoredScript.Load("outbox-done.lua");
    private static readonly StoredScript Failed = StoredScript.Load("outbox-failed.lua");

    private IDatabase Db => redis.GetDatabase();

    /// <summary>Adds messages to the outbox not tied to an answer. An id already there is left as it is.</summary>
    public async Task AddAsync(IReadOnlyList<OutboxMessage> messages)
    {
        var outbox = RedisKeys.Outbox;
        var values = messages.SelectMany(m => new RedisValue[] { m.Id, m.Json, m.Due.ToUnixTimeMilliseconds() }).ToArray();
        await Add.EvaluateAsync(Db, [outbox.Items, outbox.Due], values).ConfigureAwait(false);
    }

    /// <summary>Every outbox there is: the general one and each batch's.</summary>
    public async Task<IReadOnlyList<OutboxKeys>> AllAsync()
    {
        var batches = await Db.SortedSetRangeByRankAsync(RedisKeys.Batches).ConfigureAwait(false);
        return [RedisKeys.Outbox, .. batches.Select(b => RedisKeys.Batch(b.ToString()).Outbox)];
    }

    public async Task<IReadOnlyList<ClaimedMessage>> ClaimDueAsync(OutboxKeys outbox, DateTimeOffset now, TimeSpan hold, int limit)
    {
        var claimed = await Claim.RunAsync(Db, [outbox.Items, outbox.Due, outbox.Attempts],
            [now.ToUnixTimeMilliseconds(), (long)hold.TotalMilliseconds, limit]).ConfigureAwait(false);
        var messages = new List<ClaimedMessage>();
        for (var i = 0; i + 2 < claimed.Length; i += 3)
        {
            messages.Add(new ClaimedMessage(outbox, (string)claimed[i]!, (string)claimed[i + 1]!, int.Parse((string)claimed[i + 2]!,
                System.Globalization.CultureInfo.InvariantCulture)));
        }
        return messages;
    }

    /// <summary>The message was delivered, or is no longer wanted: it leaves the outbox.</summary>
    public Task DoneAsync(ClaimedMessage message) =>
        Done.EvaluateAsync(Db, [message.Outbox.Items, message.Outbox.Due, message.Outbox.Attempts, message.Outbox.Parked], [message.Id]);

    /// <summary>A send failed: the message is tried again after <paramref name="retryIn"/>, or parked once it has
    /// failed <paramref name="maxFailures"/> times. True when it was parked.</summary>
    public async Task<bool> FailedAsync(ClaimedMessage message, DateTimeOffset now, TimeSpan retryIn, int maxFailures)
    {
        var outcome = await Failed.RunAsync(Db, [message.Outbox.Items, message.Outbox.Due, message.Outbox.Attempts, message.Outbox.Parked],
            [message.Id, now.ToUnixTimeMilliseconds(), (long)retryIn.TotalMilliseconds, maxFailures]).ConfigureAwait(false);
        return (string?)outcome[0] == "parked";
    }

    /// <summary>Messages waiting to be sent (due or not, claimed or not), in every outbox.</summary>
    public async Task<long> WaitingAsync()
    {
        long waiting = 0;
        foreach (var outbox in await AllAsync().ConfigureAwait(false))
        {
            waiting += await Db.SortedSetLengthAsync(outbox.Due).ConfigureAwait(false);
        }
        return waiting;
    }

    /// <summary>What waits in one outbox, oldest due first, for people and tests to look at.</summary>
    public async Task<IReadOnlyList<string>> PeekAsync(OutboxKeys outbox)
    {
        var ids = await Db.SortedSetRangeByRankAsync(outbox.Due).ConfigureAwait(false);
        var messages = ids.Length == 0 ? [] : await Db.HashGetAsync(outbox.Items, ids).ConfigureAwait(false);
        return messages.Where(m => m.HasValue).Select(m => m.ToString()).ToList();
    }

    /// <summary>Messages parked after too many failed sends, in every outbox.</summary>
    public async Task<IReadOnlyList<string>> ParkedAsync()
    {
        var parked = new List<string>();
        foreach (var outbox in await AllAsync().ConfigureAwait(false))
        {
            var ids = await Db.SortedSetRangeByRankAsync(outbox.Parked).ConfigureAwait(false);
            if (ids.Length > 0)
            {
                parked.AddRange((await Db.HashGetAsync(outbox.Items, ids).ConfigureAwait(false)).Where(m => m.HasValue).Select(m => m.ToString()));
            }
        }
        return parked;
    }
}

/// <summary>A message to put in the outbox: <see cref="Id"/> makes adding it again harmless.</summary>
public sealed record OutboxMessage(string Id, string Json, DateTimeOffset Due);

/// <summary>A message a sweeper holds for now, with how many sends of it failed before.</summary>
public sealed record ClaimedMessage(OutboxKeys Outbox, string Id, string Json, int Failures);
