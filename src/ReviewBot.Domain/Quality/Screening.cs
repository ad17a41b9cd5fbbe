using ReviewBot.Reviewers;

namespace ReviewBot.Quality;

/// <summary>A batch marked <c>"screening": {"passScore": 0.8, "retryAfterDays": 14}</c> is the first work a verified
/// reviewer gets: they pass with that share of its gold tasks correct (<see cref="GoldScore"/>) and only then receive
/// regular work; after a fail they may try again once <see cref="RetryAfterDays"/> have passed.</summary>
public sealed record Screening(double PassScore, int RetryAfterDays);

/// <summary>One person's screening outcome: their gold score on the attempt that ended at <see cref="At"/>.</summary>
public sealed record ScreeningResult(string BatchId, string Person, string ReviewerKey, bool Passed, double? Score, int GoldAnswers,
    DateTimeOffset At, DateTimeOffset? RetryFrom);

/// <summary>Where screening outcomes are kept, per batch and person.</summary>
public interface IScreenings
{
    Task<ScreeningResult?> ResultAsync(string batchId, string person, CancellationToken cancellationToken = default);

    /// <summary>When the person's current attempt began: null for their first.</summary>
    Task<DateTimeOffset?> AttemptStartedAsync(string batchId, string person, CancellationToken cancellationToken = default);

    Task RecordAsync(ScreeningResult result, CancellationToken cancellationToken = default);

    /// <summary>A new attempt: the person may have the batch's tasks again, and the earlier result is set aside.</summary>
    Task RetryAsync(string batchId, Reviewer reviewer, DateTimeOffset now, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<ScreeningResult>> ResultsAsync(string batchId, CancellationToken cancellationToken = default);
}
