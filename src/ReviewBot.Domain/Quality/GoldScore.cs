using System.Text.Json;
using ReviewBot.Answers;
using ReviewBot.Tasks;

namespace ReviewBot.Quality;

/// <summary>How an answer to a gold task compares with the expected answer. Evaluate: the harm level within one step
/// of the gold and each rating within 1 of it; rank: the same best response. Respond and vignette are free writing
/// and not scored. The gold is the batch's own JSON: <c>{"accuracy": 4, "completeness": 4, "appropriateness": 5,
/// "harm": "none", "rationale": "…"}</c> or <c>{"ranking": ["B", "A"], "rationale": "…"}</c>.</summary>
public static class GoldScore
{
    /// <summary>Null when the task is not gold, its kind is not scored, or its gold does not name what the kind needs.</summary>
    public static GoldVerdict? Score(ClinicalTask task, Answer answer)
    {
        if (task.Gold is not { ValueKind: JsonValueKind.Object } gold)
        {
            return null;
        }
        var rationale = Text(gold, "rationale");
        switch (answer)
        {
            case EvaluationAnswer given when Ratings(gold) is var (accuracy, completeness, appropriateness, harm):
                var correct = Math.Abs((int)given.Harm - (int)harm) <= 1
                    && Math.Abs(given.Accuracy - accuracy) <= 1
                    && Math.Abs(given.Completeness - completeness) <= 1
                    && Math.Abs(given.Appropriateness - appropriateness) <= 1;
                return new GoldVerdict(correct,
                    $"accuracy {accuracy}, completeness {completeness}, appropriateness {appropriateness}; harm: {ContractWords<Harm>.Of(harm)}", rationale);
            case RankingAnswer given when BestOf(gold) is { } best:
                return new GoldVerdict(Opinion.Best(given) == best, $"{best} ranked best", rationale);
            default:
                return null;
        }
    }

    private static (int, int, int, Harm)? Ratings(JsonElement gold) =>
        Rating(gold, "accuracy") is { } accuracy && Rating(gold, "completeness") is { } completeness
            && Rating(gold, "appropriateness") is { } appropriateness
            && ContractWords<Harm>.TryParse(Text(gold, "harm"), out var harm)
            ? (accuracy, completeness, appropriateness, harm)
            : null;

    /// <summary>The gold's best response: the first of its ranking, or <c>best</c> when it names only that.</summary>
    private static string? BestOf(JsonElement gold) =>
        gold.TryGetProperty("ranking", out var ranking) && ranking.ValueKind == JsonValueKind.Array && ranking.GetArrayLength() > 0
            ? ranking[0].GetString()
            : Text(gold, "best");

    private static int? Rating(JsonElement gold, string name) =>
        gold.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var rating) ? rating : null;

    private static string? Text(JsonElement gold, string name) =>
        gold.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}

/// <summary>An answer judged against its gold: whether it counts as correct, the expected answer in words, and why.</summary>
public sealed record GoldVerdict(bool Correct, string Expected, string? Rationale);
