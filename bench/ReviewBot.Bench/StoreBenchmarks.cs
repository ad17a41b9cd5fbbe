using System.Diagnostics;
using System.Text;
using System.Text.Json;
using ReviewBot.Answers;
using ReviewBot.Assignments;
using ReviewBot.Pay;
using ReviewBot.Reviewers;
using ReviewBot.Storage;
using ReviewBot.Tasks;
using ReviewBot.Testing;
using StackExchange.Redis;

namespace ReviewBot.Bench;

/// <summary>Import of a 5,000-task batch, and answers recorded per second, on the embedded Garnet (log committed
/// before each reply) and on Debian's redis-server (appendfsync always).</summary>
internal static class StoreBenchmarks
{
    private const int ImportTasks = 5_000;
    private const int RecordAnswers = 4_000;
    private const int Workers = 32;

    public static async Task ImportAsync(TextWriter output)
    {
        var document = BatchDocument("bench-import", ImportTasks);
        output.WriteLine($"import: a {ImportTasks:N0}-task batch document of {Encoding.UTF8.GetByteCount(document) / 1024.0 / 1024.0:0.0} MB");
        await OnEachServerAsync(output, async (name, redis) =>
        {
            var store = new RedisBatchStore(redis);
            var started = Stopwatch.GetTimestamp();
            var read = BatchReader.ReadDocument(document);
            var parsed = Stopwatch.GetElapsedTime(started);
            var result = await store.ImportAsync(read.Value!);
            var total = Stopwatch.GetElapsedTime(started);
            var again = Stopwatch.GetTimestamp();
            var repeat = await store.ImportAsync(BatchReader.ReadDocument(document).Value!);
            output.WriteLine($"  {name,-13} parse {parsed.TotalMilliseconds,6:0} ms, parse + store {total.TotalMilliseconds,6:0} ms ({result.Status}); " +
                $"re-import {Stopwatch.GetElapsedTime(again).TotalMilliseconds:0} ms ({repeat.Status})");
        });
    }

    public static async Task RecordAsync(TextWriter output)
    {
        output.WriteLine($"record: {RecordAnswers:N0} evaluations through AnswerRecorder (validate + one script), {Workers} concurrent submitters");
        await OnEachServerAsync(output, async (name, redis) =>
        {
            var batches = new RedisBatchStore(redis);
            var assignments = new RedisAssignmentStore(redis);
            var clock = TimeProvider.System;
            var recorder = new AnswerRecorder(batches, assignments, new PayRates(), NoFollowUps.Instance, clock);
            await batches.ImportAsync(BatchReader.ReadDocument(BatchDocument("bench-record", RecordAnswers, kind: "evaluate")).Value!);

            var leased = new List<(Reviewer Reviewer, Assignment Assignment)>();
            var claimStarted = Stopwatch.GetTimestamp();
            for (var i = 0; i < RecordAnswers; i++)
            {
                var reviewer = new Reviewer { Key = $"web:bench-{i}", Name = "Bench", Credential = Credential.MD, Verified = true };
                leased.Add((reviewer, (await assignments.ClaimNextAsync("bench-record", reviewer, clock.GetUtcNow())).Assignment!));
            }
            var claimSeconds = Stopwatch.GetElapsedTime(claimStarted).TotalSeconds;

            using var fields = JsonDocument.Parse("""{"accuracy":"4","completeness":"3","appropriateness":"4","harm":"suboptimal","errors":"Misses renal dosing of enoxaparin."}""");
            var warm = leased[0];
            await recorder.RecordAsync(warm.Reviewer, warm.Assignment.Id, warm.Assignment.TaskId, fields.RootElement);
            var next = 1;
            var started = Stopwatch.GetTimestamp();
            await Task.WhenAll(Enumerable.Range(0, Workers).Select(_ => Task.Run(async () =>
            {
                int i;
                while ((i = Interlocked.Increment(ref next) - 1) < leased.Count)
                {
                    var (reviewer, assignment) = leased[i];
                    var outcome = await recorder.RecordAsync(reviewer, assignment.Id, assignment.TaskId, fields.RootElement);
                    if (outcome.Answer is null)
                    {
                        throw new InvalidOperationException($"not recorded: {outcome.Refusal}");
                    }
                }
            })));
            var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            output.WriteLine($"  {name,-13} {(RecordAnswers - 1) / seconds,8:N0} answers/s recorded   ({RecordAnswers / claimSeconds:N0} claims/s, one at a time)");
        });

        var redisServer = new RedisServerProcess();
        await redisServer.InitializeAsync();
        try
        {
            output.WriteLine($"  round trips per recorded answer on redis-server (INFO commandstats): {await CommandsPerAnswerAsync(redisServer.Redis)}");
        }
        finally
        {
            await redisServer.DisposeAsync();
        }
    }

    /// <summary>Records one answer, with the task already cached, and counts what crossed the network: the client's own
    /// operation counter, and INFO commandstats (which also lists the commands the script ran inside the server).</summary>
    private static async Task<string> CommandsPerAnswerAsync(IConnectionMultiplexer redis)
    {
        var batches = new RedisBatchStore(redis);
        var assignments = new RedisAssignmentStore(redis);
        var recorder = new AnswerRecorder(batches, assignments, new PayRates(), NoFollowUps.Instance, TimeProvider.System);
        await batches.ImportAsync(BatchReader.ReadDocument(BatchDocument("bench-trips", 2, kind: "evaluate")).Value!);
        var reviewer = new Reviewer { Key = "web:trips", Name = "Trips", Credential = Credential.MD, Verified = true };
        var first = (await assignments.ClaimNextAsync("bench-trips", reviewer, DateTimeOffset.UtcNow)).Assignment!;
        using var fields = JsonDocument.Parse("""{"accuracy":"4","completeness":"3","appropriateness":"4","harm":"none"}""");
        await recorder.RecordAsync(reviewer, first.Id, first.TaskId, fields.RootElement);
        var second = (await assignments.ClaimNextAsync("bench-trips", reviewer, DateTimeOffset.UtcNow)).Assignment!;
        await recorder.FindTaskAsync(second.Id, second.TaskId);

        var server = redis.GetServer(redis.GetEndPoints()[0]);
        await server.ExecuteAsync("CONFIG", "RESETSTAT");
        var before = redis.GetCounters().Interactive.OperationCount;
        await recorder.RecordAsync(reviewer, second.Id, second.TaskId, fields.RootElement);
        var sent = redis.GetCounters().Interactive.OperationCount - before;
        var stats = (await server.InfoAsync("commandstats")).SelectMany(g => g)
            .Select(kv => (Command: kv.Key.Replace("cmdstat_", ""), Calls: int.Parse(kv.Value.Split(',')[0].Split('=')[1])))
            .Where(c => !c.Command.StartsWith("config", StringComparison.Ordinal) && c.Command != "info")
            .ToList();
        var scripts = stats.Where(c => c.Command.StartsWith("eval", StringComparison.Ordinal)).ToList();
        var inside = stats.Except(scripts).ToList();
        return $"{sent} sent by the client; commandstats: {string.Join(", ", scripts.Select(c => $"{c.Command} ×{c.Calls}"))} " +
            $"(run inside it: {string.Join(", ", inside.Select(c => $"{c.Command} ×{c.Calls}"))})";
    }

    private static async Task OnEachServerAsync(TextWriter output, Func<string, IConnectionMultiplexer, Task> run)
    {
        var directory = Path.Combine(Path.GetTempPath(), "rb-bench-" + Guid.NewGuid().ToString("N"));
        try
        {
            await using (var garnet = await StoreConnection.OpenAsync(null, directory))
            {
                await run("garnet", garnet.Redis);
            }
            var redis = new RedisServerProcess();
            await redis.InitializeAsync();
            try
            {
                await run("redis-server", redis.Redis);
            }
            finally
            {
                await redis.DisposeAsync();
            }
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>A batch document with clinical-length texts: prompts of ~400 characters, responses of ~1,500.</summary>
    private static string BatchDocument(string id, int tasks, string? kind = null)
    {
        const string prompt = "A 67-year-old woman with type 2 diabetes, CKD stage 3b (eGFR 38) and atrial fibrillation on apixaban 5 mg twice daily presents with " +
            "3 days of dysuria and frequency, no fever, no flank pain. BP 132/78, HR 84 irregular. Urinalysis: leukocyte esterase positive, nitrites positive. " +
            "She asks whether she can take the same antibiotic as last time (ciprofloxacin). How would you manage her?";
        var response = string.Concat(Enumerable.Repeat("Treat as uncomplicated cystitis: nitrofurantoin is acceptable at eGFR above 30 for a short course; " +
            "avoid fluoroquinolones given tendon and QT risks and their interaction profile; check the culture and review apixaban dosing against weight and age. ", 6));
        var kinds = new[] { "evaluate", "rank", "respond", "vignette" };
        var list = Enumerable.Range(0, tasks).Select(i => (kind ?? kinds[i % 4]) switch
        {
            "evaluate" => new { id = $"t{i}", kind = "evaluate", prompt, response, metadata = new { n = i } } as object,
            "rank" => new { id = $"t{i}", kind = "rank", prompt, responses = new[] { new { id = "A", text = response }, new { id = "B", text = response[..600] } } },
            "respond" => new { id = $"t{i}", kind = "respond", prompt },
            _ => new { id = $"t{i}", kind = "vignette", brief = prompt },
        });
        return JsonSerializer.Serialize(new { id, name = "Benchmark batch", overlap = 1, dueAt = "2026-12-31T00:00:00Z", tasks = list });
    }
}

/// <summary>The benchmark's answers are harmless, so they set nothing off; recording is what is measured.</summary>
internal sealed class NoFollowUps : IAnswerFollowUps
{
    public static readonly NoFollowUps Instance = new();

    public Task<IReadOnlyList<string>> ForAsync(Reviewer by, Batch batch, ClinicalTask task, string assignmentId, Answer answer,
        CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<string>>([]);
}
