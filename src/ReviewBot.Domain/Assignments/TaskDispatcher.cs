using ReviewBot.Pay;
using ReviewBot.Quality;
using ReviewBot.Reviewers;
using ReviewBot.Tasks;

namespace ReviewBot.Assignments;

/// <summary>Answers "give me the next task": checks the reviewer may work now, then walks open batches, soonest due
/// first, and leases the first eligible task. Limits are the person's, on whichever key they ask: a person already
/// holding a task, in any batch, gets that one back, and the weekly hours count what they answered on every key.</summary>
public sealed class TaskDispatcher(IBatchStore batches, IAssignmentStore assignments, IScreenings screenings, WorkRules rules, TimeProvider clock)
{
    /// <summary><paramref name="preferredBatchId"/> (an announcement's Start button, a reminder's Next) is tried first.</summary>
    public async Task<NextTask> NextAsync(Reviewer reviewer, string? preferredBatchId = null, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        if (!reviewer.Verified || reviewer.Credential is null)
        {
            return new NextTask(NextTaskStatus.PendingVerification);
        }
        if (reviewer.IsPausedAt(now))
        {
            return new NextTask(NextTaskStatus.Paused, PausedUntil: reviewer.PausedUntil);
        }

        var open = (await batches.ListAsync(cancellationToken).ConfigureAwait(false)).Where(b => !b.Closed)
            .OrderBy(b => b.Id == preferredBatchId ? 0 : 1).ToList();
        var hoursThisWeek = await HoursThisWeekAsync(reviewer, open.Select(b => b.Id), now, cancellationToken).ConfigureAwait(false);
        var cap = reviewer.WeeklyHours ?? rules.DefaultWeeklyHours;
        if (hoursThisWeek >= cap)
        {
            return new NextTask(NextTaskStatus.WeeklyHoursReached, WeeklyHours: cap);
        }

        var screening = open.Where(b => b.Screening is not null).ToList();
        open = open.Where(b => b.Screening is null).ToList();
        if (screening.Count > 0 && await ScreenAsync(reviewer, screening[0], open, now, cancellationToken).ConfigureAwait(false) is { } screened)
        {
            return screened;
        }

        var claim = await assignments.ClaimNextAsync(open.Select(b => b.Id).ToList(), reviewer, now, cancellationToken).ConfigureAwait(false);
        if (claim.Assignment is { } assignment)
        {
            // The held task may be in a batch closed since: its answer is still taken until the lease runs out.
            var batch = await batches.GetAsync(assignment.BatchId, cancellationToken).ConfigureAwait(false);
            var task = await batches.GetTaskAsync(assignment.BatchId, assignment.TaskId, cancellationToken).ConfigureAwait(false);
            return new NextTask(claim.Status == ClaimStatus.AlreadyHolding ? NextTaskStatus.AlreadyHolding : NextTaskStatus.Delivered,
                assignment, task, batch);
        }
        return new NextTask(claim.Status == ClaimStatus.Busy ? NextTaskStatus.Busy : NextTaskStatus.NothingAvailable);
    }

    /// <summary>The (first open) screening batch comes first for someone new: its next task, or, once the person has
    /// had all of it, their result. Null when they passed, and regular work follows. Someone who already answered
    /// regular work before the screening came is not sent back to it.</summary>
    private async Task<NextTask?> ScreenAsync(Reviewer reviewer, BatchSummary batch, IReadOnlyList<BatchSummary> regular, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var result = await screenings.ResultAsync(batch.Id, reviewer.Person, cancellationToken).ConfigureAwait(false);
        if (result is { Passed: true })
        {
            return null;
        }
        if (result is null
            && (await assignments.AnswersSinceAsync(reviewer, regular.Select(b => b.Id), DateTimeOffset.MinValue, cancellationToken).ConfigureAwait(false)).Count > 0)
        {
            return null;
        }
        if (result is { RetryFrom: { } retryFrom })
        {
            if (now < retryFrom)
            {
                return new NextTask(NextTaskStatus.ScreeningFailed, Screening: result);
            }
            await screenings.RetryAsync(batch.Id, reviewer, now, cancellationToken).ConfigureAwait(false);
        }
        var claim = await assignments.ClaimNextAsync([batch.Id], reviewer, now, cancellationToken).ConfigureAwait(false);
        if (claim.Assignment is { } assignment)
        {
            return new NextTask(claim.Status == ClaimStatus.AlreadyHolding ? NextTaskStatus.AlreadyHolding : NextTaskStatus.Delivered, assignment,
                await batches.GetTaskAsync(batch.Id, assignment.TaskId, cancellationToken).ConfigureAwait(false),
                await batches.GetAsync(batch.Id, cancellationToken).ConfigureAwait(false));
        }
        if (claim.Status == ClaimStatus.Busy)
        {
            return new NextTask(NextTaskStatus.Busy);
        }
        // Nothing more of the screening for them: score this attempt on its gold tasks.
        var since = await screenings.AttemptStartedAsync(batch.Id, reviewer.Person, cancellationToken).ConfigureAwait(false) ?? DateTimeOffset.MinValue;
        var tasks = (await batches.GetTasksAsync(batch.Id, cancellationToken).ConfigureAwait(false)).ToDictionary(t => t.Id);
        var verdicts = (await assignments.AnswersSinceAsync(reviewer, [batch.Id], since, cancellationToken).ConfigureAwait(false))
            .Select(a => tasks.TryGetValue(a.TaskId, out var task) ? GoldScore.Score(task, a.Answer) : null)
            .OfType<GoldVerdict>().ToList();
        var score = verdicts.Count == 0 ? (double?)null : (double)verdicts.Count(v => v.Correct) / verdicts.Count;
        // A screening without scored gold cannot be failed: it only shows the reviewer the work.
        var passed = score is null || score >= batch.Screening!.PassScore - 1e-9;
        var outcome = new ScreeningResult(batch.Id, reviewer.Person, reviewer.Key, passed, score, verdicts.Count, now,
            passed ? null : now.AddDays(batch.Screening!.RetryAfterDays));
        await screenings.RecordAsync(outcome, cancellationToken).ConfigureAwait(false);
        return passed ? null : new NextTask(NextTaskStatus.ScreeningFailed, Screening: outcome);
    }

    private async Task<double> HoursThisWeekAsync(Reviewer reviewer, IEnumerable<string> batchIds, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var weekStart = PayWeek.StartOf(now, reviewer.TimeZone, rules.WeekStartsOn);
        var answers = await assignments.AnswersSinceAsync(reviewer, batchIds, weekStart, cancellationToken).ConfigureAwait(false);
        return answers.Sum(a => a.ActiveSeconds) / 3600.0;
    }
}

public enum NextTaskStatus
{
    Delivered,
    AlreadyHolding,
    PendingVerification,
    Paused,
    WeeklyHoursReached,
    NothingAvailable,
    Busy,
    /// <summary>The screening was not passed; it may be tried again from <see cref="ScreeningResult.RetryFrom"/>.</summary>
    ScreeningFailed,
}

public sealed record NextTask(
    NextTaskStatus Status,
    Assignment? Assignment = null,
    ClinicalTask? Task = null,
    Batch? Batch = null,
    DateTimeOffset? PausedUntil = null,
    double? WeeklyHours = null,
    ScreeningResult? Screening = null)
{
    /// <summary>Plain words for the reviewer, above all when no task comes: they should never have to guess why.</summary>
    public string Message => Status switch
    {
        NextTaskStatus.Delivered => "Here is your next task.",
        NextTaskStatus.AlreadyHolding => "You already have this task open; finish or skip it to get another.",
        NextTaskStatus.PendingVerification => "Your credential is waiting for a lead to verify it. Tasks start as soon as it is verified; nothing else is needed from you.",
        NextTaskStatus.Paused => $"You paused tasks until {PausedUntil:yyyy-MM-dd HH:mm} UTC. Say 'resume' to start again now.",
        NextTaskStatus.WeeklyHoursReached => $"You have reached your {WeeklyHours:0.#} hours for this week. Thank you! Tasks resume when the new week starts.",
        NextTaskStatus.Busy => "A task is on its way to you in another chat with me right now. Say next again in a moment to have the same task here.",
        NextTaskStatus.ScreeningFailed => $"Thank you for the screening tasks. You had {Math.Round(100 * (Screening!.Score ?? 0))}% of the checked answers as expected, "
            + $"short of what regular work needs, so none comes yet. You can take the screening again from {Screening.RetryFrom:yyyy-MM-dd} (UTC); say next then.",
        _ => "There is no task for you right now: every open task you qualify for is taken or done. You will hear from us when new work arrives.",
    };
}
