using ReviewBot.Reviewers;
using ReviewBot.Tasks;

namespace ReviewBot.Answers;

/// <summary>An answer as the server stamped and stored it: who, when, time spent, and what it earned.</summary>
public sealed record RecordedAnswer
{
    public required string AssignmentId { get; init; }
    public required string BatchId { get; init; }
    public required string TaskId { get; init; }
    public required TaskKind Kind { get; init; }
    public required string ReviewerKey { get; init; }
    public Credential? Credential { get; init; }
    /// <summary>The reviewer's specialties when they answered, for provenance (absent on answers recorded before).</summary>
    public IReadOnlyList<string>? Specialties { get; init; }
    /// <summary>The version of the card template the answer was given on; null from the work API.</summary>
    public int? TemplateVersion { get; init; }
    public required DateTimeOffset DeliveredAt { get; init; }
    public required DateTimeOffset SubmittedAt { get; init; }
    /// <summary>Submission minus delivery, capped per kind (see <see cref="Pay.ActiveTime"/>).</summary>
    public required int ActiveSeconds { get; init; }
    /// <summary>USD earned for this answer.</summary>
    public required decimal Earned { get; init; }
    public required Answer Answer { get; init; }
}

/// <summary>A task a reviewer handed back, with why. The slot returns to the pool; the reviewer never gets the
/// task again.</summary>
public sealed record RecordedSkip
{
    public required string AssignmentId { get; init; }
    public required string BatchId { get; init; }
    public required string TaskId { get; init; }
    public required string ReviewerKey { get; init; }
    public required SkipReason Reason { get; init; }
    public string? Note { get; init; }
    public required DateTimeOffset SkippedAt { get; init; }
}
