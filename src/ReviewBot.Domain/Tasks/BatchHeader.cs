namespace ReviewBot.Tasks;

/// <summary>A batch's own fields when its tasks arrive as JSON Lines (DESIGN §3): the query-string values exactly
/// as given, so that a bad value is reported next to its name like any other import error. Lists
/// (<see cref="Credentials"/>, <see cref="Specialties"/>) are comma-separated.</summary>
public sealed record BatchHeader
{
    public string? Id { get; init; }
    public string? Name { get; init; }
    public string? Overlap { get; init; }
    public string? DueAt { get; init; }
    public string? PerTask { get; init; }
    public string? Credentials { get; init; }
    public string? Specialties { get; init; }
    public string? GuidelinesUrl { get; init; }
    public string? LeaseMinutes { get; init; }
}
