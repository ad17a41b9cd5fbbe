using System.Text.Json;
using ReviewBot.Reviewers;
using StackExchange.Redis;

namespace ReviewBot.Storage;

public sealed class RedisReviewerStore(IConnectionMultiplexer redis) : IReviewerStore
{
    private IDatabase Db => redis.GetDatabase();

    public Task UpsertAsync(IReadOnlyList<Reviewer> reviewers, CancellationToken cancellationToken = default) =>
        reviewers.Count == 0
            ? Task.CompletedTask
            : Db.HashSetAsync(RedisKeys.Reviewers, reviewers
                .Select(r => new HashEntry(r.Key, JsonSerializer.Serialize(r, ReviewBotJson.Options))).ToArray());

    public async Task<Reviewer?> GetAsync(string key, CancellationToken cancellationToken = default)
    {
        var json = await Db.HashGetAsync(RedisKeys.Reviewers, key).ConfigureAwait(false);
        return json.HasValue ? JsonSerializer.Deserialize<Reviewer>(json.ToString(), ReviewBotJson.Options) : null;
    }

    public async Task<IReadOnlyList<Reviewer>> ListAsync(CancellationToken cancellationToken = default)
    {
        var all = await Db.HashValuesAsync(RedisKeys.Reviewers).ConfigureAwait(false);
        return all.Select(json => JsonSerializer.Deserialize<Reviewer>(json.ToString(), ReviewBotJson.Options)!)
            .OrderBy(r => r.Name, StringComparer.OrdinalIgnoreCase).ToList();
    }

    public Task<Reviewer?> VerifyAsync(string key, Credential credential, IReadOnlyList<string>? specialties, CancellationToken cancellationToken = default) =>
        UpdateAsync(key, current => current with
        {
            Credential = credential,
            Specialties = specialties is { Count: > 0 } ? specialties.Select(Specialty.Normalize).ToList() : current.Specialties,
            Verified = true,
        }, cancellationToken);

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
            var changed = change(JsonSerializer.Deserialize<Reviewer>(json.ToString(), ReviewBotJson.Options)!);
            var transaction = db.CreateTransaction();
            transaction.AddCondition(Condition.HashEqual(RedisKeys.Reviewers, key, json));
            _ = transaction.HashSetAsync(RedisKeys.Reviewers, key, JsonSerializer.Serialize(changed, ReviewBotJson.Options));
            if (await transaction.ExecuteAsync().ConfigureAwait(false))
            {
                return changed;
            }
        }
    }
}
