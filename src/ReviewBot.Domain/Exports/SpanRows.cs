using ReviewBot.Answers;
using ReviewBot.Tasks;

namespace ReviewBot.Exports;

/// <summary>spans: one row per sentence mark of an evaluation, in the shape span-annotation tools import
/// (Prodigy's and spaCy's <c>{"text", "spans": [{"start", "end", "label"}]}</c>): <c>text</c> is the whole model
/// response, <c>spans</c> holds this one mark, and the marked <c>sentence</c>, its <c>note</c> and who marked it sit
/// beside them, so a row reads on its own and rows join on <c>assignmentId</c>.</summary>
internal static class SpanRows
{
    public static IEnumerable<string> Of(RecordedAnswer recorded, ClinicalTask? task, JsonRow row)
    {
        if (recorded.Answer is not EvaluationAnswer { Marks: { } marks } || task?.Response is not { } response)
        {
            yield break;
        }
        foreach (var mark in marks)
        {
            var label = ContractWords<MarkLabel>.Of(mark.Label);
            yield return row.Write(writer =>
            {
                writer.WriteString("id", $"{recorded.AssignmentId}/{mark.Start}-{mark.End}/{label}");
                writer.WriteString("text", response);
                writer.WriteStartArray("spans");
                writer.WriteStartObject();
                writer.WriteNumber("start", mark.Start);
                writer.WriteNumber("end", mark.End);
                writer.WriteString("label", label);
                writer.WriteEndObject();
                writer.WriteEndArray();
                writer.WriteString("sentence", response[mark.Start..mark.End]);
                writer.WriteNumber("start", mark.Start);
                writer.WriteNumber("end", mark.End);
                writer.WriteString("label", label);
                if (mark.Note is { } note)
                {
                    writer.WriteString("note", note);
                }
                writer.WriteString("batchId", recorded.BatchId);
                writer.WriteString("taskId", recorded.TaskId);
                writer.WriteString("assignmentId", recorded.AssignmentId);
                writer.WriteString("reviewerKey", recorded.ReviewerKey);
                writer.WriteString("prompt", task.Prompt);
                JsonRow.WriteMetadata(writer, task);
            });
        }
    }
}
