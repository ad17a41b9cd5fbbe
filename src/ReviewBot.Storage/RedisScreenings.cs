using System.Globalization;
using System.Text.Json;
using ReviewBot.Quality;
using ReviewBot.Reviewers;
using StackExchange.Redis;

namespace ReviewBot.Storage;

/// <summary>Screening outcomes in the batch's hash slot (<see cref="BatchKeys.Screening"/>): PERSON → result JSON,
/// PERSON:attempt → when a retry began (unix ms).</summary>
public sealed class RedisScreenings(IConnectionMultiplexer redis) : IScreenings
{
    private IDatabase Db => redis.GetDatabase();

    public async Task<ScreeningResult?> ResultAsync(string batchId, string person, CancellationToken cancellationToken = default)
    {
        var json = await Db.HashGetAsync(RedisKeys.Batch(batchId).Screening, person).ConfigureAwait(false);
        return json.HasValue ? JsonSerializer.Deserialize<ScreeningResult>(json.ToString(), ReviewBotJson.Options) : null;
    }

    public async Task<DateTimeOffset?> AttemptStartedAsync(string batchId, string person, CancellationToken cancellationToken = default)
    {
        var started = await Db.HashGetAsync(RedisKeys.Batch(batchId).Screening, person + ":attempt").ConfigureAwait(false);
        return started.HasValue ? DateTimeOffset.FromUnixTimeMilliseconds((long)started) : null;
    }

    public Task RecordAsync(ScreeningResult result, CancellationToken cancellationToken = default) =>
        Db.HashSetAsync(RedisKeys.Batch(result.BatchId).Screening, result.Person, JsonSerializer.Serialize(result, ReviewBotJson.Options));

    /// <summary>One transaction: the seen sets go (so the tasks come again), the old result goes, the attempt starts.</summary>
    public async Task RetryAsync(string batchId, Reviewer reviewer, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var keys = RedisKeys.Batch(batchId);
        var transaction = Db.CreateTransaction();
        foreach (var person in reviewer.PersonIds)
        {
            _ = transaction.KeyDeleteAsync(keys.Seen(person));
        }
        _ = transaction.HashDeleteAsync(keys.Screening, reviewer.Person);
        _ = transaction.HashSetAsync(keys.Screening, reviewer.Person + ":attempt", now.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture));
        await transaction.ExecuteAsync().ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<ScreeningResult>> ResultsAsync(string batchId, CancellationToken cancellationToken = default) =>
        (await Db.HashGetAllAsync(RedisKeys.Batch(batchId).Screening).ConfigureAwait(false))
            .Where(e => !e.Name.ToString().EndsWith(":attempt", StringComparison.Ordinal))
            .Select(e => JsonSerializer.Deserialize<ScreeningResult>(e.Value.ToString(), ReviewBotJson.Options)!)
            .OrderBy(r => r.At).ToList();
}
