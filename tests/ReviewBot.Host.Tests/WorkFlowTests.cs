using System.Globalization;
using System.Net;
using System.Text.Json;
using CsvHelper;

namespace ReviewBot.Host.Tests;

/// <summary>The task loop over the work API, and the datasets it produces. Each test has a store of its own, so
/// that "next task" sees only the batch the test imported.</summary>
public sealed class WorkFlowTests : IAsyncLifetime
{
    private readonly ReviewBotApp _app = new();
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _client = _app.CreateClient();
        (await _client.PostJsonTextAsync("/api/reviewers", Batches.Roster)).EnsureSuccessStatusCode();
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task The_same_answer_sent_five_times_is_recorded_once_and_answered_the_same_each_time()
    {
        await Import(Batches.Document("five", overlap: 2));
        var task = await Next("web:amara");

        var responses = new List<HttpResponseMessage>();
        for (var i = 0; i < 5; i++)
        {
            responses.Add(await Answer(task, "web:amara", """{"accuracy":"4","completeness":"3","appropriateness":"4","harm":"none"}"""));
        }
        var bodies = await Task.WhenAll(responses.Select(r => r.Content.ReadAsStringAsync()));
        var progress = await (await _client.GetAsync("/api/batches/five")).JsonAsync();

        Assert.Equal(HttpStatusCode.Created, responses[0].StatusCode);
        Assert.All(responses.Skip(1), r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.All(bodies, b => Assert.Equal(bodies[0], b));
        Assert.Equal(1, progress.GetProperty("slotsFilled").GetInt32());
        Assert.Equal(4.00m, JsonDocument.Parse(bodies[0]).RootElement.GetProperty("earned").GetDecimal());
        Assert.Contains("reviewbot_answers_recorded_total{kind=\"evaluate\"}", await _client.GetStringAsync("/metrics"));
    }

    [Fact]
    public async Task An_invalid_answer_is_refused_with_each_problem_at_its_field()
    {
        await Import(Batches.Document("invalid"));
        var task = await Next("web:amara");

        var response = await Answer(task, "web:amara", """{"accuracy":"9","completeness":"3","appropriateness":"4","harm":"severe"}""");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var fields = (await response.JsonAsync()).GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("field").GetString()).ToList();
        Assert.Contains("accuracy", fields);
        Assert.Contains("errors", fields);
    }

    [Fact]
    public async Task A_rationale_naming_a_patient_with_a_date_of_birth_is_refused_quoting_the_words()
    {
        await Import(RankOnly("phi", overlap: 1));
        var task = await Next("web:amara");

        var response = await Answer(task, "web:amara",
            """{"ranking":"A>B>C","rationale":"Like my patient John Smith, DOB 03/14/1962, nitrofurantoin worked."}""");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var error = Assert.Single((await response.JsonAsync()).GetProperty("errors").EnumerateArray());
        Assert.Equal("rationale", error.GetProperty("field").GetString());
        Assert.Contains("John Smith", error.GetProperty("message").GetString());
    }

    [Fact]
    public async Task A_pending_reviewer_is_told_why_no_task_comes()
    {
        await Import(Batches.Document("pending"));

        var next = await (await _client.PostAsync("/api/reviewers/web:jonah/next", null)).JsonAsync();

        Assert.Equal("PendingVerification", next.GetProperty("status").GetString());
        Assert.Contains("verif", next.GetProperty("message").GetString());
    }

    [Fact]
    public async Task A_ranking_of_three_gives_three_dpo_pairs_and_a_tie_between_two_gives_two()
    {
        await Import(RankOnly("dpo", overlap: 2));
        var amara = await Next("web:amara");
        var priya = await Next("web:priya");
        (await Answer(amara, "web:amara", """{"ranking":"A>B>C","rationale":"Nitrofurantoin is first line; avoid fluoroquinolones."}""")).EnsureSuccessStatusCode();
        (await Answer(priya, "web:priya", """{"ranking":"A=B>C","rationale":"Both treat it; amoxicillin resistance is high.","harmful":"C"}""")).EnsureSuccessStatusCode();

        var rows = await ExportLines("dpo", "dpo");

        Assert.Equal(3, rows.Count(r => r.GetProperty("reviewerKey").GetString() == "web:amara"));
        Assert.Equal(2, rows.Count(r => r.GetProperty("reviewerKey").GetString() == "web:priya"));
        var best = rows.First(r => r.GetProperty("reviewerKey").GetString() == "web:amara");
        Assert.Equal("Nitrofurantoin 100 mg twice daily for 5 days.", best.GetProperty("chosen").GetString());
        Assert.StartsWith("First-line treatment", best.GetProperty("prompt").GetString());
    }

    [Fact]
    public async Task Exports_carry_metadata_untouched_give_sft_conversations_and_quote_csv()
    {
        await Import(Batches.Document("exports"));
        var evaluation = await Next("web:amara");
        (await Answer(evaluation, "web:amara",
            """{"accuracy":"2","completeness":"3","appropriateness":"2","harm":"potential","errors":"Says \"30 mL/kg\" for everyone,\neven with heart failure."}""")).EnsureSuccessStatusCode();
        var ranking = await Next("web:amara");
        (await Answer(ranking, "web:amara", """{"ranking":"A>C>B","rationale":"Nitrofurantoin first; cipro is overkill."}""")).EnsureSuccessStatusCode();
        var respond = await Next("web:amara");
        (await Answer(respond, "web:amara", """{"text":"I would sit down, explain that the heart rhythm is irregular, and what we do about stroke risk."}""")).EnsureSuccessStatusCode();

        var jsonl = await _client.GetStringAsync("/api/batches/exports/export?format=jsonl");
        var sft = await ExportLines("exports", "sft");
        var csv = await _client.GetStringAsync("/api/batches/exports/export?format=csv");

        Assert.Contains("""{"topic":"sepsis","weights":[1,2.50,null],"nested":{"ok":true}}""", jsonl);
        var conversation = Assert.Single(sft).GetProperty("messages");
        Assert.Equal(["user", "assistant"], conversation.EnumerateArray().Select(m => m.GetProperty("role").GetString()));
        Assert.StartsWith("I would sit down", conversation[1].GetProperty("content").GetString());
        using var reader = new CsvReader(new StringReader(csv), CultureInfo.InvariantCulture);
        var records = reader.GetRecords<dynamic>().Cast<IDictionary<string, object>>().ToList();
        Assert.Equal(3, records.Count);
        Assert.Equal("Says \"30 mL/kg\" for everyone,\neven with heart failure.", records.Single(r => (string)r["taskId"] == "ev1")["errors"]);
    }

    [Fact]
    public async Task Skipping_returns_the_task_and_counts_the_reason()
    {
        await Import(Batches.Document("skips"));
        var task = await Next("web:amara");

        var skip = await _client.PostJsonTextAsync($"/api/assignments/{task.AssignmentId}/skip",
            JsonSerializer.Serialize(new { reviewer = "web:amara", taskId = task.TaskId, fields = new { skipReason = "outside-expertise" } }));
        var progress = await (await _client.GetAsync("/api/batches/skips")).JsonAsync();

        Assert.Equal(HttpStatusCode.OK, skip.StatusCode);
        Assert.Equal(1, progress.GetProperty("skips").GetInt32());
        Assert.Equal(1, progress.GetProperty("skipsByReason").GetProperty("outside-expertise").GetInt32());
    }

    private static string RankOnly(string id, int overlap)
    {
        using var document = JsonDocument.Parse(Batches.Document(id, overlap));
        var node = System.Text.Json.Nodes.JsonNode.Parse(document.RootElement.GetRawText())!;
        var tasks = node["tasks"]!.AsArray();
        var rank = tasks.Single(t => (string?)t!["id"] == "rk3")!.DeepClone();
        node["tasks"] = new System.Text.Json.Nodes.JsonArray(rank);
        return node.ToJsonString();
    }

    private async Task Import(string document) => (await _client.PostJsonTextAsync("/api/batches", document)).EnsureSuccessStatusCode();

    private sealed record Leased(string AssignmentId, string TaskId);

    private async Task<Leased> Next(string reviewer)
    {
        var next = await (await _client.PostAsync($"/api/reviewers/{reviewer}/next", null)).JsonAsync();
        Assert.Equal("Delivered", next.GetProperty("status").GetString());
        return new Leased(next.GetProperty("assignment").GetProperty("id").GetString()!, next.GetProperty("task").GetProperty("id").GetString()!);
    }

    private Task<HttpResponseMessage> Answer(Leased task, string reviewer, string fields) =>
        _client.PostJsonTextAsync($"/api/assignments/{task.AssignmentId}/answer",
            $$"""{"reviewer":"{{reviewer}}","taskId":"{{task.TaskId}}","fields":{{fields}}}""");

    private async Task<List<JsonElement>> ExportLines(string batch, string format)
    {
        var text = await _client.GetStringAsync($"/api/batches/{batch}/export?format={format}");
        return text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();
    }
}
