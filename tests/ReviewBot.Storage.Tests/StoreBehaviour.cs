using ReviewBot.Testing;
using System.Collections.Concurrent;
using ReviewBot.Answers;
using ReviewBot.Assignments;
using ReviewBot.Tasks;
using StackExchange.Redis;
using static ReviewBot.Storage.Tests.TestData;

namespace ReviewBot.Storage.Tests;

/// <summary>What the store promises, checked on every server it runs on (DESIGN §9): embedded Garnet and redis-server.</summary>
public abstract class StoreBehaviour<TServer>(TServer server) where TServer : IRedisServer
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 14, 0, 0, TimeSpan.Zero);

    private readonly RedisBatchStore _batches = new(server.Redis);
    private readonly RedisAssignmentStore _assignments = new(server.Redis);

    [Fact]
    public async Task Importing_the_same_batch_twice_changes_nothing()
    {
        var batch = Batch(NewId("same"), tasks: 3);

        var first = await _batches.ImportAsync(batch);
        var second = await _batches.ImportAsync(batch);

        Assert.Equal(new BatchImportResult(BatchImportStatus.Created, 3, 0), first);
        Assert.Equal(new BatchImportResult(BatchImportStatus.Unchanged, 0, 3), second);
        Assert.Equal(["t1", "t2", "t3"], (await _batches.GetTasksAsync(batch.Id)).Select(t => t.Id));
    }

    [Fact]
    public async Task A_changed_task_under_an_existing_id_is_refused_and_nothing_of_the_import_is_stored()
    {
        var batch = Batch(NewId("changed"), tasks: 2);
        await _batches.ImportAsync(batch);
        var changed = batch with
        {
            Tasks = [batch.Tasks[0], batch.Tasks[1] with { Prompt = "A different question" }, Evaluate("t3")],
        };

        var result = await _batches.ImportAsync(changed);

        Assert.Equal(BatchImportStatus.Refused, result.Status);
        Assert.Equal("t2", result.Conflict!.TaskId);
        Assert.Contains("t2", result.Conflict.Message);
        var stored = await _batches.GetTasksAsync(batch.Id);
        Assert.Equal(["t1", "t2"], stored.Select(t => t.Id));
        Assert.Equal(batch.Tasks[1].Prompt, stored[1].Prompt);
    }

    [Fact]
    public async Task Changed_batch_settings_are_refused_naming_the_field()
    {
        var batch = Batch(NewId("settings"), tasks: 1, overlap: 2);
        await _batches.ImportAsync(batch);

        var result = await _batches.ImportAsync(batch with { Overlap = 3 });

        Assert.Equal(BatchImportStatus.Refused, result.Status);
        Assert.Equal("overlap", result.Conflict!.Field);
    }

    [Fact]
    public async Task New_tasks_under_new_ids_are_added_to_an_existing_batch()
    {
        var batch = Batch(NewId("grow"), tasks: 2);
        await _batches.ImportAsync(batch);

        var result = await _batches.ImportAsync(batch with { Tasks = [.. batch.Tasks, Evaluate("t9")] });

        Assert.Equal(new BatchImportResult(BatchImportStatus.TasksAdded, 1, 2), result);
    }

    [Fact]
    public async Task Nobody_gets_the_same_task_twice_and_a_full_task_is_not_offered()
    {
        var batch = Batch(NewId("twice"), tasks: 2, overlap: 1);
        await _batches.ImportAsync(batch);
        var reviewer = Reviewer();

        var first = await ClaimAndAnswer(batch.Id, reviewer);
        var second = await ClaimAndAnswer(batch.Id, reviewer);
        var third = await _assignments.ClaimNextAsync(batch.Id, reviewer, Now);
        var someoneElse = await _assignments.ClaimNextAsync(batch.Id, Reviewer(), Now);

        Assert.NotEqual(first.TaskId, second.TaskId);
        Assert.Equal(ClaimStatus.NoneAvailable, third.Status);
        Assert.Equal(ClaimStatus.NoneAvailable, someoneElse.Status);
    }

    [Fact]
    public async Task Asking_again_while_holding_a_task_gives_the_same_task_back()
    {
        var batch = Batch(NewId("holding"), tasks: 3);
        await _batches.ImportAsync(batch);
        var reviewer = Reviewer();

        var first = await _assignments.ClaimNextAsync(batch.Id, reviewer, Now);
        var again = await _assignments.ClaimNextAsync(batch.Id, reviewer, Now.AddMinutes(1));

        Assert.Equal(ClaimStatus.Assigned, first.Status);
        Assert.Equal(ClaimStatus.AlreadyHolding, again.Status);
        Assert.Equal(first.Assignment!.Id, again.Assignment!.Id);
    }

    [Fact]
    public async Task Only_reviewers_with_the_required_credential_and_specialty_get_a_task()
    {
        var batch = Batch(NewId("eligible"), tasks: 1) with
        {
            Tasks = [Evaluate("peds") with { Requirements = new Requirements { Specialties = ["pediatrics"] } }],
            Requirements = new Requirements { Credentials = [Reviewers.Credential.MD, Reviewers.Credential.DO] },
        };
        await _batches.ImportAsync(batch);

        var nurse = await _assignments.ClaimNextAsync(batch.Id, Reviewer(credential: Reviewers.Credential.RN, specialties: "pediatrics"), Now);
        var cardiologist = await _assignments.ClaimNextAsync(batch.Id, Reviewer(specialties: "cardiology"), Now);
        var pediatrician = await _assignments.ClaimNextAsync(batch.Id, Reviewer(credential: Reviewers.Credential.DO, specialties: "Pediatrics"), Now);

        Assert.Equal(ClaimStatus.NoneAvailable, nurse.Status);
        Assert.Equal(ClaimStatus.NoneAvailable, cardiologist.Status);
        Assert.Equal(ClaimStatus.Assigned, pediatrician.Status);
    }

    [Fact]
    public async Task Fifty_reviewers_racing_on_overlap_three_give_exactly_three_answers_per_task()
    {
        var batch = Batch(NewId("race"), tasks: 40, overlap: 3);
        await _batches.ImportAsync(batch);

        var acknowledged = await RaceAsync(batch.Id, Enumerable.Repeat(_assignments, 50).ToList());

        await AssertThreeAnswersPerTaskFromThreeReviewers(batch.Id, acknowledged);
    }

    /// <summary>A multiplexer is one connection, whose commands a server runs in order, so the race above cannot catch
    /// scripts of different connections running interleaved, as Garnet runs them unless started with
    /// <c>--lua-transaction-mode</c>.</summary>
    [Fact]
    public async Task Fifty_reviewers_on_their_own_connections_racing_on_overlap_three_give_exactly_three_answers_per_task()
    {
        var batch = Batch(NewId("race-own"), tasks: 40, overlap: 3);
        await _batches.ImportAsync(batch);
        var connections = new List<ConnectionMultiplexer>();
        try
        {
            // One after another: fifty handshakes at once can overrun the fixtures' short connect timeout on two cores.
            for (var n = 0; n < 50; n++)
            {
                connections.Add(await ConnectionMultiplexer.ConnectAsync(server.Redis.Configuration));
            }
            var acknowledged = await RaceAsync(batch.Id, connections.Select(c => new RedisAssignmentStore(c)).ToList());

            await AssertThreeAnswersPerTaskFromThreeReviewers(batch.Id, acknowledged);
        }
        finally
        {
            await Task.WhenAll(connections.Select(c => c.DisposeAsync().AsTask()));
        }
    }

    /// <summary>Reviewer n claims and answers through <paramref name="stores"/>[n] until nothing is left for them.</summary>
    private static async Task<IReadOnlyCollection<RecordedAnswer>> RaceAsync(string batchId, IReadOnlyList<RedisAssignmentStore> stores)
    {
        var acknowledged = new ConcurrentBag<RecordedAnswer>();
        await Task.WhenAll(stores.Select((store, n) => Task.Run(async () =>
        {
            var reviewer = Reviewer(key: $"web:racer-{batchId}-{n}");
            while ((await store.ClaimNextAsync(batchId, reviewer, Now)).Assignment is { } assignment)
            {
                var result = await store.RecordAsync(Submission(assignment, reviewer), Now.AddSeconds(n));
                Assert.Equal(RecordStatus.Recorded, result.Status);
                acknowledged.Add(result.Answer!);
            }
        })));
        return acknowledged;
    }

    private async Task AssertThreeAnswersPerTaskFromThreeReviewers(string batchId, IReadOnlyCollection<RecordedAnswer> acknowledged)
    {
        var stored = await _batches.ReadAnswersAsync(batchId).ToListAsync();
        Assert.Equal(acknowledged.Select(a => a.AssignmentId).Order(), stored.Select(a => a.AssignmentId).Order());
        Assert.Equal(Enumerable.Range(1, 40).ToDictionary(n => $"t{n}", _ => 3), stored.CountBy(a => a.TaskId).ToDictionary());
        Assert.DoesNotContain(stored.CountBy(a => (a.TaskId, a.ReviewerKey)), answers => answers.Value > 1);
        var progress = await _batches.GetProgressAsync(batchId, Now);
        Assert.Equal(120, progress!.SlotsFilled);
        Assert.Equal(40, progress.TasksComplete);
    }

    [Fact]
    public async Task The_same_submission_sent_five_times_records_once_and_answers_the_same_each_time()
    {
        var batch = Batch(NewId("retry"), tasks: 1, overlap: 2);
        await _batches.ImportAsync(batch);
        var reviewer = Reviewer();
        var assignment = (await _assignments.ClaimNextAsync(batch.Id, reviewer, Now)).Assignment!;

        var results = new List<RecordResult>();
        for (var i = 0; i < 5; i++)
        {
            results.Add(await _assignments.RecordAsync(Submission(assignment, reviewer), Now.AddSeconds(90 + i)));
        }

        Assert.Equal(RecordStatus.Recorded, results[0].Status);
        Assert.All(results.Skip(1), r => Assert.Equal(RecordStatus.AlreadyRecorded, r.Status));
        Assert.All(results, r => Assert.Equal(results[0].Answer, r.Answer, RecordedAnswerComparer.Instance));
        Assert.Single(await _batches.ReadAnswersAsync(batch.Id).ToListAsync());
        Assert.Equal(1, (await _batches.GetProgressAsync(batch.Id, Now))!.SlotsFilled);
    }

    [Fact]
    public async Task A_lapsed_lease_goes_to_the_next_asker_and_the_late_answer_is_refused()
    {
        var batch = Batch(NewId("lapse"), tasks: 1, overlap: 1, leaseMinutes: 30);
        await _batches.ImportAsync(batch);
        var slow = Reviewer();
        var next = Reviewer();
        var lapsed = (await _assignments.ClaimNextAsync(batch.Id, slow, Now)).Assignment!;

        var beforeExpiry = await _assignments.ClaimNextAsync(batch.Id, next, Now.AddMinutes(29));
        var afterExpiry = await _assignments.ClaimNextAsync(batch.Id, next, Now.AddMinutes(31));
        var late = await _assignments.RecordAsync(Submission(lapsed, slow), Now.AddMinutes(32));

        Assert.Equal(ClaimStatus.NoneAvailable, beforeExpiry.Status);
        Assert.Equal(ClaimStatus.Assigned, afterExpiry.Status);
        Assert.Equal(lapsed.TaskId, afterExpiry.Assignment!.TaskId);
        Assert.Equal(RecordStatus.LeaseLapsed, late.Status);
        Assert.Equal(AssignmentState.Lapsed, (await _assignments.GetAsync(lapsed.Id))!.State);
    }

    [Fact]
    public async Task A_skipped_task_returns_to_the_pool_but_never_to_the_reviewer_who_skipped_it()
    {
        var batch = Batch(NewId("skip"), tasks: 1, overlap: 1);
        await _batches.ImportAsync(batch);
        var skipper = Reviewer();
        var assignment = (await _assignments.ClaimNextAsync(batch.Id, skipper, Now)).Assignment!;

        var skip = await _assignments.SkipAsync(new SkipSubmission(assignment.Id, assignment.TaskId, skipper.Key, SkipReason.OutsideExpertise, "Not my field"), Now);
        var skipperAgain = await _assignments.ClaimNextAsync(batch.Id, skipper, Now);
        var other = await _assignments.ClaimNextAsync(batch.Id, Reviewer(), Now);

        Assert.Equal(SkipStatus.Skipped, skip.Status);
        Assert.Equal(ClaimStatus.NoneAvailable, skipperAgain.Status);
        Assert.Equal(ClaimStatus.Assigned, other.Status);
        var progress = await _batches.GetProgressAsync(batch.Id, Now);
        Assert.Equal(1, progress!.Skips);
        Assert.Equal(1, progress.SkipsByReason[SkipReason.OutsideExpertise]);
    }

    [Fact]
    public async Task Answers_are_stamped_with_delivery_capped_active_time_and_pay()
    {
        var batch = Batch(NewId("stamp"), tasks: 2, overlap: 1);
        await _batches.ImportAsync(batch);
        var reviewer = Reviewer();
        var quick = (await _assignments.ClaimNextAsync(batch.Id, reviewer, Now)).Assignment!;
        var quickAnswer = await _assignments.RecordAsync(Submission(quick, reviewer), Now.AddSeconds(120));
        var slow = (await _assignments.ClaimNextAsync(batch.Id, reviewer, Now)).Assignment!;
        var slowAnswer = await _assignments.RecordAsync(Submission(slow, reviewer), Now.AddMinutes(29));

        Assert.Equal(Now, quickAnswer.Answer!.DeliveredAt);
        Assert.Equal(Now.AddSeconds(120), quickAnswer.Answer.SubmittedAt);
        Assert.Equal(120, quickAnswer.Answer.ActiveSeconds);
        Assert.Equal(3.00m, quickAnswer.Answer.Earned);
        Assert.Equal(20 * 60, slowAnswer.Answer!.ActiveSeconds);
        Assert.Equal(30.00m, slowAnswer.Answer.Earned);
        Assert.Equal(GoodEvaluation(), slowAnswer.Answer.Answer);
    }

    [Fact]
    public async Task Progress_counts_answers_by_kind_harm_flags_and_the_median_time()
    {
        var batch = Batch(NewId("progress"), tasks: 3, overlap: 1);
        await _batches.ImportAsync(batch);
        var reviewer = Reviewer();
        var harms = new[] { Harm.None, Harm.Potential, Harm.Severe };
        for (var i = 0; i < 3; i++)
        {
            var a = (await _assignments.ClaimNextAsync(batch.Id, reviewer, Now)).Assignment!;
            await _assignments.RecordAsync(Submission(a, reviewer, GoodEvaluation(harms[i])), Now.AddSeconds(60 * (i + 1)));
        }

        var progress = (await _batches.GetProgressAsync(batch.Id, Now))!;

        Assert.Equal(3, progress.AnswersByKind[TaskKind.Evaluate]);
        Assert.Equal(2, progress.HarmFlags);
        Assert.Equal(1, progress.SevereHarmFlags);
        Assert.Equal(120, progress.MedianSecondsPerAnswer);
        Assert.Equal(3, progress.TasksComplete);
    }

    [Fact]
    public async Task The_batch_due_soonest_is_listed_first_and_a_closed_batch_gives_no_new_tasks()
    {
        var later = Batch(NewId("later"), tasks: 1, dueAt: Now.AddDays(900));
        var sooner = Batch(NewId("sooner"), tasks: 1, dueAt: Now.AddDays(800));
        await _batches.ImportAsync(later);
        await _batches.ImportAsync(sooner);

        await _batches.CloseAsync(later.Id);
        var listed = (await _batches.ListAsync()).Select(b => b.Id).ToList();
        var claim = await _assignments.ClaimNextAsync(later.Id, Reviewer(), Now);

        Assert.True(listed.IndexOf(sooner.Id) < listed.IndexOf(later.Id));
        Assert.Equal(ClaimStatus.BatchClosed, claim.Status);
        Assert.True((await _batches.ListAsync()).Single(b => b.Id == later.Id).Closed);
    }

    private async Task<Assignment> ClaimAndAnswer(string batchId, Reviewers.Reviewer reviewer)
    {
        var assignment = (await _assignments.ClaimNextAsync(batchId, reviewer, Now)).Assignment!;
        Assert.Equal(RecordStatus.Recorded, (await _assignments.RecordAsync(Submission(assignment, reviewer), Now.AddMinutes(1))).Status);
        return assignment;
    }
}

public sealed class GarnetStoreBehaviour(EmbeddedGarnetServer server) : StoreBehaviour<EmbeddedGarnetServer>(server), IClassFixture<EmbeddedGarnetServer>;

public sealed class RedisServerStoreBehaviour(RedisServerProcess server) : StoreBehaviour<RedisServerProcess>(server), IClassFixture<RedisServerProcess>;
