using ReviewBot.Answers;
using ReviewBot.Tasks;

namespace ReviewBot.Exports;

/// <summary>Streams a batch's answers out as a dataset (DESIGN §5), row by row, so an export of any size never
/// sits whole in memory. The batch must carry its tasks: rows take the prompt, responses and metadata from them.</summary>
public static class DatasetWriter
{
    public static Task WriteAsync(DatasetFormat format, Batch batch, IEnumerable<RecordedAnswer> answers, TextWriter output,
        CancellationToken cancellationToken = default) =>
        WriteAsync(format, batch, answers.ToAsyncEnumerable(), output, cancellationToken);

    public static async Task WriteAsync(DatasetFormat format, Batch batch, IAsyncEnumerable<RecordedAnswer> answers, TextWriter output,
        CancellationToken cancellationToken = default)
    {
        var tasks = batch.Tasks.ToDictionary(t => t.Id, StringComparer.Ordinal);
        if (format == DatasetFormat.Csv)
        {
            await CsvRows.WriteAsync(answers, tasks, output, cancellationToken).ConfigureAwait(false);
            return;
        }
        if (format is DatasetFormat.Healthbench or DatasetFormat.HealthbenchProvenance)
        {
            await HealthBenchRows.WriteAsync(batch, answers, provenance: format == DatasetFormat.HealthbenchProvenance, output, cancellationToken)
                .ConfigureAwait(false);
            return;
        }

        Func<RecordedAnswer, ClinicalTask?, JsonRow, IEnumerable<string>> rowsOf = format switch
        {
            DatasetFormat.Jsonl => AnswerRows.Of,
            DatasetFormat.Dpo => PreferenceRows.Of,
            DatasetFormat.Sft => ConversationRows.Of,
            DatasetFormat.Spans => SpanRows.Of,
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, null),
        };
        var row = new JsonRow();
        await foreach (var answer in answers.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            foreach (var line in rowsOf(answer, tasks.GetValueOrDefault(answer.TaskId), row))
            {
                await output.WriteAsync(line.AsMemory(), cancellationToken).ConfigureAwait(false);
                await output.WriteAsync("\n".AsMemory(), cancellationToken).ConfigureAwait(false);
            }
        }
        await output.FlushAsync(cancellationToken).ConfigureAwait(false);
    }
}
