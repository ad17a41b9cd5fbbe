namespace ReviewBot.Host.Tests;

/// <summary>Batch documents as a data team writes them (DESIGN §3).</summary>
internal static class Batches
{
    public static string Document(string id, int overlap = 1, string? extraTask = null) => $$"""
        {
          "id": "{{id}}", "name": "Mixed review", "guidelinesUrl": "https://example.org/g", "overlap": {{overlap}},
          "dueAt": "2026-12-01T17:00:00Z", "pay": { "perTask": 4.00 },
          "requirements": { "credentials": ["MD", "DO", "NP"], "specialties": ["emergency-medicine"] },
          "tasks": [
            { "id": "ev1", "kind": "evaluate", "prompt": "A 58-year-old man, BP 86/50, lactate 4.6. First steps?",
              "response": "Give 30 mL/kg crystalloid, take cultures, start antibiotics within the hour.",
              "metadata": { "topic": "sepsis", "weights": [1, 2.50, null], "nested": { "ok": true } } },
            { "id": "rk3", "kind": "rank", "prompt": "First-line treatment for uncomplicated cystitis in a non-pregnant woman?",
              "responses": [ { "id": "A", "text": "Nitrofurantoin 100 mg twice daily for 5 days." },
                             { "id": "B", "text": "Ciprofloxacin 500 mg twice daily for 7 days." },
                             { "id": "C", "text": "Amoxicillin 500 mg three times daily for 7 days." } ] },
            { "id": "rs1", "kind": "respond", "prompt": "How would you explain a new atrial fibrillation diagnosis to a worried patient?" },
            { "id": "vg1", "kind": "vignette", "brief": "An older adult with afebrile urinary sepsis." }{{(extraTask is null ? "" : "," + extraTask)}}
          ]
        }
        """;

    public const string Roster = """
        [
          { "key": "web:amara", "name": "Dr. Amara Osei", "credential": "MD", "specialties": ["emergency-medicine"], "timeZone": "America/Chicago", "verified": true, "weeklyHours": 10 },
          { "key": "web:priya", "name": "Priya Raman, NP", "credential": "NP", "specialties": ["emergency-medicine"], "timeZone": "America/Denver", "verified": true },
          { "key": "web:jonah", "name": "Jonah Brandt, PA", "credential": "PA", "specialties": ["emergency-medicine"], "timeZone": "America/New_York", "verified": false }
        ]
        """;
}
