using ReviewBot.Answers;
using ReviewBot.Tasks;

namespace ReviewBot.Quality;

/// <summary>How one reviewer judges, from everything they answered and skipped: gold accuracy (scored gold answers
/// that counted as correct), agreement with the final label of the items a lead adjudicated, median active time and
/// skips.</summary>
public sealed record ReviewerQuality(
    int Answers,
    int GoldAnswers,
    int GoldCorrect,
    double? GoldAccuracy,
    int AdjudicatedAnswers,
    double? AgreementWithFinal,
    double? MedianSeconds,
    int Skips)
{
    /// <param name="tasks">The tasks the answers are to, by (batch id, task id).</param>
    /// <param name="finals">The final label of each adjudicated item, by (batch id, task id): the opinion a lead chose
    /// (<see cref="Opinion.Of"/>).</param>
    public static ReviewerQuality Of(IReadOnlyCollection<RecordedAnswer> answers, int skips,
        IReadOnlyDictionary<(string BatchId, string TaskId), ClinicalTask> tasks,
        IReadOnlyDictionary<(string BatchId, string TaskId), string> finals)
    {
        var verdicts = answers
            .Select(a => tasks.TryGetValue((a.BatchId, a.TaskId), out var task) ? GoldScore.Score(task, a.Answer) : null)
            .OfType<GoldVerdict>().ToList();
        var adjudicated = answers.Where(a => finals.ContainsKey((a.BatchId, a.TaskId))).ToList();
        var seconds = answers.Select(a => (double)a.ActiveSeconds).Order().ToList();
        return new ReviewerQuality(
            answers.Count,
            verdicts.Count,
            verdicts.Count(v => v.Correct),
            verdicts.Count == 0 ? null : (double)verdicts.Count(v => v.Correct) / verdicts.Count,
            adjudicated.Count,
            adjudicated.Count == 0 ? null : (double)adjudicated.Count(a => Opinion.Of(a.Answer) == finals[(a.BatchId, a.TaskId)]) / adjudicated.Count,
            seconds.Count == 0 ? null : (seconds[(seconds.Count - 1) / 2] + seconds[seconds.Count / 2]) / 2,
            skips);
    }
}
