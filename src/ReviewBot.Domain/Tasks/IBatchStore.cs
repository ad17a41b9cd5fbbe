using ReviewBot.Answers;

namespace ReviewBot.Tasks;

/// <summary>Where batches, their tasks and their answers live.</summary>
public interface IBatchStore
{
    /// <summary>All-or-nothing and idempotent on (batch id, task id): the same document again changes nothing,
    /// new task ids are added, and a changed task under an existing id refuses the whole import.</summary>
    Task<BatchImportResult> ImportAsync(Batch batch, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<BatchSummary>> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>The batch's settings without its tasks, or null when there is no such batch.</summary>
    Task<Batch?> GetAsync(string batchId, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<ClinicalTask>> GetTasksAsync(string batchId, CancellationToken cancellationToken = default);

    Task<ClinicalTask?> GetTaskAsync(string batchId, string taskId, CancellationToken cancellationToken = default);

    Task<BatchProgress?> GetProgressAsync(string batchId, DateTimeOffset now, CancellationToken cancellationToken = default);

    IAsyncEnumerable<RecordedAnswer> ReadAnswersAsync(string batchId, CancellationToken cancellationToken = default);

    IAsyncEnumerable<RecordedSkip> ReadSkipsAsync(string batchId, CancellationToken cancellationToken = default);

    /// <summary>Stops new assignments; answers on live leases are still accepted. False when there is no such batch.</summary>
    Task<bool> CloseAsync(string batchId, CancellationToken cancellationToken = default);
}

public enum BatchImportStatus
{
    Created,
    TasksAdded,
    Unchanged,
    Refused,
}

/// <summary>What an import did. When <see cref="Status"/> is Refused, nothing was stored and
/// <see cref="Conflict"/> says why.</summary>
public sealed record BatchImportResult(BatchImportStatus Status, int TasksAdded, int TasksUnchanged, BatchConflict? Conflict = null);

/// <summary>An import that disagrees with what is stored: a task changed under its id, or the batch's settings changed.</summary>
public sealed record BatchConflict(string? TaskId, string Field, string Message);

public sealed record BatchSummary(string Id, string Name, DateTimeOffset? DueAt, int Tasks, int Overlap, bool Closed)
{
    public Quality.Screening? Screening { get; init; }
}

/// <summary>Where a batch stands, as a lead or a data team reads it.</summary>
public sealed record BatchProgress
{
    public required string BatchId { get; init; }
    public required string Name { get; init; }
    public DateTimeOffset? DueAt { get; init; }
    public bool Closed { get; init; }
    public required int Tasks { get; init; }
    public required int Overlap { get; init; }
    /// <summary>The answers the batch takes: tasks × overlap, plus the slots that disagreement opened, plus the
    /// answers to gold tasks served outside the pool (goldRate).</summary>
    public required int Slots { get; init; }
    /// <summary>Slots holding a recorded answer.</summary>
    public required int SlotsFilled { get; init; }
    /// <summary>Slots nobody holds or has answered: what an announcement or an invitation can still offer.</summary>
    public int OpenSlots => Math.Max(0, Slots - SlotsFilled - OpenAssignments);
    /// <summary>Tasks with all their slots answered (a gold task outside the pool: answered by at least overlap).</summary>
    public required int TasksComplete { get; init; }
    public required int OpenAssignments { get; init; }
    public required IReadOnlyDictionary<TaskKind, int> AnswersByKind { get; init; }
    public required int Skips { get; init; }
    public required IReadOnlyDictionary<Answers.SkipReason, int> SkipsByReason { get; init; }
    public double? MedianSecondsPerAnswer { get; init; }
    /// <summary>Evaluations marked potential or severe harm, and rankings flagging a response as harmful.</summary>
    public required int HarmFlags { get; init; }
    public required int SevereHarmFlags { get; init; }
}
