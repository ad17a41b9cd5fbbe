using System.Text.Json;
using ReviewBot.Answers;
using ReviewBot.Tasks;

namespace ReviewBot.Exports;

/// <summary>jsonl: one row per answer with everything known about it: who, when, time and pay, the task content,
/// the answer, the gold answer for gold tasks, and the task's metadata as sent.</summary>
internal static class AnswerRows
{
    public static IEnumerable<string> Of(RecordedAnswer recorded, ClinicalTask? task, JsonRow row)
    {
        yield return row.Write(writer =>
        {
            writer.WriteString("batchId", recorded.BatchId);
            writer.WriteString("taskId", recorded.TaskId);
            writer.WriteString("kind", ContractWords<TaskKind>.Of(recorded.Kind));
            writer.WriteString("assignmentId", recorded.AssignmentId);
            writer.WriteString("reviewerKey", recorded.ReviewerKey);
            if (recorded.Credential is { } credential)
            {
                writer.WriteString("credential", credential.ToString());
            }
            if (recorded.Specialties is { } specialties)
            {
                writer.WriteStartArray("specialties");
                foreach (var specialty in specialties)
                {
                    writer.WriteStringValue(specialty);
                }
                writer.WriteEndArray();
            }
            if (recorded.TemplateVersion is { } version)
            {
                writer.WriteNumber("templateVersion", version);
            }
            writer.WriteString("deliveredAt", Instant.Format(recorded.DeliveredAt));
            writer.WriteString("submittedAt", Instant.Format(recorded.SubmittedAt));
            writer.WriteNumber("activeSeconds", recorded.ActiveSeconds);
            writer.WriteNumber("earned", recorded.Earned);
            WriteContent(writer, task);
            writer.WritePropertyName("answer");
            JsonSerializer.Serialize(writer, recorded.Answer, ReviewBotJson.Options);
            if (task?.Gold is { } gold)
            {
                writer.WritePropertyName("gold");
                gold.WriteTo(writer);
            }
            JsonRow.WriteMetadata(writer, task);
        });
    }

    private static void WriteContent(Utf8JsonWriter writer, ClinicalTask? task)
    {
        if (task is null)
        {
            return;
        }
        if (task.Prompt is { } prompt)
        {
            writer.WriteString("prompt", prompt);
        }
        if (task.Response is { } response)
        {
            writer.WriteString("response", response);
        }
        if (task.Responses is { } responses)
        {
            writer.WriteStartArray("responses");
            foreach (var r in responses)
            {
                writer.WriteStartObject();
                writer.WriteString("id", r.Id);
                writer.WriteString("text", r.Text);
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
        }
        if (task.Brief is { } brief)
        {
            writer.WriteString("brief", brief);
        }
    }
}
