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

    /// <summary>Adds messages to the outbox not tied to an answer. An id already there is left as it is, unless the
    /// message says it replaces it.</summary>
    public async Task AddAsync(IReadOnlyList<OutboxMessage> messages)
    {
        var outbox = RedisKeys.Outbox;
        var values = messages.SelectMany(m => new RedisValue[] { m.Id, m.Json, m.Due.ToUnixTimeMilliseconds(), m.Replaces ? "1" : "0" }).ToArray();
        await Add.EvaluateAsync(Db, [outbox.Items, outbox.Due, outbox.Attempts, outbox.Claims], values).ConfigureAwait(false);
    }

    /// <summary>Every outbox there is: the general one and each batch's.</summary>
    public async Task<IReadOnlyList<OutboxKeys>> AllAsync()
    {
        var batches = await Db.SortedSetRangeByRankAsync(RedisKeys.Batches).ConfigureAwait(false);
        return [RedisKeys.Outbox, .. batches.Select(b => RedisKeys.Batch(b.ToString()).Outbox)];
    }

    public async Task<IReadOnlyList<ClaimedMessage>> ClaimDueAsync(OutboxKeys outbox, DateTimeOffset now, TimeSpan hold, int limit)
    {
        var claimed = await Claim.RunAsync(Db, [outbox.Items, outbox.Due, outbox.Attempts, outbox.Claims],
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
        Done.EvaluateAsync(Db, [message.Outbox.Items, message.Outbox.Due, message.Outbox.Attempts, message.Outbox.Parked, message.Outbox.Claims],
            [message.Id]);

    /// <summary>A send failed: the message is tried again after <paramref name="retryIn"/>, or parked once it has
    /// failed <paramref name="maxFailures"/> times. True when it was parked.</summary>
    public async Task<bool> FailedAsync(ClaimedMessage message, DateTimeOffset now, TimeSpan retryIn, int maxFailures)
    {
        var outcome = await Failed.RunAsync(Db, [message.Outbox.Items, message.Outbox.Due, message.Outbox.Attempts, message.Outbox.Parked, message.Outbox.Claims],
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

    /// <summary>Everything in one outbox, soonest due first: waiting, in flight (a sweeper holds it now) or parked.</summary>
    public async Task<IReadOnlyList<OutboxEntry>> ListAsync(OutboxKeys outbox, DateTimeOffset now)
    {
        var db = Db;
        var due = await db.SortedSetRangeByRankWithScoresAsync(outbox.Due).ConfigureAwait(false);
        var parked = await db.SortedSetRangeByRankWithScoresAsync(outbox.Parked).ConfigureAwait(false);
        var ids = due.Select(d => d.Element).Concat(parked.Select(p => p.Element)).ToArray();
        if (ids.Length == 0)
        {
            return [];
        }
        var messages = await db.HashGetAsync(outbox.Items, ids).ConfigureAwait(false);
        var failures = await db.HashGetAsync(outbox.Attempts, ids).ConfigureAwait(false);
        var claims = await db.HashGetAsync(outbox.Claims, ids).ConfigureAwait(false);
        var entries = new List<OutboxEntry>();
        for (var i = 0; i < ids.Length; i++)
        {
            if (!messages[i].HasValue)
            {
                continue;
            }
            var isParked = i >= due.Length;
            var at = DateTimeOffset.FromUnixTimeMilliseconds((long)(isParked ? parked[i - due.Length].Score : due[i].Score));
            var state = isParked ? OutboxState.Parked
                : claims[i].HasValue && (long)claims[i] > now.ToUnixTimeMilliseconds() ? OutboxState.InFlight
                : OutboxState.Waiting;
            entries.Add(new OutboxEntry(ids[i].ToString(), messages[i].ToString(), at, failures[i].HasValue ? (int)failures[i] : 0, state));
        }
        return entries;
    }

    /// <summary>Takes a waiting message out before it is sent (a lead cancels a scheduled announcement). False when it
    /// is not waiting any more: sent, in flight, or gone.</summary>
    public async Task<bool> CancelAsync(OutboxKeys outbox, string id, DateTimeOffset now)
    {
        var entry = (await ListAsync(outbox, now).ConfigureAwait(false)).FirstOrDefault(e => e.Id == id);
        if (entry is not { State: OutboxState.Waiting })
        {
            return false;
        }
        await DoneAsync(new ClaimedMessage(outbox, id, entry.Json, entry.Failures)).ConfigureAwait(false);
        return true;
    }
}

public enum OutboxState
{
    Waiting,
    InFlight,
    Parked,
}

/// <summary>A message as it stands in an outbox: when it is (or was, if parked) due, and how many sends failed.</summary>
public sealed record OutboxEntry(string Id, string Json, DateTimeOffset At, int Failures, OutboxState State);

/// <summary>A message to put in the outbox: <see cref="Id"/> makes adding it again harmless, or, when it
/// <see cref="Replaces"/>, moves what waits under that id.</summary>
public sealed record OutboxMessage(string Id, string Json, DateTimeOffset Due, bool Replaces = false);

/// <summary>A message a sweeper holds for now, with how many sends of it failed before.</summary>
public sealed record ClaimedMessage(OutboxKeys Outbox, string Id, string Json, int Failures);
