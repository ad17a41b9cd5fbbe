using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using ReviewBot.Channels.Slack.Tests.Support;

namespace ReviewBot.Channels.Slack.Tests;

/// <summary>Sentence marks and rubric criteria in Slack: the same answers through Block Kit modals.</summary>
public sealed class DeeperJudgementTests : IAsyncLifetime
{
    private FakeSlack _slack = null!;
    private SlackService _service = null!;
    private SlackPerson _amara = null!;

    public async Task InitializeAsync()
    {
        _slack = await FakeSlack.StartAsync();
        _service = new SlackService(_slack);
        _amara = new SlackPerson(_service, _slack, Clinic.Amara);
    }

    public async Task DisposeAsync()
    {
        await _service.DisposeAsync();
        await _slack.DisposeAsync();
    }

    private static string Batch(string id, string task) => $$"""
        { "id": "{{id}}", "name": "ED review", "overlap": 1, "pay": { "perTask": 4.00 },
          "requirements": { "credentials": ["MD"], "specialties": ["emergency-medicine"] }, "tasks": [ {{task}} ] }
        """;

    [Fact]
    public async Task Sentences_picked_in_the_evaluation_modal_are_recorded_as_offsets_and_reach_the_leads()
    {
        const string response = "Start insulin at 1 unit/kg/h. Give bicarbonate at once. Recheck potassium in 2 h.";
        await _service.ImportAsync(Clinic.Roster, Batch("marks",
            $$"""{ "id": "ev1", "kind": "evaluate", "prompt": "DKA, pH 7.08, K 3.0: first steps?", "response": "{{response}}" }"""));
        await _amara.SayAsync("next");
        var task = await _slack.WaitForAsync(c => c.Method == "chat.postMessage" && c.Arg("channel") == _amara.Dm, "the evaluation task");
        await _amara.PressAsync(task, "Rate it");
        var form = await _slack.WaitForAsync(c => c.Method == "views.open", "the evaluation modal");
        var options = Input(form.Args["view"]!.AsObject(), "dangerousSentences")["options"]!.AsArray();
        Assert.Equal(["1 · Start insulin at 1 unit/kg/h.", "2 · Give bicarbonate at once.", "3 · Recheck potassium in 2 h."],
            options.Select(o => (string?)o!["text"]!["text"]));

        var submitted = await _amara.SubmitAsync(form, new()
        {
            ["accuracy"] = "1", ["completeness"] = "2", ["appropriateness"] = "1", ["harm"] = "severe",
            ["dangerousSentences"] = "1,2", ["sentenceNote1"] = "Ten times the usual rate.",
        });

        Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);
        Assert.Equal("", await submitted.Content.ReadAsStringAsync());
        var recorded = await _slack.WaitForAsync(c => c.Method == "chat.update" && c.Arg("ts") == task.Arg("ts"), "the task message updated");
        Assert.Contains("Sentences you marked", recorded.Json);
        Assert.Contains("sentence 2: Give bicarbonate at once.", recorded.Json);
        var alert = await _slack.WaitForAsync(c => c.Method == "chat.postMessage" && c.Arg("channel") == SlackService.LeadChannel, "the harm alert");
        Assert.Contains("Marked dangerous: “Start insulin at 1 unit/kg/h.” — Ten times the usual rate.", alert.Json);

        var row = JsonDocument.Parse(await Export("marks", "jsonl")).RootElement;
        Assert.Equal([(0, 29, "dangerous"), (30, 55, "dangerous")], row.GetProperty("answer").GetProperty("marks").EnumerateArray()
            .Select(m => (m.GetProperty("start").GetInt32(), m.GetProperty("end").GetInt32(), m.GetProperty("label").GetString())));
    }

    [Fact]
    public async Task A_rubric_is_written_in_numbered_rows_a_row_with_an_identifier_is_refused_beside_it_and_the_rest_is_kept()
    {
        await _service.ImportAsync(Clinic.Roster, Batch("rubric",
            """{ "id": "rb1", "kind": "rubric", "prompt": [ {"role": "user", "content": "Chest pain for an hour. What should I do?"} ] }"""));
        await _amara.SayAsync("next");
        var task = await _slack.WaitForAsync(c => c.Method == "chat.postMessage" && c.Arg("channel") == _amara.Dm, "the rubric task");
        Assert.StartsWith("New task: write rubric criteria", task.Arg("text"));
        await _amara.PressAsync(task, "Write criteria");
        var form = await _slack.WaitForAsync(c => c.Method == "views.open", "the rubric modal");
        Assert.Equal("task-rubric-form", (string?)form.Args["view"]!["callback_id"]);
        var rows = new Dictionary<string, string?>
        {
            ["criterion1"] = "Tells the user to call emergency services now", ["points1"] = "10", ["axis1"] = "accuracy",
            ["criterion2"] = "Suggests calling Dr Lee on 555-867-5309 first", ["points2"] = "-6", ["axis2"] = "accuracy",
            ["criterion3"] = "Advises chewing aspirin 300 mg if not allergic", ["points3"] = "6", ["axis3"] = "completeness",
        };

        var refused = JsonNode.Parse(await (await _amara.SubmitAsync(form, rows)).Content.ReadAsStringAsync())!;
        Assert.Equal("errors", (string?)refused["response_action"]);
        Assert.StartsWith("“555-867-5309” looks like a phone number", (string?)Assert.Single(refused["errors"]!.AsObject()).Value);
        Assert.Equal("criterion2", Assert.Single(refused["errors"]!.AsObject()).Key);

        rows["criterion2"] = "Suggests waiting to see whether the pain settles";
        Assert.Equal("", await (await _amara.SubmitAsync(form, rows)).Content.ReadAsStringAsync());
        var recorded = await _slack.WaitForAsync(c => c.Method == "chat.update" && c.Arg("ts") == task.Arg("ts"), "the task message updated");
        Assert.Contains("Your rubric of 3 criteria (2 to reward, 1 to penalise) is recorded.", recorded.Json);
        var example = JsonDocument.Parse(await Export("rubric", "healthbench")).RootElement;
        Assert.Equal([10, -6, 6], example.GetProperty("rubrics").EnumerateArray().Select(r => r.GetProperty("points").GetInt32()));
    }

    private async Task<string> Export(string batch, string format)
    {
        using var admin = _service.Admin();
        return (await admin.GetStringAsync($"/api/batches/{batch}/export?format={format}")).Trim();
    }

    private static JsonObject Input(JsonObject view, string field) =>
        view["blocks"]!.AsArray().OfType<JsonObject>().Single(b => (string?)b["block_id"] == field)["element"]!.AsObject();
}
