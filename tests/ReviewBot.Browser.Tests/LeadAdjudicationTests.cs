using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using ReviewBot.Browser.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace ReviewBot.Browser.Tests;

/// <summary>A lead decides, in the web chat, a ranking its reviewers still disagree on at the batch's max overlap,
/// and the adjudicated export carries the decision.</summary>
public class LeadAdjudicationTests(WebChat chat) : IClassFixture<WebChat>
{
    [Fact]
    public async Task A_lead_adjudicates_a_split_ranking_and_the_adjudicated_export_carries_the_decision()
    {
        var http = chat.Service.Http;
        var batch = new JsonObject
        {
            // Due before the demo batch, so the reviewers' next task is this one.
            ["id"] = "split-demo", ["name"] = "Warfarin and cystitis", ["overlap"] = new JsonObject { ["min"] = 2, ["max"] = 3 },
            ["dueAt"] = "2026-12-10T17:00:00Z",
            ["tasks"] = new JsonArray(new JsonObject
            {
                ["id"] = "rk-split", ["kind"] = "rank", ["prompt"] = "A patient on warfarin needs treatment for cystitis. What do you prescribe?",
                ["responses"] = new JsonArray(
                    new JsonObject { ["id"] = "A", ["text"] = "Nitrofurantoin for 5 days; no interaction of note with warfarin." },
                    new JsonObject { ["id"] = "B", ["text"] = "Trimethoprim-sulfamethoxazole, with an INR check in three days." }),
            }),
        };
        (await http.PostAsync("/api/batches", new StringContent(batch.ToJsonString(), System.Text.Encoding.UTF8, "application/json"))).EnsureSuccessStatusCode();
        // Two say B, one says A: still split when the third, last opinion is in.
        foreach (var (reviewer, ranking) in new[] { ("web:amara", "A>B"), ("web:priya", "B>A"), ("web:marisol", "B>A") })
        {
            var next = await (await http.PostAsync($"/api/reviewers/{reviewer}/next", null)).Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal("rk-split", next.GetProperty("task").GetProperty("id").GetString());
            var body = new JsonObject
            {
                ["reviewer"] = reviewer, ["taskId"] = "rk-split",
                ["fields"] = new JsonObject { ["ranking"] = ranking, ["rationale"] = "Interaction risk against speed of cure." },
            };
            (await http.PostAsync($"/api/assignments/{next.GetProperty("assignment").GetProperty("id").GetString()}/answer",
                new StringContent(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json"))).EnsureSuccessStatusCode();
        }

        var lead = await chat.OpenAsync();
        await lead.SignInAsync("Dr. Helena Marchetti");
        var card = await lead.AskAsync("adjudicate split-demo");
        await card.ExpectNameAsync("adjudicate");
        await Expect(card.Text("Reviewer 1: MD · Cardiology")).ToBeVisibleAsync();
        await Expect(card.Text("Reviewer 3: RN · Emergency medicine")).ToBeVisibleAsync();
        await Expect(card.Message).Not.ToContainTextAsync("Amara");
        await lead.ScreenshotAsync("desktop-lead-adjudicate");
        await card.PickAsync("A ranked best");
        await card.FillAsync("Reason", "TMP-SMX raises the INR; nitrofurantoin is the safe choice here.");
        await card.PressAsync("Record final label");
        await Expect(lead.LastBotText()).ToContainTextAsync("Recorded for rk-split: A ranked best");

        var export = await lead.AskAsync("export split-demo adjudicated");
        await export.ExpectNameAsync("export");
        var download = await lead.Page.RunAndWaitForDownloadAsync(() =>
            export.Message.GetByRole(Microsoft.Playwright.AriaRole.Link, new() { Name = "Download", Exact = true }).ClickAsync());
        var saved = Path.Combine(Repo.Artifacts, "split-demo.adjudicated.jsonl");
        await download.SaveAsAsync(saved);

        var row = Assert.Single(File.ReadAllLines(saved).Select(line => JsonDocument.Parse(line).RootElement));
        Assert.Equal("rk-split", row.GetProperty("taskId").GetString());
        Assert.Equal("A ranked best", row.GetProperty("label").GetString());
        Assert.Equal("adjudicated", row.GetProperty("how").GetString());
        Assert.Equal("TMP-SMX raises the INR; nitrofurantoin is the safe choice here.", row.GetProperty("reason").GetString());
        Assert.Equal("web:lead", row.GetProperty("decidedBy").GetString());
        Assert.Equal(["b:A", "b:B", "b:B"], row.GetProperty("opinions").EnumerateArray().Select(o => o.GetString()));
        lead.AssertNoScriptProblems();
    }
}
