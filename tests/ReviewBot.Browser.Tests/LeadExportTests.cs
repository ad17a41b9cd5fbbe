using System.Text.Json;
using ReviewBot.Browser.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace ReviewBot.Browser.Tests;

/// <summary>A lead in chat, who holds no admin key, downloads a batch's dataset from the link the bot gives.</summary>
public class LeadExportTests(WebChat chat) : IClassFixture<WebChat>
{
    [Fact]
    public async Task A_lead_downloads_the_export_through_the_chat_link_and_the_file_holds_the_answers()
    {
        var amara = await chat.OpenAsync();
        await amara.SignInAsync("Dr. Amara Osei");
        var task = await amara.AskAsync("next");
        await TaskAnswers.CompleteAsync(task);
        await task.ExpectNameAsync("task-recorded");

        var lead = await chat.OpenAsync();
        await lead.SignInAsync("Dr. Helena Marchetti");
        var card = await lead.AskAsync("export");
        await card.ExpectNameAsync("export");
        await Expect(card.Text("demo-nov.jsonl")).ToBeVisibleAsync();
        await Expect(card.Text("1 answer recorded so far")).ToBeVisibleAsync();
        await lead.ScreenshotAsync("desktop-lead-export");

        // The renderer draws an Action.OpenUrl as a button with the role of a link.
        var download = await lead.Page.RunAndWaitForDownloadAsync(() =>
            card.Message.GetByRole(Microsoft.Playwright.AriaRole.Link, new() { Name = "Download", Exact = true }).ClickAsync());
        var saved = Path.Combine(Repo.Artifacts, "demo-nov.jsonl");
        await download.SaveAsAsync(saved);

        Assert.Equal("demo-nov.jsonl", download.SuggestedFilename);
        var rows = File.ReadAllLines(saved).Select(line => JsonDocument.Parse(line).RootElement).ToList();
        var row = Assert.Single(rows);
        Assert.Equal("web:amara", row.GetProperty("reviewerKey").GetString());
        Assert.Equal("demo-nov", row.GetProperty("batchId").GetString());
        lead.AssertNoScriptProblems();
    }
}
