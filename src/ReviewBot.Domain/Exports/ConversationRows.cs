using ReviewBot.Answers;
using ReviewBot.Tasks;

namespace ReviewBot.Exports;

/// <summary>sft: each written response as a two-turn chat, the prompt from the user and the clinician's text from
/// the assistant, with where it came from beside the messages.</summary>
internal static class ConversationRows
{
    public static IEnumerable<string> Of(RecordedAnswer recorded, ClinicalTask? task, JsonRow row)
    {
        if (recorded.Answer is not WrittenResponseAnswer written || task?.Prompt is not { } prompt)
        {
            yield break;
        }
        yield return row.Write(writer =>
        {
            writer.WriteStartArray("messages");
            Message(writer, "user", prompt);
            Message(writer, "assistant", written.Text);
            writer.WriteEndArray();
            writer.WriteString("batchId", recorded.BatchId);
            writer.WriteString("taskId", recorded.TaskId);
            writer.WriteString("reviewerKey", recorded.ReviewerKey);
            JsonRow.WriteMetadata(writer, task);
        });
    }

    private static void Message(System.Text.Json.Utf8JsonWriter writer, string role, string content)
    {
        writer.WriteStartObject();
        writer.WriteString("role", role);
        writer.WriteString("content", content);
        writer.WriteEndObject();
    }
}
