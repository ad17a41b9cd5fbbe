using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using ReviewBot.Channels.Slack.Tests.Support;

namespace ReviewBot.Channels.Slack.Tests;

/// <summary>A lead adjudicates in Slack: the split task as a message in their DM, Decide opens a modal, the
/// decision is recorded.</summary>
public sealed class AdjudicationTests : IAsyncLifetime
{
    private FakeSlack _slack = null!;
    private SlackService _service = null!;
    private SlackPerson _lena = null!;

    public async Task InitializeAsync()
    {
        _slack = await FakeSlack.StartAsync();
        _service = new SlackService(_slack);
        _lena = new SlackPerson(_service, _slack, Clinic.Lead);
        var batch = JsonNode.Parse(Clinic.Batch("split"))!.AsObject();
        batch["overlap"] = new JsonObject { ["min"] = 2, ["max"] = 3 };
        await _service.ImportAsync(Clinic.Roster, batch.ToJsonString());
    }

    public async Task DisposeAsync()
    {
        await _service.DisposeAsync();
        await _slack.DisposeAsync();
    }

    [Fact]
    public async Task A_lead_decides_a_split_ranking_in_a_modal_opened_from_the_message_in_their_dm()
    {
        using var admin = _service.Admin();
        foreach (var (user, ranking) in new[] { (Clinic.Amara, "A>B"), (Clinic.Priya, "B>A"), (Clinic.Lead, "B>A") })
        {
            var next = await (await admin.PostAsync($"/api/reviewers/slack:{user}/next", null)).Content.ReadFromJsonAsync<JsonElement>();
            var body = new JsonObject
            {
                ["reviewer"] = "slack:" + user, ["taskId"] = "rk1",
                ["fields"] = new JsonObject { ["ranking"] = ranking, ["rationale"] = "Resistance patterns against side effects." },
            };
            (await admin.PostAsync($"/api/assignments/{next.GetProperty("assignment").GetProperty("id").GetString()}/answer",
                new StringContent(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json"))).EnsureSuccessStatusCode();
        }

        await _lena.SayAsync("adjudicate split");
        var message = await _slack.WaitForAsync(c => c.Method == "chat.postMessage" && c.Arg("channel") == _lena.Dm
            && c.Arg("text")?.StartsWith("A split task waits", StringComparison.Ordinal) == true, "the split task in Lena's DM");
        Assert.Contains("MD · Emergency medicine", message.Json);
        Assert.DoesNotContain("Amara", message.Json);
        await _lena.PressAsync(message, "Decide");
        var form = await _slack.WaitForAsync(c => c.Method == "views.open", "the decision modal");
        Assert.Equal("adjudicate-form", (string?)form.Args["view"]!["callback_id"]);
        var submitted = await _lena.SubmitAsync(form, new() { ["decision"] = "b:A", ["reason"] = "Nitrofurantoin spares fluoroquinolones." });

        Assert.Equal("", await submitted.Content.ReadAsStringAsync());
        await _slack.WaitForAsync(c => c.Method == "chat.postMessage" && c.Arg("channel") == _lena.Dm
            && c.Arg("text")?.Contains("Recorded for rk1: A ranked best", StringComparison.Ordinal) == true, "the decision confirmed");
        var row = JsonDocument.Parse((await admin.GetStringAsync("/api/batches/split/export?format=adjudicated")).Trim()).RootElement;
        Assert.Equal(("A ranked best", "adjudicated"), (row.GetProperty("label").GetString(), row.GetProperty("how").GetString()));
    }
}
