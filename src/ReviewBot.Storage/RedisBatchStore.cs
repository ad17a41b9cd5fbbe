using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using ReviewBot.Answers;
using ReviewBot.Tasks;
using StackExchange.Redis;

namespace ReviewBot.Storage;

public sealed class RedisBatchStore(IConnectionMultiplexer redis) : IBatchStore
{
    private IDatabase Db => redis.GetDatabase();

    public async Task<BatchImportResult> ImportAsync(Batch batch, CancellationToken cancellationToken = default)
    {
        var keys = RedisKeys.Batch(batch.Id);
        var settings = batch with { Tasks = [] };
        var values = new RedisValue[5 + batch.Tasks.Count * 4];
        values[0] = JsonSerializer.Serialize(settings, ReviewBotJson.Options);
        values[1] = batch.Overlap;
        values[2] = (long)TimeSpan.FromMinutes(batch.LeaseMinutes).TotalMilliseconds;
        values[3] = batch.OverlapMax ?? batch.Overlap;
        // Every reviewer takes the whole of a screening: all its tasks are served as gold is, outside the pool.
        var screening = batch.Screening is not null;
        values[4] = (screening ? 1 : batch.GoldRate ?? 0).ToString(CultureInfo.InvariantCulture);
        var i = 5;
        foreach (var task in batch.Tasks)
        {
            values[i++] = task.Id;
            values[i++] = JsonSerializer.Serialize(task, ReviewBotJson.Options);
            values[i++] = RequirementsCode.For(batch, task);
            values[i++] = screening || task.Gold is not null ? "1" : "";
        }

        var result = await Scripts.ImportBatch.RunAsync(Db,
            [keys.Meta, keys.Rules, keys.Tasks, keys.Order, keys.Open, keys.Requirements, keys.Gold], values).ConfigureAwait(false);
        switch ((string?)result[0])
        {
            case "changed-batch":
                return new BatchImportResult(BatchImportStatus.Refused, 0, 0, await DescribeChangedSettingsAsync(settings).ConfigureAwait(false));
            case "changed-task":
                var taskId = (string)result[1]!;
                return new BatchImportResult(BatchImportStatus.Refused, 0, 0, new BatchConflict(taskId, $"tasks[{taskId}]",
                    $"Task '{taskId}' is already in batch '{batch.Id}' with different content. Tasks cannot change once imported; give the new version a new id."));
        }

        // The listing is a single global key, kept outside the batch's hash slot; setting it again on every import
        // (even an unchanged one) repairs it if a crash fell between the script and this line.
        await Db.SortedSetAddAsync(RedisKeys.Batches, batch.Id, DueScore(batch.DueAt)).ConfigureAwait(false);
        var status = (string?)result[0] switch
        {
            "created" => BatchImportStatus.Created,
            "added" => BatchImportStatus.TasksAdded,
            _ => BatchImportStatus.Unchanged,
        };
        return new BatchImportResult(status, (int)result[1], (int)result[2]);
    }

    private async Task<BatchConflict> DescribeChangedSettingsAsync(Batch incoming)
    {
        var stored = await GetAsync(incoming.Id).ConfigureAwait(false);
        var storedJson = JsonSerializer.SerializeToElement(stored, ReviewBotJson.Options);
        var incomingJson = JsonSerializer.SerializeToElement(incoming, ReviewBotJson.Options);
        var changed = incomingJson.EnumerateObject().Select(p => p.Name)
            .Union(storedJson.EnumerateObject().Select(p => p.Name))
            .FirstOrDefault(name => !SameProperty(storedJson, incomingJson, name)) ?? "settings";
        return new BatchConflict(null, changed,
            $"Batch '{incoming.Id}' already exists with a different '{changed}'. A batch's settings cannot change once imported; import it under a new id.");
    }

    private static bool SameProperty(JsonElement a, JsonElement b, string name)
    {
        var hasA = a.TryGetProperty(name, out var va);
        var hasB = b.TryGetProperty(name, out var vb);
        return hasA == hasB && (!hasA || JsonElement.DeepEquals(va, vb));
    }

    private static double DueScore(DateTimeOffset? dueAt) => dueAt?.ToUnixTimeMilliseconds() ?? double.PositiveInfinity;

    public async Task<IReadOnlyList<BatchSummary>> ListAsync(CancellationToken cancellationToken = default)
    {
        var ids = await Db.SortedSetRangeByRankAsync(RedisKeys.Batches).ConfigureAwait(false);
        var summaries = new List<BatchSummary>(ids.Length);
        foreach (var id in ids)
        {
            var keys = RedisKeys.Batch(id!);
            var batch = Db.StringGetAsync(keys.Meta);
            var count = Db.SortedSetLengthAsync(keys.Order);
            var closed = Db.HashGetAsync(keys.Rules, "closed");
            if (await batch.ConfigureAwait(false) is { HasValue: true } json)
            {
                var b = JsonSerializer.Deserialize<Batch>(json.ToString(), ReviewBotJson.Options)!;
                summaries.Add(new BatchSummary(b.Id, b.Name, b.DueAt, (int)await count.ConfigureAwait(false), b.Overlap,
                    await closed.ConfigureAwait(false) == "1") { Screening = b.Screening });
            }
        }
        return summaries;
    }

    public async Task<Batch?> GetAsync(string batchId, CancellationToken cancellationToken = default)
    {
        var json = await Db.StringGetAsync(RedisKeys.Batch(batchId).Meta).ConfigureAwait(false);
        return json.HasValue ? JsonSerializer.Deserialize<Batch>(json.ToString(), ReviewBotJson.Options) : null;
    }

    public async Task<IReadOnlyList<ClinicalTask>> GetTasksAsync(string batchId, CancellationToken cancellationToken = default)
    {
        var keys = RedisKeys.Batch(batchId);
        var order = Db.SortedSetRangeByRankAsync(keys.Order);
        var all = Db.HashGetAllAsync(keys.Tasks);
        var byId = (await all.ConfigureAwait(false)).ToDictionary(e => e.Name.ToString(), e => e.Value.ToString());
        return (await order.ConfigureAwait(false))
            .Select(id => JsonSerializer.Deserialize<ClinicalTask>(byId[id!], ReviewBotJson.Options)!)
            .ToList();
    }

    public async Task<ClinicalTask?> GetTaskAsync(string batchId, string taskId, CancellationToken cancellationToken = default)
    {
        var json = await Db.HashGetAsync(RedisKeys.Batch(batchId).Tasks, taskId).ConfigureAwait(false);
        return json.HasValue ? JsonSerializer.Deserialize<ClinicalTask>(json.ToString(), ReviewBotJson.Options) : null;
    }

    public async Task<BatchProgress?> GetProgressAsync(string batchId, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var batch = await GetAsync(batchId, cancellationToken).ConfigureAwait(false);
        if (batch is null)
        {
            return null;
        }
        var keys = RedisKeys.Batch(batchId);
        var db = Db;
        var tasks = db.SortedSetLengthAsync(keys.Order);
        var stats = db.HashGetAllAsync(keys.Stats);
        var answered = db.HashGetAllAsync(keys.Answered);
        var grown = db.HashGetAllAsync(keys.Slots);
        var gold = db.SortedSetRangeByRankAsync(keys.Gold);
        var open = db.SortedSetLengthAsync(keys.Leases, now.ToUnixTimeMilliseconds(), double.PositiveInfinity, Exclude.Start);
        var closed = db.HashGetAsync(keys.Rules, "closed");
        var durations = db.SortedSetLengthAsync(keys.Durations);

        var counters = (await stats.ConfigureAwait(false)).ToDictionary(e => e.Name.ToString(), e => (int)e.Value);
        var perTask = (await answered.ConfigureAwait(false)).ToDictionary(e => e.Name.ToString(), e => (int)e.Value);
        var taskCount = (int)await tasks.ConfigureAwait(false);
        // A task whose overlap grew takes more answers; a gold task of a batch with a goldRate is outside the pool, so
        // its answers count as slots they filled.
        var slotsOf = (await grown.ConfigureAwait(false)).ToDictionary(e => e.Name.ToString(), e => (int)e.Value);
        var extra = slotsOf.Values.Sum(slots => slots - batch.Overlap);
        var goldTasks = (await gold.ConfigureAwait(false)).Select(t => t.ToString()).ToList();
        var goldAnswers = goldTasks.Sum(t => perTask.GetValueOrDefault(t));
        return new BatchProgress
        {
            BatchId = batch.Id,
            Name = batch.Name,
            DueAt = batch.DueAt,
            Closed = await closed.ConfigureAwait(false) == "1",
            Tasks = taskCount,
            Overlap = batch.Overlap,
            Slots = (taskCount - goldTasks.Count) * batch.Overlap + extra + goldAnswers,
            SlotsFilled = perTask.Values.Sum(),
            TasksComplete = perTask.Count(t => t.Value >= slotsOf.GetValueOrDefault(t.Key, batch.Overlap)),
            OpenAssignments = (int)await open.ConfigureAwait(false),
            AnswersByKind = Enum.GetValues<TaskKind>().ToDictionary(k => k, k => counters.GetValueOrDefault("answers:" + ContractWords<TaskKind>.Of(k))),
            Skips = counters.GetValueOrDefault("skips"),
            SkipsByReason = Enum.GetValues<SkipReason>().ToDictionary(r => r, r => counters.GetValueOrDefault("skips:" + ContractWords<SkipReason>.Of(r))),
            MedianSecondsPerAnswer = await MedianAsync(db, keys.Durations, await durations.ConfigureAwait(false)).ConfigureAwait(false),
            HarmFlags = counters.GetValueOrDefault("harmFlags"),
            SevereHarmFlags = counters.GetValueOrDefault("severeHarmFlags"),
        };
    }

    private static async Task<double?> MedianAsync(IDatabase db, RedisKey durations, long count)
    {
        if (count == 0)
        {
            return null;
        }
        var middle = await db.SortedSetRangeByRankWithScoresAsync(durations, (count - 1) / 2, count / 2).ConfigureAwait(false);
        return middle.Average(e => e.Score);
    }

    public async IAsyncEnumerable<RecordedAnswer> ReadAnswersAsync(string batchId, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var entry in Db.HashScanAsync(RedisKeys.Batch(batchId).Answers, pageSize: 500).WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            yield return JsonSerializer.Deserialize<RecordedAnswer>(entry.Value.ToString(), ReviewBotJson.Options)!;
        }
    }

    public async IAsyncEnumerable<RecordedSkip> ReadSkipsAsync(string batchId, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var entry in Db.HashScanAsync(RedisKeys.Batch(batchId).Skips, pageSize: 500).WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            yield return JsonSerializer.Deserialize<RecordedSkip>(entry.Value.ToString(), ReviewBotJson.Options)!;
        }
    }

    public async Task<bool> CloseAsync(string batchId, CancellationToken cancellationToken = default)
    {
        var keys = RedisKeys.Batch(batchId);
        if (!await Db.KeyExistsAsync(keys.Rules).ConfigureAwait(false))
        {
            return false;
        }
        await Db.HashSetAsync(keys.Rules, "closed", "1").ConfigureAwait(false);
        return true;
    }
}
