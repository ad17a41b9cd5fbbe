using System.Runtime.CompilerServices;
using ReviewBot.Answers;
using ReviewBot.Quality;
using ReviewBot.Tasks;

namespace ReviewBot.Exports;

/// <summary>Streams a batch's answers out as a dataset (DESIGN §5), row by row, so an export of any size never
/// sits whole in memory. The batch must carry its tasks: rows take the prompt, responses and metadata from them.</summary>
public static class DatasetWriter
{
    public static Task WriteAsync(DatasetFormat format, Batch batch, IEnumerable<RecordedAnswer> answers, TextWriter output,
        CancellationToken cancellationToken = default) =>
        WriteAsync(format, batch, answers.ToAsyncEnumerable(), output, cancellationToken);

    public static Task WriteAsync(DatasetFormat format, Batch batch, IAsyncEnumerable<RecordedAnswer> answers, TextWriter output,
        CancellationToken cancellationToken = default) =>
        WriteAsync(format, batch, answers, new Dictionary<string, FinalLabel>(), output, cancellationToken);

    /// <param name="finals">The leads' decisions on split items, by task id, for the adjudicated format.</param>
    public static async Task WriteAsync(DatasetFormat format, Batch batch, IAsyncEnumerable<RecordedAnswer> answers,
        IReadOnlyDictionary<string, FinalLabel> finals, TextWriter output, CancellationToken cancellationToken = default)
    {
        var tasks = batch.Tasks.ToDictionary(t => t.Id, StringComparer.Ordinal);
        if (format == DatasetFormat.Csv)
        {
            await CsvRows.WriteAsync(answers, tasks, output, cancellationToken).ConfigureAwait(false);
            return;
        }
        // Whole-batch formats need every answer before their first line; the others give lines answer by answer.
        var lines = format switch
        {
            DatasetFormat.Healthbench or DatasetFormat.HealthbenchProvenance =>
                HealthBenchRows.OfAsync(batch, answers, provenance: format == DatasetFormat.HealthbenchProvenance, new JsonRow(), cancellationToken),
            DatasetFormat.Adjudicated => AdjudicatedRows.OfAsync(batch, answers, finals, new JsonRow(), cancellationToken),
            DatasetFormat.DpoSidecar => DpoSidecarRows.OfAsync(answers, new JsonRow(), cancellationToken),
            _ => AnswerByAnswer(RowsOf(format), answers, tasks, cancellationToken),
        };
        await foreach (var line in lines.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            await output.WriteAsync(line.AsMemory(), cancellationToken).ConfigureAwait(false);
            await output.WriteAsync("\n".AsMemory(), cancellationToken).ConfigureAwait(false);
        }
        await output.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    private static Func<RecordedAnswer, ClinicalTask?, JsonRow, IEnumerable<string>> RowsOf(DatasetFormat format) => format switch
    {
        DatasetFormat.Jsonl => AnswerRows.Of,
        DatasetFormat.Dpo => PreferenceRows.Of,
        DatasetFormat.Sft => ConversationRows.Of,
        DatasetFormat.Spans => SpanRows.Of,
        DatasetFormat.Kto => KtoRows.Of,
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, null),
    };

    private static async IAsyncEnumerable<string> AnswerByAnswer(Func<RecordedAnswer, ClinicalTask?, JsonRow, IEnumerable<string>> rowsOf,
        IAsyncEnumerable<RecordedAnswer> answers, Dictionary<string, ClinicalTask> tasks, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var row = new JsonRow();
        await foreach (var answer in answers.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            foreach (var line in rowsOf(answer, tasks.GetValueOrDefault(answer.TaskId), row))
            {
                yield return line;
            }
        }
    }
}
