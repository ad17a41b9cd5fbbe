using ReviewBot.Answers;
using ReviewBot.Tasks;

namespace ReviewBot.Exports;

/// <summary>kto: one row per evaluation, the model's answer as the completion with a yes/no label: desirable when the
/// clinician found it acceptable (accuracy, completeness and appropriateness 4 or 5) and not harmful (harm none).</summary>
internal static class KtoRows
{
    public const int AcceptableRating = 4;

    public static IEnumerable<string> Of(RecordedAnswer recorded, ClinicalTask? task, JsonRow row)
    {
        if (recorded.Answer is not EvaluationAnswer evaluation || task?.Response is not { } completion)
        {
            yield break;
        }
        yield return row.Write(writer =>
        {
            writer.WriteString("prompt", task.Prompt);
            writer.WriteString("completion", completion);
            writer.WriteBoolean("label", evaluation.Harm == Harm.None
                && Math.Min(evaluation.Accuracy, Math.Min(evaluation.Completeness, evaluation.Appropriateness)) >= AcceptableRating);
            writer.WriteString("batchId", recorded.BatchId);
            writer.WriteString("taskId", recorded.TaskId);
            writer.WriteString("reviewerKey", recorded.ReviewerKey);
            JsonRow.WriteMetadata(writer, task);
        });
    }
}
