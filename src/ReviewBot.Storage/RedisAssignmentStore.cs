using System.Globalization;
using System.Text.Json;
using ReviewBot.Answers;
using ReviewBot.Assignments;
using ReviewBot.Reviewers;
using StackExchange.Redis;

namespace ReviewBot.Storage;

public sealed class RedisAssignmentStore(IConnectionMultiplexer redis) : IAssignmentStore
{
    private IDatabase Db => redis.GetDatabase();

    public async Task<ClaimResult> ClaimNextAsync(string batchId, Reviewer reviewer, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var keys = RedisKeys.Batch(batchId);
        var result = await Scripts.ClaimTask.RunAsync(Db,
            [
                keys.Rules, keys.Open, keys.Order, keys.Taken, keys.Seen(reviewer.Key), keys.Leases, keys.Holding, keys.Requirements,
                keys.Sequence, keys.Assignments,
            ],
            [
                now.ToUnixTimeMilliseconds(), Iso(now), reviewer.Key, reviewer.Credential?.ToString() ?? "",
                RequirementsCode.List(reviewer.Specialties.Select(Specialty.Normalize)), batchId,
            ]).ConfigureAwait(false);

        return (string?)result[0] switch
        {
            "assigned" => new ClaimResult(ClaimStatus.Assigned, ReadClaim(batchId, reviewer.Key, result)),
            "holding" => new ClaimResult(ClaimStatus.AlreadyHolding, ReadClaim(batchId, reviewer.Key, result)),
            "closed" => new ClaimResult(ClaimStatus.BatchClosed),
            "missing" => new ClaimResult(ClaimStatus.NoSuchBatch),
            _ => new ClaimResult(ClaimStatus.NoneAvailable),
        };
    }

    private static Assignment ReadClaim(string batchId, string reviewerKey, RedisResult[] result) => new()
    {
        Id = (string)result[1]!,
        BatchId = batchId,
        TaskId = (string)result[2]!,
        ReviewerKey = reviewerKey,
        DeliveredAt = DateTimeOffset.Parse((string)result[3]!, CultureInfo.InvariantCulture),
        LeaseExpiresAt = DateTimeOffset.FromUnixTimeMilliseconds(long.Parse((string)result[4]!, CultureInfo.InvariantCulture)),
    };

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
        var reviewerKey = submission.Reviewer.Key;
        var result = await Scripts.RecordAnswer.RunAsync(Db,
            [
                keys.Assignments, keys.Leases, keys.Holding, keys.Answers, keys.Stats, keys.Durations,
                keys.Answered, keys.Outbox.Items, keys.Ledger(reviewerKey), keys.Outbox.Due,
            ],
            [
                submission.AssignmentId, reviewerKey, submission.TaskId, now.ToUnixTimeMilliseconds(),
                UnstampedAnswerJson(submission, batchId, now), submission.ActiveSecondsCap,
                submission.PerTask?.ToString("0.00", CultureInfo.InvariantCulture) ?? "",
                submission.HourlyRate.ToString(CultureInfo.InvariantCulture), ContractWords<Tasks.TaskKind>.Of(submission.Kind), HarmWord(submission.Answer),
                FollowUpLines(submission.FollowUps),
            ]).ConfigureAwait(false);

        return (string?)result[0] switch
        {
            "recorded" => new RecordResult(RecordStatus.Recorded, ReadAnswer(result[1])),
            "duplicate" => new RecordResult(RecordStatus.AlreadyRecorded, ReadAnswer(result[1])),
            "lapsed" => new RecordResult(RecordStatus.LeaseLapsed),
            "skipped" => new RecordResult(RecordStatus.AlreadySkipped),
            "mismatch" => new RecordResult(RecordStatus.Mismatch),
            _ => new RecordResult(RecordStatus.NoSuchAssignment),
        };
    }

    private static string FollowUpLines(IReadOnlyList<string> followUps) =>
        followUps.Any(m => m.Contains('\n', StringComparison.Ordinal))
            ? throw new ArgumentException("A follow-up message must be compact JSON, on one line.", nameof(followUps))
            : string.Join('\n', followUps);

    /// <summary>The answer as JSON without its closing brace: the script appends delivery time, active time and pay
    /// from its own copy of the assignment, so recording needs no read before the write.</summary>
    private static string UnstampedAnswerJson(AnswerSubmission submission, string batchId, DateTimeOffset now)
    {
        var unstamped = new UnstampedAnswer(submission.AssignmentId, batchId, submission.TaskId, submission.Kind,
            submission.Reviewer.Key, submission.Reviewer.Credential, now, submission.Answer);
        var json = JsonSerializer.Serialize(unstamped, ReviewBotJson.Options);
        return json[..^1];
    }

    private sealed record UnstampedAnswer(string AssignmentId, string BatchId, string TaskId, Tasks.TaskKind Kind,
        string ReviewerKey, Credential? Credential, DateTimeOffset SubmittedAt, Answer Answer);

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
            ReviewerKey = submission.ReviewerKey,
            Reason = submission.Reason,
            Note = submission.Note,
            SkippedAt = now,
        };
        var result = await Scripts.SkipTask.RunAsync(Db,
            [keys.Assignments, keys.Leases, keys.Holding, keys.Skips, keys.Stats, keys.Taken, keys.Open, keys.Order],
            [
                submission.AssignmentId, submission.ReviewerKey, submission.TaskId, now.ToUnixTimeMilliseconds(),
                JsonSerializer.Serialize(skip, ReviewBotJson.Options), ContractWords<SkipReason>.Of(submission.Reason),
            ]).ConfigureAwait(false);

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

    public async Task<IReadOnlyList<Assignment>> OpenAssignmentsAsync(string reviewerKey, IEnumerable<string> batchIds, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var open = new List<Assignment>();
        foreach (var batchId in batchIds)
        {
            var held = await Db.HashGetAsync(RedisKeys.Batch(batchId).Holding, reviewerKey).ConfigureAwait(false);
            if (held.HasValue && await GetAsync(held!, cancellationToken).ConfigureAwait(false) is { State: AssignmentState.Open } a
                && a.LeaseExpiresAt > now)
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

    public async Task<IReadOnlyList<RecordedAnswer>> AnswersSinceAsync(string reviewerKey, IEnumerable<string> batchIds, DateTimeOffset since, CancellationToken cancellationToken = default)
    {
        var answers = new List<RecordedAnswer>();
        foreach (var batchId in batchIds)
        {
            var keys = RedisKeys.Batch(batchId);
            var ids = await Db.SortedSetRangeByScoreAsync(keys.Ledger(reviewerKey), since.ToUnixTimeMilliseconds()).ConfigureAwait(false);
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
