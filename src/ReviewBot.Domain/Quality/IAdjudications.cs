namespace ReviewBot.Quality;

/// <summary>The leads' adjudication queue: tasks whose answers are still split at the batch's max overlap, and the
/// final labels leads gave them.</summary>
public interface IAdjudications
{
    /// <summary>Tasks waiting for a lead, oldest first.</summary>
    Task<IReadOnlyList<string>> WaitingAsync(string batchId, CancellationToken cancellationToken = default);

    /// <summary>Records a lead's decision as the task's final label, once: false when the task is not waiting (another
    /// lead decided it first, or it was never split), and nothing changes.</summary>
    Task<bool> DecideAsync(string batchId, FinalLabel label, CancellationToken cancellationToken = default);

    /// <summary>Every final label of the batch, by task id.</summary>
    Task<IReadOnlyDictionary<string, FinalLabel>> FinalLabelsAsync(string batchId, CancellationToken cancellationToken = default);
}

/// <summary>A lead's decision on a split task. <see cref="Opinion"/> is the chosen answer in the words of
/// <see cref="Quality.Opinion.Of"/> ("b:A" the best response, "h:2" a harm level); <see cref="Label"/> says it for
/// people ("A ranked best", "harm: potential").</summary>
public sealed record FinalLabel(string TaskId, string Opinion, string Label, string Reason, string DecidedBy, DateTimeOffset DecidedAt);
