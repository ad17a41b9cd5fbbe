namespace ReviewBot.Channels.Teams.Tests.Support;

/// <summary>A small clinic on Teams: a lead (an RN, so no task of the batch is hers), two clinicians (by their Entra object ids), a team with a channel for
/// announcements and one for the leads, and a batch with one task of each of two kinds.</summary>
public static class Clinic
{
    public const string Tenant = "72f988bf-0000-4000-8000-00000000c11c";
    public const string Bot = "28:reviewbot-test-app";
    public const string Team = "19:team-er@thread.tacv2";
    public const string TeamChannel = "19:team-er@thread.tacv2";
    public const string LeadsChannel = "19:leads-er@thread.tacv2";

    public const string Lead = "0a11ce00-0000-4000-8000-000000000001";
    public const string Amara = "0a11ce00-0000-4000-8000-000000000002";
    public const string Priya = "0a11ce00-0000-4000-8000-000000000003";

    public static string Roster => $$"""
        [
          { "key": "teams:{{Lead}}", "name": "Dr. Lena Fischer", "credential": "RN", "specialties": ["emergency-medicine"], "timeZone": "Etc/GMT", "verified": true, "lead": true },
          { "key": "teams:{{Amara}}", "name": "Dr. Amara Osei", "credential": "MD", "specialties": ["emergency-medicine"], "timeZone": "{{Zone}}", "verified": true },
          { "key": "teams:{{Priya}}", "name": "Priya Raman", "credential": "NP", "specialties": ["emergency-medicine"], "timeZone": "{{Zone}}", "verified": true }
        ]
        """;

    /// <summary>A zone where it is about midday now, so that nothing waits for the end of someone's quiet hours.</summary>
    public static string Zone => (DateTimeOffset.UtcNow.Hour - 12) switch { 0 => "Etc/GMT", > 0 and var o => $"Etc/GMT+{o}", var o => $"Etc/GMT{o}" };

    public static string Batch(string id, string firstKind = "evaluate", int leaseMinutes = 30) => $$"""
        {
          "id": "{{id}}", "name": "ED review", "overlap": 1, "leaseMinutes": {{leaseMinutes}}, "dueAt": "2027-12-31T17:00:00Z", "pay": { "perTask": 4.00 },
          "requirements": { "credentials": ["MD", "DO", "NP"], "specialties": ["emergency-medicine"] },
          "tasks": [ {{(firstKind == "evaluate" ? Evaluate + "," + Rank : Rank + "," + Evaluate)}} ]
        }
        """;

    private const string Rank = """
        { "id": "rk1", "kind": "rank", "prompt": "First-line treatment for uncomplicated cystitis in a non-pregnant woman?",
          "responses": [ { "id": "A", "text": "Nitrofurantoin 100 mg twice daily for 5 days." },
                         { "id": "B", "text": "Ciprofloxacin 500 mg twice daily for 7 days." } ] }
        """;

    private const string Evaluate = """
        { "id": "ev1", "kind": "evaluate", "prompt": "A 58-year-old man, BP 86/50, lactate 4.6. First steps?",
          "response": "Give 30 mL/kg crystalloid, take cultures, start antibiotics within the hour." }
        """;
}
