using System.Text.Json.Serialization;
using ReviewBot.Answers;
using ReviewBot.Tasks;

namespace ReviewBot.Quality;

/// <summary>An item's label and how it was reached: from a lead's decision, from answers that all or mostly say the
/// same (<see cref="Opinion"/>), or not yet (split, waiting for a lead).</summary>
public static class ItemLabels
{
    /// <summary>What a lead may decide for a split task: its best response (rank) or its harm level (evaluate).</summary>
    public static IReadOnlyList<(string Opinion, string Label)> Choices(ClinicalTask task) => task.Kind switch
    {
        TaskKind.Rank => (task.Responses ?? []).Select(r => ("b:" + r.Id, Describe("b:" + r.Id))).ToList(),
        TaskKind.Evaluate => Enum.GetValues<Harm>().Select(h => ("h:" + (int)h, Describe("h:" + (int)h))).ToList(),
        _ => [],
    };

    /// <summary>"A ranked best", "A and B tied best", "harm: potential".</summary>
    public static string Describe(string opinion) => opinion.Split(':', 2) switch
    {
        ["b", var best] when best.Split('=') is [var first, var second] => $"{first} and {second} tied best",
        ["b", var best] => $"{best} ranked best",
        ["h", var level] when int.TryParse(level, out var harm) && Enum.IsDefined((Harm)harm) => "harm: " + ContractWords<Harm>.Of((Harm)harm),
        _ => opinion,
    };

    public static ItemLabel Resolve(IReadOnlyCollection<Answer> answers, FinalLabel? final)
    {
        if (final is not null)
        {
            return new ItemLabel(final.Opinion, final.Label, LabelHow.Adjudicated);
        }
        var opinions = answers.Select(Opinion.Of).OfType<string>().ToList();
        if (opinions.Count == 0)
        {
            return new ItemLabel(null, null, LabelHow.NotCompared);
        }
        var top = opinions.CountBy(o => o).OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal).First();
        var how = opinions.Count == 1 ? LabelHow.Single
            : top.Value == opinions.Count ? LabelHow.Unanimous
            : 2 * top.Value > opinions.Count ? LabelHow.Majority
            : LabelHow.Split;
        return how == LabelHow.Split ? new ItemLabel(null, null, how) : new ItemLabel(top.Key, Describe(top.Key), how);
    }
}

public sealed record ItemLabel(string? Opinion, string? Label, LabelHow How);

[JsonConverter(typeof(JsonStringEnumConverter<LabelHow>))]
public enum LabelHow
{
    /// <summary>A lead decided it.</summary>
    [JsonStringEnumMemberName("adjudicated")] Adjudicated,
    [JsonStringEnumMemberName("unanimous")] Unanimous,
    /// <summary>More than half of the answers say it.</summary>
    [JsonStringEnumMemberName("majority")] Majority,
    /// <summary>One answer only.</summary>
    [JsonStringEnumMemberName("single")] Single,
    /// <summary>No opinion has more than half of the answers, and no lead has decided yet.</summary>
    [JsonStringEnumMemberName("split")] Split,
    /// <summary>Respond and vignette answers are writing, not compared.</summary>
    [JsonStringEnumMemberName("not-compared")] NotCompared,
}
