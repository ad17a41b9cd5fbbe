using System.Text.Json.Serialization;

namespace ReviewBot.Answers;

/// <summary>Criteria a clinician wrote for grading answers to a prompt, in the order written.</summary>
public sealed record RubricAnswer(IReadOnlyList<RubricCriterion> Criteria) : Answer;

/// <summary>One criterion: what an answer should (positive points) or must not (negative points) say, worth
/// -10 to +10 points, on one of HealthBench's axes.</summary>
public sealed record RubricCriterion(string Criterion, int Points, RubricAxis Axis);

/// <summary>HealthBench's axes (written <c>axis:&lt;word&gt;</c> in its tags).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RubricAxis>))]
public enum RubricAxis
{
    [JsonStringEnumMemberName("accuracy")] Accuracy,
    [JsonStringEnumMemberName("completeness")] Completeness,
    [JsonStringEnumMemberName("communication_quality")] CommunicationQuality,
    [JsonStringEnumMemberName("context_awareness")] ContextAwareness,
    [JsonStringEnumMemberName("instruction_following")] InstructionFollowing,
}
