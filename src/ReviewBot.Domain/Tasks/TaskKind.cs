using System.Text.Json.Serialization;

namespace ReviewBot.Tasks;

/// <summary>The kinds of micro-task (DESIGN §3), and rubric: criteria a clinician writes for grading answers to a prompt.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<TaskKind>))]
public enum TaskKind
{
    [JsonStringEnumMemberName("evaluate")] Evaluate,
    [JsonStringEnumMemberName("rank")] Rank,
    [JsonStringEnumMemberName("respond")] Respond,
    [JsonStringEnumMemberName("vignette")] Vignette,
    [JsonStringEnumMemberName("rubric")] Rubric,
}
