using System.Text.Json;

namespace ReviewBot;

/// <summary>The words an enum is written as in the contracts (<c>outside-expertise</c>, <c>PharmD</c>), read back
/// forgivingly: people type "Severe" or " md ".</summary>
public static class ContractWords<T> where T : struct, Enum
{
    private static readonly IReadOnlyList<(string Word, T Value)> All = Enum.GetValues<T>()
        .Select(value => (JsonSerializer.Serialize(value, ReviewBotJson.Options).Trim('"'), value))
        .ToList();

    public static IReadOnlyList<string> Words { get; } = All.Select(w => w.Word).ToList();

    /// <summary>"none, suboptimal, potential or severe", for messages that list the choices.</summary>
    public static string Listed { get; } = ContractWords.Listed(Words);

    public static string Of(T value) => All.First(w => w.Value.Equals(value)).Word;

    public static bool TryParse(string? word, out T value)
    {
        var trimmed = word?.Trim();
        foreach (var (known, candidate) in All)
        {
            if (string.Equals(known, trimmed, StringComparison.OrdinalIgnoreCase))
            {
                value = candidate;
                return true;
            }
        }
        value = default;
        return false;
    }
}

public static class ContractWords
{
    public static string Listed(IReadOnlyList<string> words) =>
        words.Count == 1 ? words[0] : string.Join(", ", words.SkipLast(1)) + " or " + words[^1];
}
