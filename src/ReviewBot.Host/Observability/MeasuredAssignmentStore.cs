using System.Diagnostics;
using ReviewBot.Answers;
using ReviewBot.Assignments;
using ReviewBot.Reviewers;

namespace ReviewBot.Host.Observability;

/// <summary>Counts and times every recorded answer, whichever way it came in (chat, work API), by wrapping the store
/// all of them go through.</summary>
public sealed class MeasuredAssignmentStore(IAssignmentStore inner) : IAssignmentStore
{
    public async Task<RecordResult> RecordAsync(AnswerSubmission submission, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var started = Stopwatch.GetTimestamp();
        var result = await inner.RecordAsync(submission, now, cancellationToken);
        ReviewBotMetrics.RecordSeconds.Observe(Stopwatch.GetElapsedTime(started).TotalSeconds);
        if (result.Status == RecordStatus.Recorded)
        {
            ReviewBotMetrics.AnswersRecorded.WithLabels(submission.Kind.ToString().ToLowerInvariant()).Inc();
        }
        return result;
    }

    public Task<ClaimResult> ClaimNextAsync(IReadOnlyList<string> batchIds, Reviewer reviewer, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        inner.ClaimNextAsync(batchIds, reviewer, now, cancellationToken);

    public Task<ClaimResult> ClaimNextAsync(string batchId, Reviewer reviewer, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        inner.ClaimNextAsync(batchId, reviewer, now, cancellationToken);

    public Task<Assignment?> GetAsync(string assignmentId, CancellationToken cancellationToken = default) =>
        inner.GetAsync(assignmentId, cancellationToken);

    public Task<SkipResult> SkipAsync(SkipSubmission submission, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        inner.SkipAsync(submission, now, cancellationToken);

    public Task<IReadOnlyList<Assignment>> OpenAssignmentsAsync(Reviewer reviewer, IEnumerable<string> batchIds, DateTimeOffset now,
        CancellationToken cancellationToken = default) =>
        inner.OpenAssignmentsAsync(reviewer, batchIds, now, cancellationToken);

    public Task<IReadOnlyList<Assignment>> OpenInBatchAsync(string batchId, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        inner.OpenInBatchAsync(batchId, now, cancellationToken);

    public Task<IReadOnlyList<RecordedAnswer>> AnswersSinceAsync(Reviewer reviewer, IEnumerable<string> batchIds, DateTimeOffset since,
        CancellationToken cancellationToken = default) =>
        inner.AnswersSinceAsync(reviewer, batchIds, since, cancellationToken);

    public Task<IReadOnlyList<Assignment>> LapseDueAsync(string batchId, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        inner.LapseDueAsync(batchId, now, cancellationToken);

    public Task ToldOfLapseAsync(string assignmentId, CancellationToken cancellationToken = default) =>
        inner.ToldOfLapseAsync(assignmentId, cancellationToken);
}
