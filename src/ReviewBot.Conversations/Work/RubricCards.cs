using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ReviewBot.Answers;
using ReviewBot.Cards;
using ReviewBot.Tasks;

namespace ReviewBot.Conversations.Work;

/// <summary>The data of a rubric card (cards/README.md, "Rubric"): the prompt or conversation, the optional model
/// response, and the criteria written so far. A phone shows one criterion's inputs at a time; the list travels in
/// the card's own submissions (<c>criteria</c>), so Add and Remove need no state on the server, and the server
/// checks the whole list again on Submit.</summary>
public static class RubricCards
{
    public static void Fill(JsonObject data, ClinicalTask task, JsonObject? values)
    {
        if (task.Conversation is { } turns)
        {
            data["conversation"] = new JsonArray(turns
                .Select(t => (JsonNode)new JsonObject { ["role"] = RoleShown(t.Role), ["content"] = t.Content }).ToArray());
        }
        else
        {
            data["prompt"] = task.Prompt;
        }
        if (task.Response is { } response)
        {
            data["response"] = response;
            data["responsePreview"] = CardText.Preview(response);
        }
        SetDraft(data, values is null ? [] : RubricRules.Draft(JsonSerializer.SerializeToElement(values)));
    }

    public static void SetDraft(JsonObject data, IReadOnlyList<RubricCriterion> draft)
    {
        data["criteriaList"] = new JsonArray(draft.Select((c, i) => (JsonNode)new JsonObject
        {
            ["index"] = i.ToString(CultureInfo.InvariantCulture),
            ["number"] = (i + 1).ToString(CultureInfo.InvariantCulture),
            ["criterion"] = c.Criterion,
            ["points"] = c.Points > 0 ? $"+{c.Points}" : c.Points.ToString(CultureInfo.InvariantCulture),
            ["axis"] = AxisShown(c.Axis),
        }).ToArray());
        data["criteriaJson"] = JsonSerializer.Serialize(draft.Select(c => new { criterion = c.Criterion, points = c.Points, axis = ContractWords<RubricAxis>.Of(c.Axis) }));
        data["criterionNumber"] = draft.Count + 1;
        data["canAdd"] = draft.Count < RubricRules.MaxCriteria;
        data["written"] = draft.Count switch
        {
            0 => $"Write {RubricRules.MinCriteria} to {RubricRules.MaxCriteria} criteria, one at a time.",
            1 => "1 criterion so far.",
            var n => $"{n} criteria so far.",
        };
    }

    public static string AxisShown(RubricAxis axis) => axis switch
    {
        RubricAxis.Accuracy => "Accuracy",
        RubricAxis.Completeness => "Completeness",
        RubricAxis.CommunicationQuality => "Communication quality",
        RubricAxis.ContextAwareness => "Context awareness",
        _ => "Instruction following",
    };

    private static string RoleShown(string role) => role switch
    {
        "user" => "User",
        "assistant" => "Assistant",
        _ => "System",
    };

    /// <summary>The index a Remove button names, if it is one of the list's.</summary>
    public static IReadOnlyList<RubricCriterion> Without(IReadOnlyList<RubricCriterion> draft, string? index) =>
        int.TryParse(index, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < draft.Count
            ? [.. draft.Take(i), .. draft.Skip(i + 1)]
            : draft;
}
