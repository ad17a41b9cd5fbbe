using ReviewBot.Answers;
using ReviewBot.Reviewers;

namespace ReviewBot.Assignments;

/// <summary>Leases of task slots, and the answers and skips recorded on them. Every operation is atomic on the
/// server, so racing reviewers never share a last slot and a repeated submission records once.</summary>
public interface IAssignmentStore
{
    /// <summary>Gives the person an eligible task they have not had on any of their keys, whose overlap is not full,
    /// from the first of the batches that has one. A person works on one task at a time: when they hold one, in any
    /// batch and from any of their keys, that one comes back instead. When nothing comes, the status is the last
    /// batch's.</summary>
    Task<ClaimResult> ClaimNextAsync(IReadOnlyList<string> batchIds, Reviewer reviewer, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary><see cref="ClaimNextAsync(IReadOnlyList{string}, Reviewer, DateTimeOffset, CancellationToken)"/> in one batch.</summary>
    Task<ClaimResult> ClaimNextAsync(string batchId, Reviewer reviewer, DateTimeOffset now, CancellationToken cancellationToken = default);

    Task<Assignment?> GetAsync(string assignmentId, CancellationToken cancellationToken = default);

    /// <summary>One round trip: checks the lease is live and unanswered, stamps delivery and active time, writes.</summary>
    Task<RecordResult> RecordAsync(AnswerSubmission submission, DateTimeOffset now, CancellationToken cancellationToken = default);

    Task<SkipResult> SkipAsync(SkipSubmission submission, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>Open assignments of the person, whichever of their keys took them, across the given batches.</summary>
    Task<IReadOnlyList<Assignment>> OpenAssignmentsAsync(Reviewer reviewer, IEnumerable<string> batchIds, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>Every assignment of a batch whose lease is still live: who is working on what right now.</summary>
    Task<IReadOnlyList<Assignment>> OpenInBatchAsync(string batchId, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>Answers the person recorded since a moment, from any of their keys, across the given batches.</summary>
    Task<IReadOnlyList<RecordedAnswer>> AnswersSinceAsync(Reviewer reviewer, IEnumerable<string> batchIds, DateTimeOffset since, CancellationToken cancellationToken = default);

    /// <summary>Ends the batch's leases whose time ran out, so their slots go back to the pool, and returns every
    /// lapsed assignment whose holder is still to be told (also those an earlier call did not finish telling).</summary>
    Task<IReadOnlyList<Assignment>> LapseDueAsync(string batchId, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>The holder of a lapsed assignment has been told (their notice is in the outbox).</summary>
    Task ToldOfLapseAsync(string assignmentId, CancellationToken cancellationToken = default);
}

public enum ClaimStatus
{
    Assigned,
    AlreadyHolding,
    NoneAvailable,
    BatchClosed,
    NoSuchBatch,
    /// <summary>Another of the person's keys is being given a task at this moment; asking again shortly gives that one.</summary>
    Busy,
}

public sealed record ClaimResult(ClaimStatus Status, Assignment? Assignment = null);

/// <summary>A validated answer ready to be stamped and stored.</summary>
public sealed record AnswerSubmission
{
    public required string AssignmentId { get; init; }
    public required string TaskId { get; init; }
    public required Reviewer Reviewer { get; init; }
    public required Tasks.TaskKind Kind { get; init; }
    public required Answer Answer { get; init; }
    /// <summary>Paid active time is capped at this many seconds for this kind in this batch.</summary>
    public required int ActiveSecondsCap { get; init; }
    /// <summary>Fixed price per task when the batch has one.</summary>
    public decimal? PerTask { get; init; }
    /// <summary>USD per hour of active time when the batch pays hourly.</summary>
    public decimal HourlyRate { get; init; }
    /// <summary>Messages (compact JSON) the store puts in its outbox in the same step that records the answer, and
    /// only when it does: a harm alert is never lost to a crash after recording, nor sent for an answer not kept.</summary>
    public IReadOnlyList<string> FollowUps { get; init; } = [];
    /// <summary>The card template version the answer came on (provenance); null when it came from the work API.</summary>
    public int? TemplateVersion { get; init; }
}

public enum RecordStatus
{
    Recorded,
    /// <summary>The same assignment was answered before; the original answer is returned unchanged.</summary>
    AlreadyRecorded,
    LeaseLapsed,
    AlreadySkipped,
    NoSuchAssignment,
    /// <summary>The assignment belongs to another person or to a different task.</summary>
    Mismatch,
}

public sealed record RecordResult(RecordStatus Status, RecordedAnswer? Answer = null)
{
    /// <summary>What recording did to the task's overlap when the batch's grows.</summary>
    public OverlapOutcome Overlap { get; init; }
}

public enum OverlapOutcome
{
    /// <summary>No more opinions are called for (or not yet: the task's other slots are still being answered).</summary>
    Settled,
    /// <summary>The answers disagree, or one saw severe harm: one more slot opened.</summary>
    Grown,
    /// <summary>Still split at the batch's max: the task went to the leads' adjudication queue.</summary>
    Split,
}

public sealed record SkipSubmission(string AssignmentId, string TaskId, Reviewer Reviewer, SkipReason Reason, string? Note);

public enum SkipStatus
{
    Skipped,
    AlreadySkipped,
    AlreadyAnswered,
    LeaseLapsed,
    NoSuchAssignment,
    Mismatch,
}

public sealed record SkipResult(SkipStatus Status, RecordedSkip? Skip = null);
