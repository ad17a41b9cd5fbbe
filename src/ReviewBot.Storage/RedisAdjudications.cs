using System.Text.Json;
using ReviewBot.Quality;
using StackExchange.Redis;

namespace ReviewBot.Storage;

/// <summary>The adjudication queue the recording script fills (<see cref="BatchKeys.Adjudication"/>) and the final
/// labels leads give (<see cref="BatchKeys.Final"/>), both in the batch's hash slot.</summary>
public sealed class RedisAdjudications(IConnectionMultiplexer redis) : IAdjudications
{
    private IDatabase Db => redis.GetDatabase();

    public async Task<IReadOnlyList<string>> WaitingAsync(string batchId, CancellationToken cancellationToken = default) =>
        (await Db.SortedSetRangeByRankAsync(RedisKeys.Batch(batchId).Adjudication).ConfigureAwait(false)).Select(t => t.ToString()).ToList();

    public async Task<bool> DecideAsync(string batchId, FinalLabel label, CancellationToken cancellationToken = default)
    {
        var keys = RedisKeys.Batch(batchId);
        var recorded = await Scripts.DecideSplit.EvaluateAsync(Db, [keys.Adjudication, keys.Final],
            [label.TaskId, JsonSerializer.Serialize(label, ReviewBotJson.Options)]).ConfigureAwait(false);
        return (int)recorded == 1;
    }

    public async Task<IReadOnlyDictionary<string, FinalLabel>> FinalLabelsAsync(string batchId, CancellationToken cancellationToken = default) =>
        (await Db.HashGetAllAsync(RedisKeys.Batch(batchId).Final).ConfigureAwait(false))
            .ToDictionary(e => e.Name.ToString(), e => JsonSerializer.Deserialize<FinalLabel>(e.Value.ToString(), ReviewBotJson.Options)!);
}
