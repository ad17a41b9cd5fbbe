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
    private readonly RedisReviewerStore _reviewers = new(server.Redis);

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
            // Each waits as long as it must: on a busy machine fifty connections queue behind the embedded Garnet's
            // commit wait, and what is tested is how many answers are kept, not how fast.
            var patient = ConfigurationOptions.Parse(server.Redis.Configuration);
            patient.AsyncTimeout = patient.SyncTimeout = 60_000;
            for (var n = 0; n < 50; n++)
            {
                connections.Add(await ConnectionMultiplexer.ConnectAsync(patient));
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

        var skip = await _assignments.SkipAsync(new SkipSubmission(assignment.Id, assignment.TaskId, skipper, SkipReason.OutsideExpertise, "Not my field"), Now);
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

    [Fact]
    public async Task One_person_on_two_keys_racing_on_their_own_connections_never_gets_a_task_twice()
    {
        var batch = Batch(NewId("person-race"), tasks: 12, overlap: 3);
        await _batches.ImportAsync(batch);
        var (slack, teams) = await OnePersonOnTwoKeys();
        var racers = new[] { slack, teams, Reviewer() };
        var connections = new List<ConnectionMultiplexer>();
        try
        {
            foreach (var _ in racers)
            {
                connections.Add(await ConnectionMultiplexer.ConnectAsync(server.Redis.Configuration));
            }
            await Task.WhenAll(racers.Select((reviewer, n) => Task.Run(async () =>
            {
                var store = new RedisAssignmentStore(connections[n]);
                for (var round = 0; round < 100; round++)
                {
                    var claim = await store.ClaimNextAsync(batch.Id, reviewer, Now);
                    if (claim.Assignment is { } assignment)
                    {
                        // The other key may have been handed the same held task and answered it first.
                        var result = await store.RecordAsync(Submission(assignment, reviewer), Now.AddSeconds(30));
                        Assert.Contains(result.Status, new[] { RecordStatus.Recorded, RecordStatus.AlreadyRecorded });
                    }
                    else if (claim.Status is ClaimStatus.NoneAvailable or ClaimStatus.BatchClosed or ClaimStatus.NoSuchBatch)
                    {
                        return;
                    }
                }
                Assert.Fail($"{reviewer.Key} was still being given tasks after 100 rounds.");
            })));
        }
        finally
        {
            await Task.WhenAll(connections.Select(c => c.DisposeAsync().AsTask()));
        }

        var stored = await _batches.ReadAnswersAsync(batch.Id).ToListAsync();
        var byThePerson = stored.Where(a => a.ReviewerKey == slack.Key || a.ReviewerKey == teams.Key).CountBy(a => a.TaskId).ToDictionary();
        Assert.Equal(batch.Tasks.ToDictionary(t => t.Id, _ => 1), byThePerson);
    }

    [Fact]
    public async Task A_task_answered_on_one_key_is_never_offered_on_the_other()
    {
        var batch = Batch(NewId("person-seen"), tasks: 1, overlap: 2);
        await _batches.ImportAsync(batch);
        var (slack, teams) = await OnePersonOnTwoKeys();

        await ClaimAndAnswer(batch.Id, slack);
        var onTeams = await _assignments.ClaimNextAsync(batch.Id, teams, Now.AddMinutes(2));
        var someoneElse = await _assignments.ClaimNextAsync(batch.Id, Reviewer(), Now.AddMinutes(2));

        Assert.Equal(ClaimStatus.NoneAvailable, onTeams.Status);
        Assert.Equal(ClaimStatus.Assigned, someoneElse.Status);
    }

    [Fact]
    public async Task Asking_on_the_other_key_while_holding_a_task_gives_that_task_back()
    {
        var batch = Batch(NewId("person-holding"), tasks: 3, overlap: 2);
        await _batches.ImportAsync(batch);
        var (slack, teams) = await OnePersonOnTwoKeys();

        var held = await _assignments.ClaimNextAsync(batch.Id, slack, Now);
        var onTeams = await _assignments.ClaimNextAsync(batch.Id, teams, Now.AddMinutes(1));

        Assert.Equal(ClaimStatus.Assigned, held.Status);
        Assert.Equal(ClaimStatus.AlreadyHolding, onTeams.Status);
        Assert.Equal(held.Assignment!.Id, onTeams.Assignment!.Id);
    }

    [Fact]
    public async Task An_answer_from_the_persons_other_key_is_recorded_and_one_from_another_person_is_refused()
    {
        var batch = Batch(NewId("person-record"), tasks: 1, overlap: 2);
        await _batches.ImportAsync(batch);
        var (slack, teams) = await OnePersonOnTwoKeys();
        var held = (await _assignments.ClaimNextAsync(batch.Id, slack, Now)).Assignment!;

        var fromSomeoneElse = await _assignments.RecordAsync(Submission(held, Reviewer()), Now.AddMinutes(3));
        var fromTeams = await _assignments.RecordAsync(Submission(held, teams), Now.AddMinutes(4));

        Assert.Equal(RecordStatus.Mismatch, fromSomeoneElse.Status);
        Assert.Equal(RecordStatus.Recorded, fromTeams.Status);
        Assert.Equal((teams.Key, 4 * 60), (fromTeams.Answer!.ReviewerKey, fromTeams.Answer.ActiveSeconds));
    }

    [Fact]
    public async Task A_person_holding_a_task_in_one_batch_gets_nothing_from_another_until_it_is_answered()
    {
        var first = Batch(NewId("person-first"), tasks: 1);
        var second = Batch(NewId("person-second"), tasks: 1);
        await _batches.ImportAsync(first);
        await _batches.ImportAsync(second);
        var (slack, teams) = await OnePersonOnTwoKeys();
        var held = (await _assignments.ClaimNextAsync(first.Id, slack, Now)).Assignment!;

        var sameKey = await _assignments.ClaimNextAsync(second.Id, slack, Now.AddMinutes(1));
        var otherKey = await _assignments.ClaimNextAsync(second.Id, teams, Now.AddMinutes(1));
        await _assignments.RecordAsync(Submission(held, slack), Now.AddMinutes(2));
        var afterAnswering = await _assignments.ClaimNextAsync(second.Id, teams, Now.AddMinutes(3));

        Assert.Equal((ClaimStatus.AlreadyHolding, held.Id), (sameKey.Status, sameKey.Assignment?.Id));
        Assert.Equal((ClaimStatus.AlreadyHolding, held.Id), (otherKey.Status, otherKey.Assignment?.Id));
        Assert.Equal(ClaimStatus.Assigned, afterAnswering.Status);
        Assert.Equal(second.Id, afterAnswering.Assignment!.BatchId);
    }

    [Fact]
    public async Task An_alias_listed_only_under_alsoKnownAs_is_on_the_roster_as_the_same_person()
    {
        var batch = Batch(NewId("person-alias"), tasks: 1, overlap: 2);
        await _batches.ImportAsync(batch);
        var slack = Reviewer(NewId("slack:U")) with { Name = "Dr. Kofi Mensah" };
        var teamsKey = NewId("teams:");
        await _reviewers.UpsertAsync([slack with { AlsoKnownAs = [teamsKey] }]);

        await ClaimAndAnswer(batch.Id, (await _reviewers.GetAsync(slack.Key))!);
        var teams = await _reviewers.GetAsync(teamsKey);

        Assert.NotNull(teams);
        Assert.Equal((slack.Name, slack.Credential, true), (teams.Name, teams.Credential, teams.Verified));
        Assert.Equal(ClaimStatus.NoneAvailable, (await _assignments.ClaimNextAsync(batch.Id, teams, Now.AddMinutes(2))).Status);
    }

    [Fact]
    public async Task A_later_import_of_one_key_without_its_alias_keeps_them_one_person()
    {
        var batch = Batch(NewId("person-reimport"), tasks: 1, overlap: 2);
        await _batches.ImportAsync(batch);
        var (slack, teams) = await OnePersonOnTwoKeys();
        await ClaimAndAnswer(batch.Id, slack);

        await _reviewers.UpsertAsync([teams with { AlsoKnownAs = [], WeeklyHours = 5 }]);
        var teamsNow = (await _reviewers.GetAsync(teams.Key))!;

        Assert.Equal(5, (await _reviewers.GetAsync(slack.Key))!.WeeklyHours);
        Assert.Equal(ClaimStatus.NoneAvailable, (await _assignments.ClaimNextAsync(batch.Id, teamsNow, Now.AddMinutes(2))).Status);
    }

    [Fact]
    public async Task Linking_two_keys_that_each_already_worked_keeps_what_both_have_had()
    {
        var batch = Batch(NewId("person-merge"), tasks: 3, overlap: 3);
        await _batches.ImportAsync(batch);
        var slack = Reviewer(NewId("slack:U"));
        var teams = Reviewer(NewId("teams:"));
        await _reviewers.UpsertAsync([slack, teams]);
        var onSlack = await ClaimAndAnswer(batch.Id, (await _reviewers.GetAsync(slack.Key))!);
        var teamsAlone = (await _reviewers.GetAsync(teams.Key))!;
        var onTeams = new[] { await ClaimAndAnswer(batch.Id, teamsAlone), await ClaimAndAnswer(batch.Id, teamsAlone) };

        await _reviewers.UpsertAsync([teams with { AlsoKnownAs = [slack.Key] }]);
        var linked = await ClaimAndAnswer(batch.Id, (await _reviewers.GetAsync(slack.Key))!);
        var afterwards = await _assignments.ClaimNextAsync(batch.Id, (await _reviewers.GetAsync(teams.Key))!, Now.AddMinutes(5));

        Assert.Equal(("t1", "t1", "t2"), (onSlack.TaskId, onTeams[0].TaskId, onTeams[1].TaskId));
        Assert.Equal("t3", linked.TaskId);
        Assert.Equal(ClaimStatus.NoneAvailable, afterwards.Status);
    }

    [Fact]
    public async Task Verifying_one_key_verifies_the_person_on_every_key()
    {
        var slackKey = NewId("slack:U");
        var teamsKey = NewId("teams:");
        await _reviewers.UpsertAsync([Reviewer(slackKey) with { Verified = false, AlsoKnownAs = [teamsKey] }, Reviewer(teamsKey) with { Verified = false }]);

        await _reviewers.VerifyAsync(teamsKey, Reviewers.Credential.DO, ["pediatrics"]);
        var slack = (await _reviewers.GetAsync(slackKey))!;

        Assert.Equal((true, Reviewers.Credential.DO), (slack.Verified, slack.Credential));
        Assert.Equal(["pediatrics"], slack.Specialties);
    }

    [Fact]
    public async Task A_profile_saved_on_one_key_reaches_every_key_and_keeps_them_one_person()
    {
        var batch = Batch(NewId("person-profile"), tasks: 1, overlap: 2);
        await _batches.ImportAsync(batch);
        var (slack, teams) = await OnePersonOnTwoKeys();

        // A change that builds the record afresh, as a form might, must not cut the person in two.
        await _reviewers.UpdateAsync(teams.Key, current => new Reviewers.Reviewer
        {
            Key = current.Key, Name = "Dr. Renamed", Credential = current.Credential, Specialties = current.Specialties, Verified = true, WeeklyHours = 4,
        });
        var slackNow = (await _reviewers.GetAsync(slack.Key))!;
        await ClaimAndAnswer(batch.Id, slackNow);

        Assert.Equal(("Dr. Renamed", 4.0), (slackNow.Name, slackNow.WeeklyHours));
        Assert.Equal(ClaimStatus.NoneAvailable, (await _assignments.ClaimNextAsync(batch.Id, (await _reviewers.GetAsync(teams.Key))!, Now.AddMinutes(2))).Status);
    }

    /// <summary>What a process that died halfway through a claim or an answer leaves in the person's lease, and that
    /// the next claim must neither trust blindly nor wait on for ever.</summary>
    [Fact]
    public async Task A_lease_a_crash_left_behind_neither_blocks_the_person_for_long_nor_gives_them_a_second_task()
    {
        var first = Batch(NewId("crash-first"), tasks: 1);
        var second = Batch(NewId("crash-second"), tasks: 1);
        await _batches.ImportAsync(first);
        await _batches.ImportAsync(second);
        var (slack, teams) = await OnePersonOnTwoKeys();
        var db = server.Redis.GetDatabase();
        var lease = RedisKeys.PersonLease(slack.Person);

        // Died while claiming: the other key is told to ask again rather than kept waiting.
        await db.StringSetAsync(lease, "claiming:died", TimeSpan.FromSeconds(10));
        var whileClaiming = await _assignments.ClaimNextAsync([first.Id, second.Id], teams, Now);
        await db.KeyDeleteAsync(lease);
        // Died after the batch script, before the hand-over: a task is held that no lease names.
        var held = (await _assignments.ClaimNextAsync([first.Id], slack, Now)).Assignment!;
        await db.KeyDeleteAsync(lease);
        var whileHolding = await _assignments.ClaimNextAsync([second.Id, first.Id], teams, Now.AddMinutes(1));
        // Died after recording, before letting go: the lease names an answered task.
        await _assignments.RecordAsync(Submission(held, slack), Now.AddMinutes(2));
        await db.StringSetAsync(lease, held.Id, TimeSpan.FromMinutes(30));
        var afterAnswering = await _assignments.ClaimNextAsync([second.Id, first.Id], teams, Now.AddMinutes(3));

        Assert.Equal(ClaimStatus.Busy, whileClaiming.Status);
        Assert.Equal((ClaimStatus.AlreadyHolding, held.Id), (whileHolding.Status, whileHolding.Assignment?.Id));
        Assert.Equal((ClaimStatus.Assigned, second.Id), (afterAnswering.Status, afterAnswering.Assignment?.BatchId));
        Assert.Equal(afterAnswering.Assignment!.Id, (string?)await db.StringGetAsync(lease));
    }

    /// <summary>One clinician on Slack and on Teams. Both keys are listed and only the Slack entry names the other,
    /// so the store has to link them from one side.</summary>
    private async Task<(Reviewers.Reviewer Slack, Reviewers.Reviewer Teams)> OnePersonOnTwoKeys()
    {
        var slack = Reviewer(NewId("slack:U"));
        var teams = Reviewer(NewId("teams:"));
        await _reviewers.UpsertAsync([slack with { AlsoKnownAs = [teams.Key] }, teams]);
        return ((await _reviewers.GetAsync(slack.Key))!, (await _reviewers.GetAsync(teams.Key))!);
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
