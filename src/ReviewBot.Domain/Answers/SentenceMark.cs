using System.Text.Json.Serialization;

namespace ReviewBot.Answers;

/// <summary>A sentence of the model's answer a clinician marked: character offsets into the response as imported
/// (<see cref="End"/> exclusive), what is wrong with it, and an optional one-line note.</summary>
public sealed record SentenceMark(int Start, int End, MarkLabel Label, string? Note);

[JsonConverter(typeof(JsonStringEnumConverter<MarkLabel>))]
public enum MarkLabel
{
    /// <summary>Factually or clinically wrong.</summary>
    [JsonStringEnumMemberName("wrong")] Wrong,
    /// <summary>Could hurt a patient if followed.</summary>
    [JsonStringEnumMemberName("dangerous")] Dangerous,
}
