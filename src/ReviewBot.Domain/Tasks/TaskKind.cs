using System.Text.Json.Serialization;

namespace ReviewBot.Tasks;

/// <summary>The four kinds of micro-task (DESIGN §3).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<TaskKind>))]
public enum TaskKind
{
    [JsonStringEnumMemberName("evaluate")] Evaluate,
    [JsonStringEnumMemberName("rank")] Rank,
    [JsonStringEnumMemberName("respond")] Respond,
    [JsonStringEnumMemberName("vignette")] Vignette,
}
