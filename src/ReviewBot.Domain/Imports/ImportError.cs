namespace ReviewBot.Imports;

/// <summary>One problem in an imported file, placed so that a person can find it: the line (JSON Lines, or where
/// the JSON broke), the task id or reviewer key when known, and the field path (<c>tasks[3].responses</c>).</summary>
public sealed record ImportError(int? Line, string? Id, string Field, string Message)
{
    public override string ToString()
    {
        var place = new List<string>();
        if (Line is { } line)
        {
            place.Add($"line {line}");
        }
        if (!string.IsNullOrEmpty(Id))
        {
            place.Add(Id);
        }
        if (Field.Length > 0)
        {
            place.Add(Field);
        }
        return place.Count == 0 ? Message : $"{string.Join(", ", place)}: {Message}";
    }
}
