using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ReviewBot.Host.Tests;

/// <summary>The demo batch's rubric tasks, answered over the work API by two clinicians, exported as HealthBench
/// reads it, with who wrote each criterion in the sidecar.</summary>
public sealed class HealthBenchExportTests : IAsyncLifetime
{
    private static readonly string[] Axes = ["accuracy", "completeness", "communication_quality", "context_awareness", "instruction_following"];
    private readonly ReviewBotApp _app = new();
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _client = _app.CreateClient();
        var samples = Path.Combine(AppContext.BaseDirectory, "samples");
        (await _client.PostJsonTextAsync("/api/reviewers", await File.ReadAllTextAsync(Path.Combine(samples, "demo-roster.json")))).EnsureSuccessStatusCode();
        (await _client.PostJsonTextAsync("/api/batches", await File.ReadAllTextAsync(Path.Combine(samples, "demo-batch.json")))).EnsureSuccessStatusCode();
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    // HealthBench's published example fields (simple-evals' healthbench_eval reads these names); anything else in a
    // line, or any of them missing, fails the read.
    private sealed record HealthBenchExample(
        [property: JsonPropertyName("prompt_id")] string PromptId,
        [property: JsonPropertyName("prompt")] IReadOnlyList<HealthBenchMessage> Prompt,
        [property: JsonPropertyName("rubrics")] IReadOnlyList<HealthBenchRubricItem> Rubrics,
        [property: JsonPropertyName("example_tags")] IReadOnlyList<string> ExampleTags);

    private sealed record HealthBenchMessage([property: JsonPropertyName("role")] string Role, [property: JsonPropertyName("content")] string Content);

    private sealed record HealthBenchRubricItem(
        [property: JsonPropertyName("criterion")] string Criterion,
        [property: JsonPropertyName("points")] double Points,
        [property: JsonPropertyName("tags")] IReadOnlyList<string> Tags);

    private static readonly JsonSerializerOptions HealthBenchReader = new()
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        RespectRequiredConstructorParameters = true,
        RespectNullableAnnotations = true,
    };

    [Fact]
    public async Task The_demo_batch_exports_one_healthbench_line_per_prompt_with_every_criterion_tagged_by_axis()
    {
        await WriteRubric("web:amara", "rb-aspirin-dental-01",
            ("Advises continuing aspirin for a simple extraction after a heart attack", 8, "accuracy"),
            ("Suggests telling the dentist about the aspirin so local measures are ready", 5, "completeness"),
            ("Tells the user to stop aspirin for a week before the extraction", -8, "accuracy"));
        await WriteRubric("web:priya", "rb-aspirin-dental-01",
            ("Recommends paracetamol rather than ibuprofen for pain afterwards", 4, "context_awareness"),
            ("Explains in plain words why stopping aspirin raises heart risk", 3, "communication_quality"),
            ("Answers the question asked before adding other advice", 2, "instruction_following"),
            ("Asks again about other blood thinners already ruled out by the user", -3, "context_awareness"));
        await WriteRubric("web:priya", "rb-toddler-fever-01",
            ("Names a non-blanching rash as a reason to be seen the same day", 7, "completeness"),
            ("Gives a paracetamol dose above 15 mg/kg", -9, "accuracy"),
            ("Says when to call an ambulance", 5, "completeness"));

        var lines = await Export("healthbench");
        var examples = lines.Select(l => JsonSerializer.Deserialize<HealthBenchExample>(l, HealthBenchReader)!).ToList();

        Assert.Equal(["demo-nov/rb-aspirin-dental-01", "demo-nov/rb-toddler-fever-01"], examples.Select(e => e.PromptId));
        Assert.Equal(["user", "assistant", "user"], examples[0].Prompt.Select(m => m.Role));
        Assert.Equal("user", Assert.Single(examples[1].Prompt).Role);
        Assert.Equal([8, 5, -8, 4, 3, 2, -3], examples[0].Rubrics.Select(r => r.Points));
        Assert.Equal(["source:reviewbot-demo", "theme:context_seeking", "physician_agreed_category:enough-context"], examples[0].ExampleTags);
        Assert.All(examples.SelectMany(e => e.Rubrics), r =>
        {
            Assert.Contains(Assert.Single(r.Tags, t => t.StartsWith("axis:", StringComparison.Ordinal))["axis:".Length..], Axes);
            Assert.Contains("level:example", r.Tags);
        });
        Assert.Equal("axis:instruction_following", examples[0].Rubrics[5].Tags[1]);
    }

    [Fact]
    public async Task The_sidecar_names_who_wrote_each_criterion_at_its_index()
    {
        await WriteRubric("web:amara", "rb-aspirin-dental-01",
            ("Advises continuing aspirin for a simple extraction after a heart attack", 8, "accuracy"),
            ("Suggests telling the dentist about the aspirin", 5, "completeness"),
            ("Tells the user to stop aspirin for a week before", -8, "accuracy"));
        await WriteRubric("web:priya", "rb-aspirin-dental-01",
            ("Recommends paracetamol rather than ibuprofen for pain afterwards", 4, "context_awareness"),
            ("Explains why stopping aspirin raises heart risk", 3, "communication_quality"),
            ("Answers the question asked before adding other advice", 2, "instruction_following"));

        var example = JsonDocument.Parse(Assert.Single(await Export("healthbench"))).RootElement;
        var sidecar = (await Export("healthbench-provenance")).Select(l => JsonDocument.Parse(l).RootElement).ToList();

        Assert.Equal(6, sidecar.Count);
        Assert.Equal(["web:amara", "web:amara", "web:amara", "web:priya", "web:priya", "web:priya"], sidecar.Select(p => p.GetProperty("reviewerKey").GetString()));
        Assert.All(sidecar, p =>
        {
            Assert.Equal("demo-nov/rb-aspirin-dental-01", p.GetProperty("prompt_id").GetString());
            Assert.Equal(example.GetProperty("rubrics")[p.GetProperty("rubric_index").GetInt32()].GetProperty("criterion").GetString(),
                p.GetProperty("criterion").GetString());
        });
        Assert.Equal(["MD", "NP"], sidecar.Select(p => p.GetProperty("credential").GetString()).Distinct());
    }

    /// <summary>Skips the reviewer's tasks until <paramref name="taskId"/> comes, then answers it with these criteria.</summary>
    private async Task WriteRubric(string reviewer, string taskId, params (string Criterion, int Points, string Axis)[] criteria)
    {
        for (var tries = 0; tries < 20; tries++)
        {
            var next = await (await _client.PostAsync($"/api/reviewers/{reviewer}/next", null)).JsonAsync();
            Assert.Equal("Delivered", next.GetProperty("status").GetString());
            var (assignment, task) = (next.GetProperty("assignment").GetProperty("id").GetString()!, next.GetProperty("task").GetProperty("id").GetString()!);
            if (task != taskId)
            {
                (await _client.PostJsonTextAsync($"/api/assignments/{assignment}/skip",
                    JsonSerializer.Serialize(new { reviewer, taskId = task, fields = new { skipReason = "outside-expertise" } }))).EnsureSuccessStatusCode();
                continue;
            }
            var answer = await _client.PostJsonTextAsync($"/api/assignments/{assignment}/answer", JsonSerializer.Serialize(new
            {
                reviewer, taskId,
                fields = new { criteria = criteria.Select(c => new { criterion = c.Criterion, points = c.Points, axis = c.Axis }) },
            }));
            Assert.Equal(HttpStatusCode.Created, answer.StatusCode);
            return;
        }
        Assert.Fail($"{taskId} never came to {reviewer}.");
    }

    private async Task<List<string>> Export(string format) =>
        (await _client.GetStringAsync($"/api/batches/demo-nov/export?format={format}")).Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();
}
