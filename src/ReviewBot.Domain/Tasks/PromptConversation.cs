using System.Text.Json;
using ReviewBot.Imports;

namespace ReviewBot.Tasks;

/// <summary>Reads a rubric task's <c>prompt</c> when it is a conversation: a list of <c>{"role", "content"}</c>
/// turns, as HealthBench writes prompts, ending with the user's turn that the criteria grade answers to.</summary>
internal static class PromptConversation
{
    public const int MaxTurns = 20;
    private static readonly string[] Roles = ["user", "assistant", "system"];
    private const string Shape = "{\"role\": \"user\", \"content\": \"…\"}";

    /// <summary>The turns, or null when the prompt is a single text (or missing, which the caller reports).</summary>
    public static IReadOnlyList<PromptMessage>? Read(JsonElement task, ImportScope scope)
    {
        if (ImportScope.Get(task, "prompt") is not { ValueKind: JsonValueKind.Array } list)
        {
            return null;
        }
        var count = list.GetArrayLength();
        if (count is 0 or > MaxTurns)
        {
            scope.Error("prompt", $"A conversation prompt has 1 to {MaxTurns} turns, each {Shape}; this one has {count}.");
            return null;
        }
        var turns = new List<PromptMessage>();
        var index = 0;
        foreach (var item in list.EnumerateArray())
        {
            var at = scope.At("prompt").At(index++);
            if (item.ValueKind != JsonValueKind.Object)
            {
                at.Error("", $"Each turn must be an object such as {Shape}.");
                continue;
            }
            var role = at.Scalar(item, "role")?.Trim().ToLowerInvariant();
            if (role is null || !Roles.Contains(role))
            {
                at.Error("role", $"role must be {ContractWords.Listed(Roles)}.");
            }
            var content = at.Text("content", at.Scalar(item, "content"), BatchReader.MaxText, required: true);
            if (role is not null && Roles.Contains(role) && content is not null)
            {
                turns.Add(new PromptMessage(role, content));
            }
        }
        if (turns.Count == count && turns[^1].Role != "user")
        {
            scope.Error("prompt", "A conversation prompt ends with the user's turn: the criteria grade the answer to it.");
        }
        return turns;
    }
}
