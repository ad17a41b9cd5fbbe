using System.Text.Json.Serialization;

namespace ReviewBot.Answers;

/// <summary>What a clinician submitted for one task (DESIGN §4). Written with a <c>kind</c> word so a stored
/// answer reads on its own.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(EvaluationAnswer), "evaluate")]
[JsonDerivedType(typeof(RankingAnswer), "rank")]
[JsonDerivedType(typeof(WrittenResponseAnswer), "respond")]
[JsonDerivedType(typeof(VignetteAnswer), "vignette")]
[JsonDerivedType(typeof(RubricAnswer), "rubric")]
public abstract record Answer;

public sealed record EvaluationAnswer(
    int Accuracy,
    int Completeness,
    int Appropriateness,
    Harm Harm,
    string? Errors,
    string? Omissions) : Answer
{
    /// <summary>The sentences marked wrong or dangerous, in text order; null when none was marked.</summary>
    public IReadOnlyList<SentenceMark>? Marks { get; init; }
}

/// <summary><see cref="Ranking"/> lists response ids best first; <see cref="Tie"/>, when present, names the two
/// adjacent ids the clinician could not separate.</summary>
public sealed record RankingAnswer(
    IReadOnlyList<string> Ranking,
    IReadOnlyList<string>? Tie,
    string Rationale,
    IReadOnlyList<string> Harmful) : Answer;

public sealed record WrittenResponseAnswer(string Text) : Answer;

/// <summary>A synthetic patient case. No real patient data, ever: every field passes the identifier guard.</summary>
public sealed record VignetteAnswer(
    string Title,
    int Age,
    string Sex,
    string Setting,
    string History,
    string Exam,
    string Labs,
    string? Question,
    string? Answer) : Answer;

/// <summary>How much harm following the model's answer could do. Suboptimal is wrong but harmless; severe could
/// seriously hurt a patient.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<Harm>))]
public enum Harm
{
    [JsonStringEnumMemberName("none")] None,
    [JsonStringEnumMemberName("suboptimal")] Suboptimal,
    [JsonStringEnumMemberName("potential")] Potential,
    [JsonStringEnumMemberName("severe")] Severe,
}

[JsonConverter(typeof(JsonStringEnumConverter<SkipReason>))]
public enum SkipReason
{
    [JsonStringEnumMemberName("outside-expertise")] OutsideExpertise,
    [JsonStringEnumMemberName("unclear")] Unclear,
    [JsonStringEnumMemberName("content-problem")] ContentProblem,
}
