using System.Text.Json.Serialization;

namespace ReviewBot.Assignments;

/// <summary>A lease of one task slot to one reviewer. The id is <c>&lt;batchId&gt;:&lt;sequence&gt;</c>, so the
/// batch can be found from the id alone (batch ids never contain ':').</summary>
public sealed record Assignment
{
    public required string Id { get; init; }
    public required string BatchId { get; init; }
    public required string TaskId { get; init; }
    public required string ReviewerKey { get; init; }
    public required DateTimeOffset DeliveredAt { get; init; }
    public required DateTimeOffset LeaseExpiresAt { get; init; }
    public AssignmentState State { get; init; } = AssignmentState.Open;

    public static bool TryBatchOf(string assignmentId, out string batchId)
    {
        var colon = assignmentId.LastIndexOf(':');
        var wellFormed = colon > 0 && colon < assignmentId.Length - 1 && assignmentId[(colon + 1)..].All(char.IsAsciiDigit);
        batchId = wellFormed ? assignmentId[..colon] : "";
        return wellFormed;
    }
}

[JsonConverter(typeof(JsonStringEnumConverter<AssignmentState>))]
public enum AssignmentState
{
    [JsonStringEnumMemberName("open")] Open,
    [JsonStringEnumMemberName("answered")] Answered,
    [JsonStringEnumMemberName("skipped")] Skipped,
    [JsonStringEnumMemberName("lapsed")] Lapsed,
}
