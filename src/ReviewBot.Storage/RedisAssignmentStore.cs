using System.Globalization;
using System.Text.Json;
using ReviewBot.Answers;
using ReviewBot.Assignments;
using ReviewBot.Quality;
using ReviewBot.Reviewers;
using StackExchange.Redis;

namespace ReviewBot.Storage;

/// <summary>
/// Leases, answers and skips, each one atomic script in the batch's hash slot, plus one key per person outside any
/// batch for the rule that a person works on one task at a time (DESIGN §3 <c>alsoKnownAs</c>: on every key of theirs).
/// No batch script can see another batch, so the person's lease (<see cref="RedisKeys.PersonLease"/>) is taken with
/// SET NX before any batch is asked, handed to the assignment the claim gives, and let go when it gives none or the
/// assignment is answered or skipped. The lease only says where to look: the assignment it names decides (open and
/// live: the person holds it; answered, skipped or lapsed: the lease is stale and is let go), and its time to live is
/// there so that nothing a crash leaves blocks anyone for long. A crash, or a fail-over that loses the lease's last
/// write, leaves one of these, and the next claim copes:
/// <list type="bullet">
/// <item>"claiming" and no task: the claim died before the batch script ran; the lease runs out after
/// <see cref="ClaimingTime"/>, and until then the person's other keys are told a task is on its way (Busy).</item>
/// <item>"claiming", or no lease, and a task held in a batch: the claim died between the batch script and the
/// hand-over; once the lease is free the next claim reads every batch's holding hash first, finds that task and hands
/// the lease to it, so no second task is given.</item>
/// <item>a finished assignment: the release after recording was lost; the next claim sees it is done and lets go.</item>
/// </list>
/// A claim slower than <see cref="ClaimingTime"/> can lose its lease to another claim of the same person: its
/// hand-over then changes nothing and the person briefly holds two tasks of different batches, both theirs to
/// answer. Nothing can be answered twice even then: each batch's seen set is the person's.
/// An assignment is the person's, not the key's: an answer or skip from any key of theirs is taken, since asking on
/// another key hands them that very card; one from another person is refused as a mismatch.
/// </summary>
public sealed class RedisAssignmentStore(IConnectionMultiplexer redis) : IAssignmentStore
{
    private static readonly TimeSpan ClaimingTime = TimeSpan.FromSeconds(10);
    private const string Claiming = "claiming:";
    // A claim is a few round trips; a second key asking meanwhile waits about a second for its result, then is told.
    private static readonly TimeSpan WaitStep = TimeSpan.FromMilliseconds(25);
    private const int Waits = 40;

    private IDatabase Db => redis.GetDatabase();

    public Task<ClaimResult> ClaimNextAsync(string batchId, Reviewer reviewer, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        ClaimNextAsync([batchId], reviewer, now, cancellationToken);

    public async Task<ClaimResult> ClaimNextAsync(IReadOnlyList<string> batchIds, Reviewer reviewer, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var db = Db;
        var lease = RedisKeys.PersonLease(reviewer.Person);
        var mine = Claiming + Guid.NewGuid().ToString("N");
        for (var tries = 0; !await db.StringSetAsync(lease, mine, ClaimingTime, When.NotExists).ConfigureAwait(false); tries++)
        {
            if (tries == Waits)
            {
                return new ClaimResult(ClaimStatus.Busy);
            }
            var holder = (string?)await db.StringGetAsync(lease).ConfigureAwait(false);
            if (holder is null)
            {
                continue;
            }
            if (holder.StartsWith(Claiming, StringComparison.Ordinal))
            {
                await Task.Delay(WaitStep, cancellationToken).ConfigureAwait(false);
                continue;
            }
            if (await GetAsync(holder, cancellationToken).ConfigureAwait(false) is { State: AssignmentState.Open } held && held.LeaseExpiresAt > now)
            {
                return new ClaimResult(ClaimStatus.AlreadyHolding, held);
            }
            await LetGoAsync(db, lease, holder).ConfigureAwait(false);
        }

        var claim = await ClaimWhileLeasedAsync(db, batchIds, reviewer, now, cancellationToken).ConfigureAwait(false);
        await (claim.Assignment is { } given ? HandOverAsync(db, lease, mine, given, now) : LetGoAsync(db, lease, mine)).ConfigureAwait(false);
        return claim;
    }

    private async Task<ClaimResult> ClaimWhileLeasedAsync(IDatabase db, IReadOnlyList<string> batchIds, Reviewer reviewer, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        if ((await OpenAssignmentsAsync(reviewer, batchIds, now, cancellationToken).ConfigureAwait(false)).FirstOrDefault() is { } held)
        {
            return new ClaimResult(ClaimStatus.AlreadyHolding, held);
        }
        var claim = new ClaimResult(ClaimStatus.NoneAvailable);
        foreach (var batchId in batchIds)
        {
            claim = await ClaimInBatchAsync(db, batchId, reviewer, now).ConfigureAwait(false);
            if (claim.Assignment is not null)
            {
                break;
            }
        }
        return claim;
    }

    private static async Task<ClaimResult> ClaimInBatchAsync(IDatabase db, string batchId, Reviewer reviewer, DateTimeOffset now)
    {
        var keys = RedisKeys.Batch(batchId);
        var result = await Scripts.ClaimTask.RunAsync(db,
            [
                keys.Rules, keys.Open, keys.Order, keys.Taken, keys.Seen(reviewer.Person), keys.Leases, keys.Holding, keys.Requirements,
                keys.Sequence, keys.Assignments, keys.LapsedToTell, keys.Slots, keys.Gold, keys.GoldMix, .. reviewer.MergedFrom.Select(id => keys.Seen(id)),
            ],
            [
                now.ToUnixTimeMilliseconds(), Iso(now), reviewer.Key, reviewer.Credential?.ToString() ?? "",
                RequirementsCode.List(reviewer.Specialties.Select(Specialty.Normalize)), batchId, reviewer.Person,
            ]).ConfigureAwait(false);

        return (string?)result[0] switch
        {
            "assigned" => new ClaimResult(ClaimStatus.Assigned, ReadClaim(batchId, result)),
            "holding" => new ClaimResult(ClaimStatus.AlreadyHolding, ReadClaim(batchId, result)),
            "closed" => new ClaimResult(ClaimStatus.BatchClosed),
            "missing" => new ClaimResult(ClaimStatus.NoSuchBatch),
            _ => new ClaimResult(ClaimStatus.NoneAvailable),
        };
    }

    /// <summary>The person's lease, still <paramref name="expected"/>, names <paramref name="to"/> for as long as that
    /// assignment's own lease runs.</summary>
    private static Task HandOverAsync(IDatabase db, RedisKey lease, string expected, Assignment to, DateTimeOffset now) =>
        Scripts.PersonLease.EvaluateAsync(db, [lease], [expected, to.Id, Math.Max(1, (long)(to.LeaseExpiresAt - now).TotalMilliseconds)]);

    private static Task LetGoAsync(IDatabase db, RedisKey lease, string expected) =>
        Scripts.PersonLease.EvaluateAsync(db, [lease], [expected, "", 0]);

    private static Assignment ReadClaim(string batchId, RedisResult[] result) => new()
    {
        Id = (string)result[1]!,
        BatchId = batchId,
        TaskId = (string)result[2]!,
        ReviewerKey = (string)result[5]!,
        DeliveredAt = DateTimeOffset.Parse((string)result[3]!, CultureInfo.InvariantCulture),
        LeaseExpiresAt = DateTimeOffset.FromUnixTimeMilliseconds(long.Parse((string)result[4]!, CultureInfo.InvariantCulture)),
    };

    /// <summary>ARGV for the scripts that check an assignment is the submitter's: their person ids between spaces,
    /// which no key contains.</summary>
    private static string PersonIds(Reviewer reviewer) => " " + string.Join(" ", reviewer.PersonIds) + " ";

    public async Task<IReadOnlyList<Assignment>> LapseDueAsync(string batchId, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var keys = RedisKeys.Batch(batchId);
        var db = Db;
        await Scripts.LapseLeases.EvaluateAsync(db, [keys.Leases, keys.Assignments, keys.Taken, keys.Open, keys.Order, keys.Holding, keys.LapsedToTell, keys.Gold],
            [now.ToUnixTimeMilliseconds()]).ConfigureAwait(false);
        var lapsed = new List<Assignment>();
        foreach (var id in await db.SetMembersAsync(keys.LapsedToTell).ConfigureAwait(false))
        {
            if (await GetAsync(id.ToString(), cancellationToken).ConfigureAwait(false) is { } assignment)
            {
                lapsed.Add(assignment);
            }
        }
        return lapsed;
    }

    public async Task ToldOfLapseAsync(string assignmentId, CancellationToken cancellationToken = default)
    {
        if (Assignment.TryBatchOf(assignmentId, out var batchId))
        {
            await Db.SetRemoveAsync(RedisKeys.Batch(batchId).LapsedToTell, assignmentId).ConfigureAwait(false);
        }
    }

    public async Task<Assignment?> GetAsync(string assignmentId, CancellationToken cancellationToken = default)
    {
        if (!Assignment.TryBatchOf(assignmentId, out var batchId))
        {
            return null;
        }
        var fields = await Db.HashGetAsync(RedisKeys.Batch(batchId).Assignments,
            BatchKeys.AssignmentFields(assignmentId, "task", "reviewer", "deliveredAt", "expiresMs", "state")).ConfigureAwait(false);
        if (fields[0].IsNull)
        {
            return null;
        }
        return new Assignment
        {
            Id = assignmentId,
            BatchId = batchId,
            TaskId = fields[0]!,
            ReviewerKey = fields[1]!,
            DeliveredAt = DateTimeOffset.Parse(fields[2]!, CultureInfo.InvariantCulture),
            LeaseExpiresAt = DateTimeOffset.FromUnixTimeMilliseconds((long)fields[3]),
            State = fields[4].ToString() switch
            {
                "answered" => AssignmentState.Answered,
                "skipped" => AssignmentState.Skipped,
                "lapsed" => AssignmentState.Lapsed,
                _ => AssignmentState.Open,
            },
        };
    }

    public async Task<RecordResult> RecordAsync(AnswerSubmission submission, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        if (!Assignment.TryBatchOf(submission.AssignmentId, out var batchId))
        {
            return new RecordResult(RecordStatus.NoSuchAssignment);
        }
        var keys = RedisKeys.Batch(batchId);
        var db = Db;
        var reviewer = submission.Reviewer;
        var result = await Scripts.RecordAnswer.RunAsync(db,
            [
                keys.Assignments, keys.Leases, keys.Holding, keys.Answers, keys.Stats, keys.Durations,
                keys.Answered, keys.Outbox.Items, keys.Ledger(reviewer.Person), keys.Outbox.Due,
                keys.Rules, keys.Slots, keys.Opinions, keys.Open, keys.Order, keys.Adjudication, keys.Gold,
            ],
            [
                submission.AssignmentId, PersonIds(reviewer), submission.TaskId, now.ToUnixTimeMilliseconds(),
                UnstampedAnswerJson(submission, batchId, now), submission.ActiveSecondsCap,
                submission.PerTask?.ToString("0.00", CultureInfo.InvariantCulture) ?? "",
                submission.HourlyRate.ToString(CultureInfo.InvariantCulture), ContractWords<Tasks.TaskKind>.Of(submission.Kind), HarmWord(submission.Answer),
                FollowUpLines(submission.FollowUps), Opinion.Of(submission.Answer) ?? "",
            ]).ConfigureAwait(false);

        await LetGoUnlessRefusedAsync(db, reviewer, submission.AssignmentId, (string?)result[0]).ConfigureAwait(false);
        return (string?)result[0] switch
        {
            "recorded" => new RecordResult(RecordStatus.Recorded, ReadAnswer(result[1])) { Overlap = Outcome((string?)result[2]) },
            "duplicate" => new RecordResult(RecordStatus.AlreadyRecorded, ReadAnswer(result[1])),
            "lapsed" => new RecordResult(RecordStatus.LeaseLapsed),
            "skipped" => new RecordResult(RecordStatus.AlreadySkipped),
            "mismatch" => new RecordResult(RecordStatus.Mismatch),
            _ => new RecordResult(RecordStatus.NoSuchAssignment),
        };
    }

    private static OverlapOutcome Outcome(string? word) => word switch
    {
        "grown" => OverlapOutcome.Grown,
        "split" => OverlapOutcome.Split,
        _ => OverlapOutcome.Settled,
    };

    private static string FollowUpLines(IReadOnlyList<string> followUps) =>
        followUps.Any(m => m.Contains('\n', StringComparison.Ordinal))
            ? throw new ArgumentException("A follow-up message must be compact JSON, on one line.", nameof(followUps))
            : string.Join('\n', followUps);

    /// <summary>The answer as JSON without its closing brace: the script appends delivery time, active time and pay
    /// from its own copy of the assignment, so recording needs no read before the write.</summary>
    private static string UnstampedAnswerJson(AnswerSubmission submission, string batchId, DateTimeOffset now)
    {
        var unstamped = new UnstampedAnswer(submission.AssignmentId, batchId, submission.TaskId, submission.Kind,
            submission.Reviewer.Key, submission.Reviewer.Credential, now, submission.Answer, submission.Reviewer.Specialties, submission.TemplateVersion);
        var json = JsonSerializer.Serialize(unstamped, ReviewBotJson.Options);
        return json[..^1];
    }

    private sealed record UnstampedAnswer(string AssignmentId, string BatchId, string TaskId, Tasks.TaskKind Kind,
        string ReviewerKey, Credential? Credential, DateTimeOffset SubmittedAt, Answer Answer, IReadOnlyList<string> Specialties, int? TemplateVersion);

    private static string HarmWord(Answer answer) => answer switch
    {
        EvaluationAnswer { Harm: Harm.Severe } => "severe",
        EvaluationAnswer { Harm: Harm.Potential } => "flag",
        RankingAnswer { Harmful.Count: > 0 } => "flag",
        _ => "none",
    };

    private static RecordedAnswer ReadAnswer(RedisResult json) =>
        JsonSerializer.Deserialize<RecordedAnswer>((string)json!, ReviewBotJson.Options)!;

    public async Task<SkipResult> SkipAsync(SkipSubmission submission, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        if (!Assignment.TryBatchOf(submission.AssignmentId, out var batchId))
        {
            return new SkipResult(SkipStatus.NoSuchAssignment);
        }
        var keys = RedisKeys.Batch(batchId);
        var skip = new RecordedSkip
        {
            AssignmentId = submission.AssignmentId,
            BatchId = batchId,
            TaskId = submission.TaskId,
            ReviewerKey = submission.Reviewer.Key,
            Reason = submission.Reason,
            Note = submission.Note,
            SkippedAt = now,
        };
        var db = Db;
        var result = await Scripts.SkipTask.RunAsync(db,
            [keys.Assignments, keys.Leases, keys.Holding, keys.Skips, keys.Stats, keys.Taken, keys.Open, keys.Order, keys.Gold],
            [
                submission.AssignmentId, PersonIds(submission.Reviewer), submission.TaskId, now.ToUnixTimeMilliseconds(),
                JsonSerializer.Serialize(skip, ReviewBotJson.Options), ContractWords<SkipReason>.Of(submission.Reason),
            ]).ConfigureAwait(false);

        await LetGoUnlessRefusedAsync(db, submission.Reviewer, submission.AssignmentId, (string?)result[0]).ConfigureAwait(false);
        return (string?)result[0] switch
        {
            "skipped" => new SkipResult(SkipStatus.Skipped, ReadSkip(result[1])),
            "duplicate" => new SkipResult(SkipStatus.AlreadySkipped, ReadSkip(result[1])),
            "answered" => new SkipResult(SkipStatus.AlreadyAnswered),
            "lapsed" => new SkipResult(SkipStatus.LeaseLapsed),
            "mismatch" => new SkipResult(SkipStatus.Mismatch),
            _ => new SkipResult(SkipStatus.NoSuchAssignment),
        };
    }

    private static RecordedSkip ReadSkip(RedisResult json) =>
        JsonSerializer.Deserialize<RecordedSkip>((string)json!, ReviewBotJson.Options)!;

    /// <summary>An answered, skipped or lapsed assignment frees the person for their next task. This is a second
    /// round trip after the answer is safe: lost, the next claim finds the lease stale and lets go itself.</summary>
    private static Task LetGoUnlessRefusedAsync(IDatabase db, Reviewer reviewer, string assignmentId, string? outcome) =>
        outcome is "mismatch" or "missing"
            ? Task.CompletedTask
            : LetGoAsync(db, RedisKeys.PersonLease(reviewer.Person), assignmentId);

    public async Task<IReadOnlyList<Assignment>> OpenAssignmentsAsync(Reviewer reviewer, IEnumerable<string> batchIds, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var db = Db;
        var held = await Task.WhenAll(batchIds.SelectMany(batchId => reviewer.PersonIds.Select(person =>
            db.HashGetAsync(RedisKeys.Batch(batchId).Holding, person)))).ConfigureAwait(false);
        var open = new List<Assignment>();
        foreach (var id in held.Where(h => h.HasValue).Select(h => (string)h!).Distinct())
        {
            if (await GetAsync(id, cancellationToken).ConfigureAwait(false) is { State: AssignmentState.Open } a && a.LeaseExpiresAt > now)
            {
                open.Add(a);
            }
        }
        return open;
    }

    public async Task<IReadOnlyList<Assignment>> OpenInBatchAsync(string batchId, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var ids = await Db.SortedSetRangeByScoreAsync(RedisKeys.Batch(batchId).Leases, now.ToUnixTimeMilliseconds(), double.PositiveInfinity, Exclude.Start)
            .ConfigureAwait(false);
        var open = new List<Assignment>(ids.Length);
        foreach (var id in ids)
        {
            if (await GetAsync(id!, cancellationToken).ConfigureAwait(false) is { State: AssignmentState.Open } assignment)
            {
                open.Add(assignment);
            }
        }
        return open;
    }

    public async Task<IReadOnlyList<RecordedAnswer>> AnswersSinceAsync(Reviewer reviewer, IEnumerable<string> batchIds, DateTimeOffset since, CancellationToken cancellationToken = default)
    {
        var answers = new List<RecordedAnswer>();
        foreach (var (batchId, person) in batchIds.SelectMany(batchId => reviewer.PersonIds.Select(person => (batchId, person))))
        {
            var keys = RedisKeys.Batch(batchId);
            var ids = await Db.SortedSetRangeByScoreAsync(keys.Ledger(person), since.ToUnixTimeMilliseconds()).ConfigureAwait(false);
            if (ids.Length == 0)
            {
                continue;
            }
            var jsons = await Db.HashGetAsync(keys.Answers, ids).ConfigureAwait(false);
            answers.AddRange(jsons.Where(j => j.HasValue)
                .Select(j => JsonSerializer.Deserialize<RecordedAnswer>(j.ToString(), ReviewBotJson.Options)!));
        }
        return answers;
    }

    private static string Iso(DateTimeOffset moment) => moment.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
