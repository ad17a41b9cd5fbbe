using ReviewBot.Answers;
using ReviewBot.Tasks;

namespace ReviewBot.Pay;

/// <summary>What a person did and earned in one pay week, batch by batch: the figures a weekly statement shows and
/// payroll reads. Earnings are those stamped when each answer was recorded (per task from the batch, or hourly by
/// credential on the capped active time), so the statement adds up to what each "recorded" card said.</summary>
public sealed record Statement(DateTimeOffset From, DateTimeOffset To, IReadOnlyList<StatementLine> Lines)
{
    public int Tasks => Lines.Sum(l => l.Tasks);
    public int ActiveSeconds => Lines.Sum(l => l.ActiveSeconds);
    public decimal Earned => Lines.Sum(l => l.Earned);

    /// <summary>The answers submitted in [<paramref name="from"/>, <paramref name="to"/>), grouped by batch.</summary>
    public static Statement Of(DateTimeOffset from, DateTimeOffset to, IEnumerable<RecordedAnswer> answers, IReadOnlyDictionary<string, Batch> batches) =>
        new(from, to, answers.Where(a => a.SubmittedAt >= from && a.SubmittedAt < to)
            .GroupBy(a => a.BatchId)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new StatementLine(
                g.Key,
                batches.TryGetValue(g.Key, out var batch) ? batch.Name : g.Key,
                batches.TryGetValue(g.Key, out var priced) ? priced.Pay?.PerTask : null,
                Enum.GetValues<TaskKind>().ToDictionary(kind => kind, kind => g.Count(a => a.Kind == kind)),
                g.Sum(a => a.ActiveSeconds),
                g.Sum(a => a.Earned)))
            .ToList());
}

/// <summary>One batch's part of a week: tasks by kind, active time, and pay (per task when the batch sets a price).</summary>
public sealed record StatementLine(string BatchId, string BatchName, decimal? PerTask, IReadOnlyDictionary<TaskKind, int> ByKind, int ActiveSeconds, decimal Earned)
{
    public int Tasks => ByKind.Values.Sum();
}
