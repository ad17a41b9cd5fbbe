using System.Text.Json.Nodes;
using ReviewBot.Answers;
using ReviewBot.Cards;
using ReviewBot.Tasks;

namespace ReviewBot.Conversations.Work;

/// <summary>The data a task card binds (cards/README.md): the task's text, its ids, and on a second showing the
/// values the clinician typed and a message at each field that was refused. Long texts carry a short preview so a
/// card with three long responses stays under Teams' 28 KB.</summary>
public static class TaskCards
{
    public static string NameFor(TaskKind kind) => kind switch
    {
        TaskKind.Evaluate => "task-evaluate",
        TaskKind.Rank => "task-rank",
        TaskKind.Respond => "task-respond",
        TaskKind.Rubric => "task-rubric",
        _ => "task-vignette",
    };

    public static JsonObject Data(Batch batch, ClinicalTask task, string assignmentId,
        IReadOnlyList<FieldError>? errors = null, JsonObject? values = null)
    {
        var data = new JsonObject
        {
            ["batchId"] = batch.Id,
            ["batchName"] = batch.Name,
            ["taskId"] = task.Id,
            ["assignmentId"] = assignmentId,
        };
        if (batch.GuidelinesUrl is { } guidelines)
        {
            data["guidelinesUrl"] = guidelines;
        }
        switch (task.Kind)
        {
            case TaskKind.Evaluate:
                data["prompt"] = task.Prompt;
                data["response"] = task.Response;
                data["responsePreview"] = CardText.Preview(task.Response ?? "");
                SentenceCards.AddSentences(data, task.Response ?? "", errors, values);
                break;
            case TaskKind.Rank:
                data["prompt"] = task.Prompt;
                data["responses"] = new JsonArray(task.Responses!
                    .Select(r => (JsonNode)new JsonObject { ["id"] = r.Id, ["text"] = r.Text, ["preview"] = CardText.Preview(r.Text) }).ToArray());
                break;
            case TaskKind.Respond:
                data["prompt"] = task.Prompt;
                break;
            case TaskKind.Rubric:
                RubricCards.Fill(data, task, values);
                break;
            default:
                data["brief"] = task.Brief;
                break;
        }
        if (errors is { Count: > 0 })
        {
            data["errors"] = new JsonObject(errors.GroupBy(e => e.Field.Length == 0 ? "form" : e.Field)
                .Select(g => KeyValuePair.Create(g.Key, (JsonNode?)string.Join(" ", g.Select(e => e.Message)))));
        }
        if (values is { Count: > 0 })
        {
            data["values"] = values;
        }
        return data;
    }
}
