using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ReviewBot.Host.Tests;

/// <summary>Quality over the admin API: gold accuracy per reviewer and agreement per question, on a store of its
/// own per test, the work driven through the work API as an integration would.</summary>
public sealed class QualityTests : IAsyncLifetime
{
    private readonly ReviewBotApp _app = new();
    private HttpClient _client = null!;

    public async Task InitializeAsync() => _client = _app.CreateClient();

    public async Task DisposeAsync() => await _app.DisposeAsync();

    /// <summary>20 reviewers, 3 of whom pick the best of three responses at random; 200 rankings of which 20 are gold,
    /// given to each reviewer as one task in four (goldRate 0.25, about six each); overlap grows from 2 to 4. The others always rank the
    /// right response first, so every extra slot is one that a random answer opened.</summary>
    [Fact]
    public async Task Random_answerers_are_the_three_lowest_on_gold_accuracy_and_their_answers_open_extra_slots()
    {
        var reviewers = Enumerable.Range(1, 20).Select(n => $"web:sim{n:00}").ToList();
        string[] random = ["web:sim04", "web:sim11", "web:sim17"];
        await PostOk("/api/reviewers", new JsonArray(reviewers.Select(key => (JsonNode)new JsonObject
        {
            ["key"] = key, ["name"] = "Reviewer " + key[^2..], ["credential"] = "MD", ["specialties"] = new JsonArray("emergency-medicine"),
            ["verified"] = true, ["weeklyHours"] = 80,
        }).ToArray()).ToJsonString());
        await PostOk("/api/batches", SimulationBatch("sim").ToJsonString());

        // Seeded, so the simulation runs the same every time: the work API hands out tasks in a fixed order.
        var dice = reviewers.ToDictionary(key => key, key => new Random(reviewers.IndexOf(key)));
        // Whoever asks next is drawn at random too, as people come and go, so everyone meets gold tasks.
        var turns = new Random(2026);
        var active = reviewers.ToList();
        while (active.Count > 0)
        {
            var key = active[turns.Next(active.Count)];
            var next = await (await _client.PostAsync($"/api/reviewers/{key}/next", null)).JsonAsync();
            if (next.GetProperty("status").GetString() != "Delivered")
            {
                active.Remove(key);
                continue;
            }
            var taskId = next.GetProperty("task").GetProperty("id").GetString()!;
            var best = random.Contains(key) ? Ids[dice[key].Next(Ids.Length)] : TrueBest(taskId);
            var fields = new JsonObject { ["ranking"] = Ranking(best), ["rationale"] = "Closer to current guidance for this presentation." };
            var answered = await _client.PostJsonTextAsync($"/api/assignments/{next.GetProperty("assignment").GetProperty("id").GetString()}/answer",
                new JsonObject { ["reviewer"] = key, ["taskId"] = taskId, ["fields"] = fields }.ToJsonString());
            Assert.Equal(HttpStatusCode.Created, answered.StatusCode);
            // An answer may have opened a slot for someone who had run out of work.
            active = reviewers.ToList();
        }

        var accuracy = new Dictionary<string, double>();
        foreach (var key in reviewers)
        {
            var quality = (await (await _client.GetAsync($"/api/reviewers/{key}/quality")).JsonAsync()).GetProperty("quality");
            accuracy[key] = quality.GetProperty("goldAccuracy").GetDouble();
        }
        var rows = await ExportLines("sim", "jsonl");
        var byTask = rows.GroupBy(r => r.GetProperty("taskId").GetString()!)
            .ToDictionary(g => g.Key, g => g.OrderBy(r => r.GetProperty("submittedAt").GetDateTimeOffset()).Select(r => r.GetProperty("reviewerKey").GetString()!).ToList());
        var regular = byTask.Where(t => !IsGold(t.Key)).ToList();
        var grown = regular.Where(t => t.Value.Count > 2).ToList();

        Assert.Equal(random.Order(), accuracy.OrderBy(a => a.Value).Take(3).Select(a => a.Key).Order());
        Assert.All(reviewers.Except(random), key => Assert.Equal(1.0, accuracy[key]));
        Assert.Equal(200, byTask.Count);
        Assert.All(regular, t => Assert.InRange(t.Value.Count, 2, 4));
        Assert.NotEmpty(grown);
        Assert.All(grown, t => Assert.Contains(t.Value.Take(2), random.Contains));
        Assert.All(random, key => Assert.Contains(grown, t => t.Value.Take(2).Contains(key)));
    }

    [Fact]
    public async Task Agreement_gives_alpha_per_question_and_fleiss_kappa_only_where_every_item_has_as_many_answers()
    {
        await PostOk("/api/reviewers", """
            [ { "key": "web:a", "name": "A", "credential": "MD", "specialties": ["emergency-medicine"], "verified": true },
              { "key": "web:b", "name": "B", "credential": "MD", "specialties": ["emergency-medicine"], "verified": true },
              { "key": "web:c", "name": "C", "credential": "NP", "specialties": ["emergency-medicine"], "verified": true } ]
            """);
        var batch = new JsonObject
        {
            ["id"] = "agree", ["name"] = "Agreement", ["overlap"] = 2,
            ["tasks"] = new JsonArray(Enumerable.Range(1, 3).Select(n => (JsonNode)new JsonObject
            {
                ["id"] = $"ev{n}", ["kind"] = "evaluate", ["prompt"] = "A 58-year-old man, BP 86/50, lactate 4.6. First steps?",
                ["response"] = "Give 30 mL/kg crystalloid, take cultures, start antibiotics within the hour.",
            }).ToArray()),
        };
        await PostOk("/api/batches", batch.ToJsonString());
        // ev1: 5 and 5; ev2: 2 and 3; ev3: 4 and 1. Harm agrees on ev1 and ev2 only.
        await Evaluate("web:a", accuracy: 5, harm: "none");
        await Evaluate("web:b", accuracy: 5, harm: "none");
        await Evaluate("web:a", accuracy: 2, harm: "suboptimal");
        await Evaluate("web:b", accuracy: 3, harm: "suboptimal");
        await Evaluate("web:a", accuracy: 4, harm: "none");
        await Evaluate("web:c", accuracy: 1, harm: "severe");

        var body = await (await _client.GetAsync("/api/batches/agree/agreement")).JsonAsync();
        var questions = body.GetProperty("questions").EnumerateArray().ToDictionary(q => q.GetProperty("question").GetString()!);
        var accuracy = questions["accuracy"];
        var missing = await _client.GetAsync("/api/batches/nope/agreement");

        Assert.Equal("agree", body.GetProperty("batch").GetString());
        Assert.Equal(["accuracy", "completeness", "appropriateness", "harm"], questions.Keys);
        Assert.Equal(("evaluate", "ordinal", 3, 6), (accuracy.GetProperty("kind").GetString(), accuracy.GetProperty("level").GetString(),
            accuracy.GetProperty("units").GetInt32(), accuracy.GetProperty("answers").GetInt32()));
        // By hand, with Krippendorff's ordinal metric: pairs 1–4, 2–3 and 5–5 (each counted both ways); n_c 1, 1, 1, 1, 2;
        // δ²(1,4) = (1+1+1+1 − 1)² = 9, δ²(2,3) = 1; Σ o·δ² = 2·9 + 2·1 = 20, Σ n_c·n_k·δ² = 204; α = 1 − 5·20/204 = 0.510.
        Assert.Equal(0.510, accuracy.GetProperty("alpha").GetDouble());
        Assert.Equal(JsonValueKind.Number, accuracy.GetProperty("fleissKappa").ValueKind);
        Assert.Equal(JsonValueKind.Null, questions["completeness"].GetProperty("alpha").ValueKind);
        Assert.Equal(JsonValueKind.Null, questions["completeness"].GetProperty("fleissKappa").ValueKind);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task A_pseudonymized_export_keeps_rows_of_one_reviewer_together_under_a_name_no_other_export_shares()
    {
        await PostOk("/api/reviewers", """
            [ { "key": "web:a", "name": "A", "credential": "MD", "specialties": ["emergency-medicine"], "verified": true },
              { "key": "web:b", "name": "B", "credential": "MD", "specialties": ["emergency-medicine"], "verified": true } ]
            """);
        await PostOk("/api/batches", """
            { "id": "pseudo", "name": "Pseudonyms", "overlap": 2, "tasks": [
              { "id": "ev1", "kind": "evaluate", "prompt": "BP 86/50, lactate 4.6. First steps?", "response": "Fluids, cultures, antibiotics." },
              { "id": "ev2", "kind": "evaluate", "prompt": "K 6.8 with peaked T waves?", "response": "Calcium gluconate, insulin with dextrose." } ] }
            """);
        foreach (var reviewer in new[] { "web:a", "web:b", "web:a", "web:b" })
        {
            await Evaluate(reviewer, accuracy: 5, harm: "none");
        }

        var first = await ExportLines("pseudo", "jsonl&pseudonymize=true");
        var second = await ExportLines("pseudo", "jsonl&pseudonymize=true");
        var kto = await ExportLines("pseudo", "kto");
        string Key(JsonElement row) => row.GetProperty("reviewerKey").GetString()!;

        Assert.All(first, row => Assert.StartsWith("r-", Key(row)));
        Assert.Equal(2, first.Select(Key).Distinct().Count());
        Assert.Equal(first.GroupBy(r => r.GetProperty("assignmentId").GetString()).Count(), first.Count);
        Assert.Empty(first.Select(Key).Intersect(second.Select(Key)));
        Assert.Equal(["web:a", "web:b"], kto.Select(Key).Distinct().Order());
        Assert.All(kto, row => Assert.True(row.GetProperty("label").GetBoolean()));
        Assert.Equal("Fluids, cultures, antibiotics.", kto.First(r => r.GetProperty("taskId").GetString() == "ev1").GetProperty("completion").GetString());
    }

    [Fact]
    public async Task The_screening_api_gives_a_screening_batch_s_rule_and_who_passed()
    {
        await PostOk("/api/reviewers", """[ { "key": "web:a", "name": "A", "credential": "MD", "specialties": ["emergency-medicine"], "verified": true } ]""");
        await PostOk("/api/batches", """
            { "id": "screen", "name": "Screening", "screening": { "passScore": 0.5, "retryAfterDays": 14 }, "tasks": [
              { "id": "g1", "kind": "evaluate", "prompt": "BP 86/50, lactate 4.6. First steps?", "response": "Fluids, cultures, antibiotics.",
                "gold": { "accuracy": 5, "completeness": 4, "appropriateness": 5, "harm": "none" } } ] }
            """);
        await PostOk("/api/batches", """{ "id": "plain", "name": "Plain", "tasks": [ { "id": "r1", "kind": "respond", "prompt": "Explain QT prolongation." } ] }""");
        await Evaluate("web:a", accuracy: 5, harm: "none");
        var regular = await (await _client.PostAsync("/api/reviewers/web:a/next", null)).JsonAsync();

        var body = await (await _client.GetAsync("/api/batches/screen/screening")).JsonAsync();
        var plain = await _client.GetAsync("/api/batches/plain/screening");

        Assert.Equal("r1", regular.GetProperty("task").GetProperty("id").GetString());
        Assert.Equal(0.5, body.GetProperty("screening").GetProperty("passScore").GetDouble());
        var result = Assert.Single(body.GetProperty("results").EnumerateArray());
        Assert.Equal(("web:a", true, 1.0), (result.GetProperty("reviewerKey").GetString(), result.GetProperty("passed").GetBoolean(), result.GetProperty("score").GetDouble()));
        Assert.Equal(HttpStatusCode.NotFound, plain.StatusCode);
    }

    private async Task Evaluate(string reviewer, int accuracy, string harm)
    {
        var next = await (await _client.PostAsync($"/api/reviewers/{reviewer}/next", null)).JsonAsync();
        var fields = new JsonObject
        {
            ["accuracy"] = accuracy.ToString(System.Globalization.CultureInfo.InvariantCulture), ["completeness"] = "4", ["appropriateness"] = "4", ["harm"] = harm,
        };
        if (harm != "none")
        {
            fields["errors"] = "Misses the vasopressor threshold.";
        }
        var answered = await _client.PostJsonTextAsync($"/api/assignments/{next.GetProperty("assignment").GetProperty("id").GetString()}/answer",
            new JsonObject { ["reviewer"] = reviewer, ["taskId"] = next.GetProperty("task").GetProperty("id").GetString(), ["fields"] = fields }.ToJsonString());
        Assert.Equal(HttpStatusCode.Created, answered.StatusCode);
    }

    private static readonly string[] Ids = ["A", "B", "C"];

    private static bool IsGold(string taskId) => taskId.EndsWith('0');

    /// <summary>The response a clinician who knows ranks first: A, B or C by task number.</summary>
    private static string TrueBest(string taskId) => Ids[int.Parse(taskId[2..], System.Globalization.CultureInfo.InvariantCulture) % 3];

    /// <summary>"B>A>C": the best first, then the others in order.</summary>
    private static string Ranking(string best) => string.Join(">", Ids.Where(id => id != best).Prepend(best));

    private static JsonObject SimulationBatch(string id) => new()
    {
        ["id"] = id, ["name"] = "Simulation", ["overlap"] = new JsonObject { ["min"] = 2, ["max"] = 4 }, ["goldRate"] = 0.25,
        ["tasks"] = new JsonArray(Enumerable.Range(1, 200).Select(n =>
        {
            var task = new JsonObject
            {
                ["id"] = $"rk{n:000}", ["kind"] = "rank", ["prompt"] = "First-line rate control for new atrial fibrillation?",
                ["responses"] = new JsonArray(Ids.Select(id => (JsonNode)new JsonObject { ["id"] = id, ["text"] = "Rate control option " + id + "." }).ToArray()),
            };
            // Every tenth task is gold; the batch's goldRate gives each reviewer one task in four from them.
            if (IsGold($"rk{n:000}"))
            {
                var best = TrueBest($"rk{n:000}");
                task["gold"] = new JsonObject
                {
                    ["ranking"] = new JsonArray(Ranking(best).Split('>').Select(id => (JsonNode)id).ToArray()), ["rationale"] = "Guideline first line.",
                };
            }
            return (JsonNode)task;
        }).ToArray()),
    };

    private async Task PostOk(string url, string json) => (await _client.PostJsonTextAsync(url, json)).EnsureSuccessStatusCode();

    private async Task<List<JsonElement>> ExportLines(string batch, string format)
    {
        var text = await _client.GetStringAsync($"/api/batches/{batch}/export?format={format}");
        return text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();
    }
}
