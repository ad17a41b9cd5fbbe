using System.Runtime.CompilerServices;
using System.Text.Json;
using ReviewBot.Answers;
using ReviewBot.Quality;
using ReviewBot.Tasks;

namespace ReviewBot.Exports;

/// <summary>adjudicated: one row per compared item (evaluate, rank) that has answers, with its final label and how it
/// was reached: a lead's decision (with the reason, who and when), or the answers themselves (unanimous, majority,
/// single), or still split. A label needs all of an item's answers, so the rows are written once all are read.</summary>
internal static class AdjudicatedRows
{
    public static async IAsyncEnumerable<string> OfAsync(Batch batch, IAsyncEnumerable<RecordedAnswer> answers,
        IReadOnlyDictionary<string, FinalLabel> finals, JsonRow row, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var byTask = new Dictionary<string, List<RecordedAnswer>>(StringComparer.Ordinal);
        await foreach (var answer in answers.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            if (!byTask.TryGetValue(answer.TaskId, out var list))
            {
                byTask[answer.TaskId] = list = [];
            }
            list.Add(answer);
        }
        foreach (var task in batch.Tasks.Where(t => t.Kind is TaskKind.Evaluate or TaskKind.Rank && byTask.ContainsKey(t.Id)))
        {
            var given = byTask[task.Id].OrderBy(a => a.SubmittedAt).ToList();
            var final = finals.GetValueOrDefault(task.Id);
            var label = ItemLabels.Resolve(given.Select(a => a.Answer).ToList(), final);
            yield return row.Write(writer =>
            {
                writer.WriteString("batchId", batch.Id);
                writer.WriteString("taskId", task.Id);
                writer.WriteString("kind", ContractWords<TaskKind>.Of(task.Kind));
                writer.WriteString("prompt", task.Prompt);
                WriteNullable(writer, "label", label.Label);
                WriteNullable(writer, "opinion", label.Opinion);
                writer.WritePropertyName("how");
                JsonSerializer.Serialize(writer, label.How, ReviewBotJson.Options);
                writer.WriteNumber("answers", given.Count);
                writer.WriteStartArray("opinions");
                foreach (var answer in given)
                {
                    writer.WriteStringValue(Opinion.Of(answer.Answer));
                }
                writer.WriteEndArray();
                if (final is not null)
                {
                    writer.WriteString("reason", final.Reason);
                    writer.WriteString("decidedBy", final.DecidedBy);
                    writer.WriteString("decidedAt", Instant.Format(final.DecidedAt));
                }
                JsonRow.WriteMetadata(writer, task);
            });
        }
    }

    private static void WriteNullable(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is null)
        {
            writer.WriteNull(name);
        }
        else
        {
            writer.WriteString(name, value);
        }
    }
}
