namespace ReviewBot.Channels.Slack.Tests.Support;

/// <summary>A small clinic on Slack: a lead, two clinicians, and a batch with one task of each kind.</summary>
public static class Clinic
{
    public const string Lead = "ULENA001";
    public const string Amara = "UAMARA01";
    public const string Priya = "UPRIYA01";

    public const string Roster = $$"""
        [
          { "key": "slack:{{Lead}}", "name": "Dr. Lena Fischer", "credential": "MD", "specialties": ["emergency-medicine"], "timeZone": "Europe/Berlin", "verified": true, "lead": true },
          { "key": "slack:{{Amara}}", "name": "Dr. Amara Osei", "credential": "MD", "specialties": ["emergency-medicine"], "timeZone": "America/Chicago", "verified": true },
          { "key": "slack:{{Priya}}", "name": "Priya Raman", "credential": "NP", "specialties": ["emergency-medicine"], "timeZone": "America/Denver", "verified": true }
        ]
        """;

    public static string Batch(string id, string firstKind = "rank", string prompt = "First-line treatment for uncomplicated cystitis in a non-pregnant woman?") => $$"""
        {
          "id": "{{id}}", "name": "ED review", "guidelinesUrl": "https://example.org/g", "overlap": 1,
          "dueAt": "2026-12-31T17:00:00Z", "pay": { "perTask": 4.00 },
          "requirements": { "credentials": ["MD", "DO", "NP"], "specialties": ["emergency-medicine"] },
          "tasks": [ {{(firstKind == "rank" ? Rank(prompt) + "," + Evaluate : Evaluate + "," + Rank(prompt))}} ]
        }
        """;

    private static string Rank(string prompt) => $$"""
        { "id": "rk1", "kind": "rank", "prompt": {{System.Text.Json.JsonSerializer.Serialize(prompt)}},
          "responses": [ { "id": "A", "text": "Nitrofurantoin 100 mg twice daily for 5 days." },
                         { "id": "B", "text": "Ciprofloxacin 500 mg twice daily for 7 days." } ] }
        """;

    private const string Evaluate = """
        { "id": "ev1", "kind": "evaluate", "prompt": "A 58-year-old man, BP 86/50, lactate 4.6. First steps?",
          "response": "Give 30 mL/kg crystalloid, take cultures, start antibiotics within the hour." }
        """;
}
