using System.Collections.Concurrent;
using ReviewBot.Answers;
using ReviewBot.Assignments;
using ReviewBot.Tasks;
using ReviewBot.Testing;
using StackExchange.Redis;
using static ReviewBot.Storage.Tests.TestData;

namespace ReviewBot.Storage.Tests;

/// <summary>Overlap given as {"min": 2, "max": 4}: a task gets one more reviewer at a time while its answers disagree
/// (harm two or more levels apart, a different best response) or one saw severe harm, and never more than max, even
/// with fifty reviewers racing on their own connections.</summary>
public abstract class OverlapGrowthBehaviour<TServer>(TServer server) where TServer : IRedisServer
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 14, 0, 0, TimeSpan.Zero);

    private readonly RedisBatchStore _batches = new(server.Redis);
    private readonly RedisAssignmentStore _assignments = new(server.Redis);

    /// <summary>Reviewer n's harm on task t, as the task's <paramref name="claim"/>-th taker: tasks 4k agree on none,
    /// 4k+1 alternate none and potential by claim (the first two always two levels apart, whoever the racers are),
    /// 4k+2 all severe, 4k+3 none or suboptimal (one step apart, which is agreement).</summary>
    private static Harm HarmOf(string taskId, int reviewer, int claim) => Pattern(taskId) switch
    {
        0 => Harm.None,
        1 => claim % 2 == 0 ? Harm.None : Harm.Potential,
        2 => Harm.Severe,
        _ => reviewer % 3 == 0 ? Harm.None : Harm.Suboptimal,
    };

    [Fact]
    public async Task Fifty_racing_reviewers_never_put_a_task_over_max_and_every_disagreeing_task_reaches_max()
    {
        var batch = Batch(NewId("grow-race"), tasks: 40, overlap: 2) with { OverlapMax = 4 };
        await _batches.ImportAsync(batch);
        var connections = new List<ConnectionMultiplexer>();
        try
        {
            var patient = ConfigurationOptions.Parse(server.Redis.Configuration);
            patient.AsyncTimeout = patient.SyncTimeout = 60_000;
            for (var n = 0; n < 50; n++)
            {
                connections.Add(await ConnectionMultiplexer.ConnectAsync(patient));
            }
            var outcomes = new ConcurrentBag<OverlapOutcome>();
            var claims = new ConcurrentDictionary<string, int>();
            // A racer stops when nothing is open for it at that moment; the last answer of a task can open a slot after
            // all the others stopped, so they race again until a whole round records nothing.
            for (var before = -1; before != outcomes.Count;)
            {
                before = outcomes.Count;
                await Task.WhenAll(connections.Select((connection, n) => Task.Run(async () =>
                {
                    var store = new RedisAssignmentStore(connection);
                    var reviewer = Reviewer(key: $"web:grower-{batch.Id}-{n}");
                    while ((await store.ClaimNextAsync(batch.Id, reviewer, Now)).Assignment is { } assignment)
                    {
                        var answer = GoodEvaluation(HarmOf(assignment.TaskId, n, claims.AddOrUpdate(assignment.TaskId, 0, (_, c) => c + 1)));
                        var result = await store.RecordAsync(Submission(assignment, reviewer, answer), Now.AddSeconds(1));
                        Assert.Equal(RecordStatus.Recorded, result.Status);
                        outcomes.Add(result.Overlap);
                    }
                })));
            }

            var answers = await _batches.ReadAnswersAsync(batch.Id).ToListAsync();
            var byTask = answers.GroupBy(a => a.TaskId).ToDictionary(g => g.Key, g => g.Select(a => ((EvaluationAnswer)a.Answer).Harm).ToList());
            var split = (await server.Redis.GetDatabase().SortedSetRangeByRankAsync(RedisKeys.Batch(batch.Id).Adjudication))
                .Select(t => t.ToString()).Order().ToList();

            Assert.Equal(40, byTask.Count);
            Assert.All(byTask, task => Assert.InRange(task.Value.Count, 2, 4));
            Assert.DoesNotContain(answers.CountBy(a => (a.TaskId, a.ReviewerKey)), n => n.Value > 1);
            // Below max, the answers a task settled on agree; at max, those that still disagree wait for a lead.
            Assert.All(byTask.Where(t => t.Value.Count < 4), task => Assert.False(Disagree(task.Value) || task.Value.Contains(Harm.Severe), task.Key));
            Assert.Equal(byTask.Where(t => t.Value.Count == 4 && Disagree(t.Value)).Select(t => t.Key).Order(), split);
            Assert.All(byTask.Where(t => Pattern(t.Key) is 1 or 2), task => Assert.Equal(4, task.Value.Count));
            Assert.All(byTask.Where(t => Pattern(t.Key) is 0 or 3), task => Assert.Equal(2, task.Value.Count));
            var progress = (await _batches.GetProgressAsync(batch.Id, Now))!;
            Assert.Equal((answers.Count, answers.Count, 0, 40), (progress.Slots, progress.SlotsFilled, progress.OpenSlots, progress.TasksComplete));
            Assert.Contains(OverlapOutcome.Grown, outcomes);
            Assert.Equal(byTask.Keys.Where(t => Pattern(t) == 1).Order(), split);
        }
        finally
        {
            await Task.WhenAll(connections.Select(c => c.DisposeAsync().AsTask()));
        }
    }

    [Fact]
    public async Task An_extra_slot_goes_to_the_next_eligible_reviewer_before_untouched_work()
    {
        var pediatric = Evaluate("t1") with { Requirements = new Requirements { Specialties = ["pediatrics"] } };
        var batch = Batch(NewId("grow-first"), tasks: 0, overlap: 2) with { OverlapMax = 3, Tasks = [pediatric, Evaluate("t2")] };
        await _batches.ImportAsync(batch);
        var first = Reviewer();
        var second = Reviewer();
        var both = Reviewer(specialties: ["pediatrics", "emergency-medicine"]);

        var agreed = await AnswerNext(batch.Id, first, Harm.None);
        var grown = await AnswerNext(batch.Id, second, Harm.Potential);
        var next = await _assignments.ClaimNextAsync(batch.Id, both, Now);

        Assert.Equal((OverlapOutcome.Settled, OverlapOutcome.Grown), (agreed.Overlap, grown.Overlap));
        Assert.Equal("t2", next.Assignment!.TaskId);
    }

    [Fact]
    public async Task A_plain_overlap_never_grows_however_the_answers_disagree()
    {
        var batch = Batch(NewId("grow-never"), tasks: 1, overlap: 2);
        await _batches.ImportAsync(batch);

        await AnswerNext(batch.Id, Reviewer(), Harm.None);
        var second = await AnswerNext(batch.Id, Reviewer(), Harm.Severe);

        Assert.Equal(OverlapOutcome.Settled, second.Overlap);
        Assert.Null((await _assignments.ClaimNextAsync(batch.Id, Reviewer(), Now)).Assignment);
    }

    private static int Pattern(string taskId) => int.Parse(taskId[1..]) % 4;

    private static bool Disagree(IReadOnlyList<Harm> harms) => (int)harms.Max() - (int)harms.Min() >= 2;

    private async Task<RecordResult> AnswerNext(string batchId, Reviewers.Reviewer reviewer, Harm harm)
    {
        var assignment = (await _assignments.ClaimNextAsync(batchId, reviewer, Now)).Assignment!;
        return await _assignments.RecordAsync(Submission(assignment, reviewer, GoodEvaluation(harm)), Now.AddMinutes(1));
    }
}

public sealed class GarnetOverlapGrowth(EmbeddedGarnetServer server) : OverlapGrowthBehaviour<EmbeddedGarnetServer>(server), IClassFixture<EmbeddedGarnetServer>;

public sealed class RedisServerOverlapGrowth(RedisServerProcess server) : OverlapGrowthBehaviour<RedisServerProcess>(server), IClassFixture<RedisServerProcess>;
