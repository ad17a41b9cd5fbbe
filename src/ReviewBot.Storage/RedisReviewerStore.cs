using System.Text.Json;
using ReviewBot.Reviewers;
using StackExchange.Redis;

namespace ReviewBot.Storage;

/// <summary>The roster: one record per key, and every key of a person carries the person's id and profile
/// (<see cref="People"/>). All records are fields of one hash, so the records of a person are written in one command,
/// and a write is made only if none of the records it was computed from has changed meanwhile.</summary>
public sealed class RedisReviewerStore(IConnectionMultiplexer redis) : IReviewerStore
{
    private IDatabase Db => redis.GetDatabase();

    public async Task UpsertAsync(IReadOnlyList<Reviewer> reviewers, CancellationToken cancellationToken = default)
    {
        if (reviewers.Count == 0)
        {
            return;
        }
        var db = Db;
        while (true)
        {
            var stored = await ReadLinkedAsync(db, reviewers.SelectMany(r => r.AlsoKnownAs.Prepend(r.Key))).ConfigureAwait(false);
            var records = stored.Where(s => s.Value.HasValue).ToDictionary(s => s.Key, s => Read(s.Value), StringComparer.Ordinal);
            var transaction = db.CreateTransaction();
            foreach (var (key, json) in stored)
            {
                transaction.AddCondition(json.HasValue ? Condition.HashEqual(RedisKeys.Reviewers, key, json) : Condition.HashNotExists(RedisKeys.Reviewers, key));
            }
            _ = transaction.HashSetAsync(RedisKeys.Reviewers, People.Link(records, reviewers).Select(Entry).ToArray());
            if (await transaction.ExecuteAsync().ConfigureAwait(false))
            {
                return;
            }
        }
    }

    public async Task<Reviewer?> GetAsync(string key, CancellationToken cancellationToken = default)
    {
        var json = await Db.HashGetAsync(RedisKeys.Reviewers, key).ConfigureAwait(false);
        return json.HasValue ? Read(json) : null;
    }

    public async Task<IReadOnlyList<Reviewer>> ListAsync(CancellationToken cancellationToken = default)
    {
        var all = await Db.HashValuesAsync(RedisKeys.Reviewers).ConfigureAwait(false);
        return all.Select(Read).OrderBy(r => r.Name, StringComparer.OrdinalIgnoreCase).ToList();
    }

    public Task<Reviewer?> VerifyAsync(string key, Credential credential, IReadOnlyList<string>? specialties, CancellationToken cancellationToken = default) =>
        UpdateAsync(key, current => current with
        {
            Credential = credential,
            Specialties = specialties is { Count: > 0 } ? specialties.Select(Specialty.Normalize).ToList() : current.Specialties,
            Verified = true,
        }, cancellationToken);

    /// <summary>The change is the person's: it lands on every key of theirs, each keeping its own key, person id and
    /// aliases whatever the change did to them.</summary>
    public async Task<Reviewer?> UpdateAsync(string key, Func<Reviewer, Reviewer> change, CancellationToken cancellationToken = default)
    {
        var db = Db;
        // Optimistic: write only if the stored JSON is still what was read, else read again and re-apply the change.
        while (true)
        {
            var json = await db.HashGetAsync(RedisKeys.Reviewers, key).ConfigureAwait(false);
            if (!json.HasValue)
            {
                return null;
            }
            var record = Read(json);
            var aliases = record.AlsoKnownAs.Select(k => (RedisValue)k).ToArray();
            var aliasJson = aliases.Length == 0 ? [] : await db.HashGetAsync(RedisKeys.Reviewers, aliases).ConfigureAwait(false);
            // A record stored before person ids may list aliases that are still people of their own.
            var person = aliasJson.Where(j => j.HasValue).Select(Read).Where(r => r.Person == record.Person).Prepend(record).ToList();
            var changed = change(record);

            var transaction = db.CreateTransaction();
            transaction.AddCondition(Condition.HashEqual(RedisKeys.Reviewers, key, json));
            for (var i = 0; i < aliases.Length; i++)
            {
                transaction.AddCondition(aliasJson[i].HasValue
                    ? Condition.HashEqual(RedisKeys.Reviewers, aliases[i], aliasJson[i])
                    : Condition.HashNotExists(RedisKeys.Reviewers, aliases[i]));
            }
            _ = transaction.HashSetAsync(RedisKeys.Reviewers, person.Select(r => Entry(People.ProfileOn(changed, r))).ToArray());
            if (await transaction.ExecuteAsync().ConfigureAwait(false))
            {
                return People.ProfileOn(changed, record);
            }
        }
    }

    /// <summary>The stored JSON (or nothing) of the keys given and, key by key, of every key they list as aliases:
    /// what <see cref="People.Link"/> needs to see the whole of each person an import touches.</summary>
    private static async Task<Dictionary<string, RedisValue>> ReadLinkedAsync(IDatabase db, IEnumerable<string> keys)
    {
        var read = new Dictionary<string, RedisValue>(StringComparer.Ordinal);
        var next = keys.Distinct().ToList();
        while (next.Count > 0)
        {
            var values = await db.HashGetAsync(RedisKeys.Reviewers, next.Select(k => (RedisValue)k).ToArray()).ConfigureAwait(false);
            for (var i = 0; i < next.Count; i++)
            {
                read[next[i]] = values[i];
            }
            next = values.Where(v => v.HasValue).SelectMany(v => Read(v).AlsoKnownAs).Where(k => !read.ContainsKey(k)).Distinct().ToList();
        }
        return read;
    }

    private static Reviewer Read(RedisValue json) => JsonSerializer.Deserialize<Reviewer>(json.ToString(), ReviewBotJson.Options)!;

    private static HashEntry Entry(Reviewer reviewer) => new(reviewer.Key, JsonSerializer.Serialize(reviewer, ReviewBotJson.Options));
}
