using System.Runtime.CompilerServices;
using System.Text.Json;
using ReviewBot.Answers;
using ReviewBot.Tasks;

namespace ReviewBot.Exports;

/// <summary>healthbench: one line per rubric prompt in HealthBench's own shape, <c>{prompt_id, prompt: [{role,
/// content}], rubrics: [{criterion, points, tags}], example_tags}</c>, so its graders read it unchanged. The criteria
/// of every clinician who wrote a rubric for the prompt are pooled, in the order they were recorded; each is tagged
/// <c>level:example</c> and <c>axis:&lt;axis&gt;</c>. <c>example_tags</c> are the <c>example_tags</c> lists of the
/// batch's and then the task's metadata. HealthBench has no field for who wrote a criterion, so
/// healthbench-provenance, the sidecar, gives one line per criterion: the prompt_id, its index in that row's
/// rubrics, and who wrote it, when.</summary>
internal static class HealthBenchRows
{
    public static async IAsyncEnumerable<string> OfAsync(Batch batch, IAsyncEnumerable<RecordedAnswer> answers, bool provenance, JsonRow row,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        // Rubric answers are short and grouped per prompt, so they are gathered before writing.
        var byTask = new Dictionary<string, List<RecordedAnswer>>(StringComparer.Ordinal);
        await foreach (var answer in answers.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            if (answer.Answer is RubricAnswer)
            {
                (byTask.TryGetValue(answer.TaskId, out var list) ? list : byTask[answer.TaskId] = []).Add(answer);
            }
        }
        foreach (var task in batch.Tasks.Where(t => t.Kind == TaskKind.Rubric && byTask.ContainsKey(t.Id)))
        {
            var recorded = byTask[task.Id].OrderBy(a => a.SubmittedAt).ThenBy(a => a.AssignmentId, StringComparer.Ordinal).ToList();
            foreach (var line in provenance ? ProvenanceLines(batch, task, recorded, row) : [Line(batch, task, recorded, row)])
            {
                yield return line;
            }
        }
    }

    public static string PromptId(Batch batch, ClinicalTask task) => $"{batch.Id}/{task.Id}";

    private static string Line(Batch batch, ClinicalTask task, List<RecordedAnswer> recorded, JsonRow row) => row.Write(writer =>
    {
        writer.WriteString("prompt_id", PromptId(batch, task));
        writer.WriteStartArray("prompt");
        foreach (var turn in task.Conversation ?? [new PromptMessage("user", task.Prompt ?? "")])
        {
            writer.WriteStartObject();
            writer.WriteString("role", turn.Role);
            writer.WriteString("content", turn.Content);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        writer.WriteStartArray("rubrics");
        foreach (var criterion in recorded.SelectMany(a => ((RubricAnswer)a.Answer).Criteria))
        {
            writer.WriteStartObject();
            writer.WriteString("criterion", criterion.Criterion);
            writer.WriteNumber("points", criterion.Points);
            writer.WriteStartArray("tags");
            writer.WriteStringValue("level:example");
            writer.WriteStringValue("axis:" + ContractWords<RubricAxis>.Of(criterion.Axis));
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        writer.WriteStartArray("example_tags");
        foreach (var tag in ExampleTags(batch.Metadata).Concat(ExampleTags(task.Metadata)).Distinct(StringComparer.Ordinal))
        {
            writer.WriteStringValue(tag);
        }
        writer.WriteEndArray();
    });

    private static IEnumerable<string> ProvenanceLines(Batch batch, ClinicalTask task, List<RecordedAnswer> recorded, JsonRow row)
    {
        var index = 0;
        foreach (var answer in recorded)
        {
            var rubric = (RubricAnswer)answer.Answer;
            for (var i = 0; i < rubric.Criteria.Count; i++)
            {
                var (at, criterion, number) = (index++, rubric.Criteria[i], i + 1);
                yield return row.Write(writer =>
                {
                    writer.WriteString("prompt_id", PromptId(batch, task));
                    writer.WriteNumber("rubric_index", at);
                    writer.WriteString("criterion", criterion.Criterion);
                    writer.WriteString("batchId", answer.BatchId);
                    writer.WriteString("taskId", answer.TaskId);
                    writer.WriteString("assignmentId", answer.AssignmentId);
                    writer.WriteString("reviewerKey", answer.ReviewerKey);
                    if (answer.Credential is { } credential)
                    {
                        writer.WriteString("credential", credential.ToString());
                    }
                    writer.WriteString("submittedAt", Instant.Format(answer.SubmittedAt));
                    writer.WriteNumber("criterionNumber", number);
                });
            }
        }
    }

    /// <summary>The strings of a metadata object's <c>example_tags</c> list ("theme:emergency_referrals"); none otherwise.</summary>
    private static IEnumerable<string> ExampleTags(JsonElement? metadata) =>
        metadata is { ValueKind: JsonValueKind.Object } m && m.TryGetProperty("example_tags", out var tags) && tags.ValueKind == JsonValueKind.Array
            ? tags.EnumerateArray().Where(t => t.ValueKind == JsonValueKind.String).Select(t => t.GetString()!)
            : [];
}
