using ReviewBot.Testing;
using static ReviewBot.Storage.Tests.TestData;

namespace ReviewBot.Storage.Tests;

/// <summary>What the outbox promises on every server it runs on: an answer's follow-ups are written with the answer
/// and only then; a claimed message is hidden from other sweepers and comes back if its claimer dies; a message that
/// keeps failing is parked, not lost; a lapsed lease waits to be told to its holder until it is.</summary>
public abstract class OutboxBehaviour<TServer>(TServer server) where TServer : IRedisServer
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 14, 0, 0, TimeSpan.Zero);

    private readonly RedisBatchStore _batches = new(server.Redis);
    private readonly RedisAssignmentStore _assignments = new(server.Redis);
    private readonly RedisOutbox _outbox = new(server.Redis);

    [Fact]
    public async Task An_answer_s_follow_ups_are_in_its_batch_outbox_once_however_often_it_is_sent()
    {
        var batch = Batch(NewId("follow"), tasks: 1);
        await _batches.ImportAsync(batch);
        var reviewer = Reviewer();
        var assignment = (await _assignments.ClaimNextAsync(batch.Id, reviewer, Now)).Assignment!;
        var submission = Submission(assignment, reviewer) with { FollowUps = ["""{"alert":1}""", """{"alert":2}"""] };

        await _assignments.RecordAsync(submission, Now.AddMinutes(1));
        await _assignments.RecordAsync(submission, Now.AddMinutes(2));

        Assert.Equal(["""{"alert":1}""", """{"alert":2}"""], (await _outbox.ListAsync(RedisKeys.Batch(batch.Id).Outbox, Now)).Select(e => e.Json));
    }

    [Fact]
    public async Task An_answer_that_is_not_recorded_leaves_nothing_in_the_outbox()
    {
        var batch = Batch(NewId("lapsed"), tasks: 1, leaseMinutes: 5);
        await _batches.ImportAsync(batch);
        var reviewer = Reviewer();
        var assignment = (await _assignments.ClaimNextAsync(batch.Id, reviewer, Now)).Assignment!;

        var late = await _assignments.RecordAsync(Submission(assignment, reviewer) with { FollowUps = ["""{"alert":1}"""] }, Now.AddMinutes(6));

        Assert.Equal(Assignments.RecordStatus.LeaseLapsed, late.Status);
        Assert.Empty(await _outbox.ListAsync(RedisKeys.Batch(batch.Id).Outbox, Now));
    }

    [Fact]
    public async Task A_claimed_message_is_hidden_from_other_sweepers_and_comes_back_when_its_claimer_dies()
    {
        var box = await FreshOutboxWithAsync("one");

        var first = await _outbox.ClaimDueAsync(box, Now, TimeSpan.FromMinutes(1), 10);
        var meanwhile = await _outbox.ClaimDueAsync(box, Now.AddSeconds(30), TimeSpan.FromMinutes(1), 10);
        var afterTheHold = await _outbox.ClaimDueAsync(box, Now.AddMinutes(2), TimeSpan.FromMinutes(1), 10);

        Assert.Equal(["one"], first.Select(m => m.Json));
        Assert.Equal(OutboxState.InFlight, Assert.Single(await _outbox.ListAsync(box, Now.AddSeconds(30))).State);
        Assert.Empty(meanwhile);
        Assert.Equal(["one"], afterTheHold.Select(m => m.Json));
    }

    [Fact]
    public async Task A_delivered_message_never_comes_back()
    {
        var box = await FreshOutboxWithAsync("sent");
        var claimed = Assert.Single(await _outbox.ClaimDueAsync(box, Now, TimeSpan.FromMinutes(1), 10));

        await _outbox.DoneAsync(claimed);

        Assert.Empty(await _outbox.ClaimDueAsync(box, Now.AddHours(1), TimeSpan.FromMinutes(1), 10));
        Assert.Empty(await _outbox.ListAsync(box, Now));
    }

    [Fact]
    public async Task A_failed_send_is_tried_again_later_and_parked_after_the_last_try_not_lost()
    {
        var box = await FreshOutboxWithAsync("failing");
        var at = Now;
        var parked = false;
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            var claimed = Assert.Single(await _outbox.ClaimDueAsync(box, at, TimeSpan.FromMinutes(1), 10));
            Assert.Equal(attempt - 1, claimed.Failures);
            Assert.Empty(await _outbox.ClaimDueAsync(box, at.AddSeconds(9), TimeSpan.FromMinutes(1), 10));
            parked = await _outbox.FailedAsync(claimed, at, TimeSpan.FromSeconds(10), maxFailures: 3);
            at = at.AddSeconds(10);
        }

        Assert.True(parked);
        Assert.Empty(await _outbox.ClaimDueAsync(box, Now.AddDays(1), TimeSpan.FromMinutes(1), 10));
        var parkedEntry = Assert.Single(await _outbox.ListAsync(box, Now.AddDays(1)));
        Assert.Equal(("failing", OutboxState.Parked, 3), (parkedEntry.Json, parkedEntry.State, parkedEntry.Failures));
    }

    [Fact]
    public async Task A_lapsed_lease_frees_its_slot_and_is_to_be_told_until_its_holder_was_told()
    {
        var batch = Batch(NewId("lapse"), tasks: 1, leaseMinutes: 5);
        await _batches.ImportAsync(batch);
        var holder = Reviewer();
        var held = (await _assignments.ClaimNextAsync(batch.Id, holder, Now)).Assignment!;

        var early = await _assignments.LapseDueAsync(batch.Id, Now.AddMinutes(4));
        var lapsed = await _assignments.LapseDueAsync(batch.Id, Now.AddMinutes(6));
        var notYetTold = await _assignments.LapseDueAsync(batch.Id, Now.AddMinutes(7));
        await _assignments.ToldOfLapseAsync(held.Id);
        var afterTelling = await _assignments.LapseDueAsync(batch.Id, Now.AddMinutes(8));
        var nextAsker = await _assignments.ClaimNextAsync(batch.Id, Reviewer(), Now.AddMinutes(8));

        Assert.Empty(early);
        Assert.Equal([(held.Id, holder.Key)], lapsed.Select(a => (a.Id, a.ReviewerKey)));
        Assert.Equal([held.Id], notYetTold.Select(a => a.Id));
        Assert.Empty(afterTelling);
        Assert.Equal(held.TaskId, nextAsker.Assignment!.TaskId);
        Assert.Equal(1, (await _batches.GetProgressAsync(batch.Id, Now.AddMinutes(8)))!.OpenAssignments);
    }

    /// <summary>A batch's outbox of its own, holding one message due now: each test reads only its own messages.</summary>
    private async Task<OutboxKeys> FreshOutboxWithAsync(string message)
    {
        var batch = Batch(NewId("box"), tasks: 1);
        await _batches.ImportAsync(batch);
        var reviewer = Reviewer();
        var assignment = (await _assignments.ClaimNextAsync(batch.Id, reviewer, Now)).Assignment!;
        await _assignments.RecordAsync(Submission(assignment, reviewer) with { FollowUps = [message] }, Now);
        return RedisKeys.Batch(batch.Id).Outbox;
    }
}

public sealed class GarnetOutboxBehaviour(EmbeddedGarnetServer server) : OutboxBehaviour<EmbeddedGarnetServer>(server), IClassFixture<EmbeddedGarnetServer>;

public sealed class RedisServerOutboxBehaviour(RedisServerProcess server) : OutboxBehaviour<RedisServerProcess>(server), IClassFixture<RedisServerProcess>;
