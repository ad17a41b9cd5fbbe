using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using ReviewBot.Answers;
using ReviewBot.Tasks;

namespace ReviewBot.Exports;

/// <summary>csv: one row per answer, the answer's fields flattened into columns (a ranking as "A&gt;B=C", harmful
/// ids comma-joined); columns of other kinds stay empty.</summary>
internal static class CsvRows
{
    private static readonly string[] Header =
    [
        "batchId", "taskId", "kind", "assignmentId", "reviewerKey", "credential", "deliveredAt", "submittedAt", "activeSeconds", "earned",
        "accuracy", "completeness", "appropriateness", "harm", "errors", "omissions",
        "ranking", "rationale", "harmful",
        "text",
        "title", "age", "sex", "setting", "history", "exam", "labs", "question", "answer",
        "metadata",
    ];

    // Clinicians' free text opens in spreadsheets: a cell starting with "=", "+", "-" or "@" would run as a formula,
    // so such cells get a leading apostrophe. The jsonl export keeps the text exactly.
    private static readonly CsvConfiguration Configuration = new(CultureInfo.InvariantCulture) { InjectionOptions = InjectionOptions.Escape };

    public static async Task WriteAsync(IAsyncEnumerable<RecordedAnswer> answers, IReadOnlyDictionary<string, ClinicalTask> tasks,
        TextWriter output, CancellationToken cancellationToken)
    {
        await using var csv = new CsvWriter(output, Configuration, leaveOpen: true);
        foreach (var column in Header)
        {
            csv.WriteField(column);
        }
        await csv.NextRecordAsync().ConfigureAwait(false);
        await foreach (var answer in answers.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            foreach (var value in Values(answer, tasks.GetValueOrDefault(answer.TaskId)))
            {
                csv.WriteField(value);
            }
            await csv.NextRecordAsync().ConfigureAwait(false);
        }
        await csv.FlushAsync().ConfigureAwait(false);
    }

    private static string?[] Values(RecordedAnswer recorded, ClinicalTask? task)
    {
        string?[] common =
        [
            recorded.BatchId, recorded.TaskId, ContractWords<TaskKind>.Of(recorded.Kind), recorded.AssignmentId, recorded.ReviewerKey,
            recorded.Credential?.ToString(), Instant.Format(recorded.DeliveredAt), Instant.Format(recorded.SubmittedAt),
            Number(recorded.ActiveSeconds), recorded.Earned.ToString(CultureInfo.InvariantCulture),
        ];
        string?[] evaluation = recorded.Answer is EvaluationAnswer e
            ? [Number(e.Accuracy), Number(e.Completeness), Number(e.Appropriateness), ContractWords<Harm>.Of(e.Harm), e.Errors, e.Omissions]
            : new string?[6];
        string?[] ranking = recorded.Answer is RankingAnswer r
            ? [RankingNotation.Format(r), r.Rationale, string.Join(",", r.Harmful)]
            : new string?[3];
        string?[] written = [recorded.Answer is WrittenResponseAnswer w ? w.Text : null];
        string?[] vignette = recorded.Answer is VignetteAnswer v
            ? [v.Title, Number(v.Age), v.Sex, v.Setting, v.History, v.Exam, v.Labs, v.Question, v.Answer]
            : new string?[9];
        string?[] metadata = [task?.Metadata is { } m ? RawJson.OnOneLine(m) : null];
        return [.. common, .. evaluation, .. ranking, .. written, .. vignette, .. metadata];
    }

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}
