namespace ReviewBot.Reviewers;

/// <summary>Specialties are compared as lower-case words joined by hyphens, so "Emergency Medicine" on a roster
/// matches "emergency-medicine" on a batch.</summary>
public static class Specialty
{
    public static string Normalize(string specialty) =>
        string.Join('-', specialty.Trim().ToLowerInvariant().Split([' ', '_', '-'], StringSplitOptions.RemoveEmptyEntries));

    /// <summary>"emergency-medicine" as a person reads it: "Emergency medicine".</summary>
    public static string Title(string specialty)
    {
        var words = Normalize(specialty).Replace('-', ' ');
        return words.Length == 0 ? words : char.ToUpperInvariant(words[0]) + words[1..];
    }
}
