namespace ReviewBot.Reviewers;

/// <summary>Specialties are compared as lower-case words joined by hyphens, so "Emergency Medicine" on a roster
/// matches "emergency-medicine" on a batch.</summary>
public static class Specialty
{
    public static string Normalize(string specialty) =>
        string.Join('-', specialty.Trim().ToLowerInvariant().Split([' ', '_', '-'], StringSplitOptions.RemoveEmptyEntries));
}
