using System.Text.Json;
using ReviewBot.Browser.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace ReviewBot.Browser.Tests;

/// <summary>On a batch that has barely started, <c>remind</c> reaches those holding a task and every qualified,
/// verified reviewer who has not started, and says how many; <c>announce</c> counts the slots still open.</summary>
public class LeadRemindTests(WebChat chat) : IClassFixture<WebChat>
{
    // Everyone verified in the demo roster qualifies for some demo task; Jonah's credential is still pending.
    private static readonly string[] NotStarted = ["web:priya", "web:marisol", "web:kenji", "web:ines", "web:lead"];

    [Fact]
    public async Task Remind_on_a_half_started_batch_reaches_every_qualified_reviewer_and_says_how_many()
    {
        await NeverQuietAsync();
        var amara = await chat.OpenAsync();
        await amara.SignInAsync("Dr. Amara Osei");
        await amara.AskAsync("next");
        var priya = await chat.OpenAsync();
        await priya.SignInAsync("Priya Raman");

        var lead = await chat.OpenAsync();
        await lead.SignInAsync("Dr. Helena Marchetti");
        await lead.SayAsync("remind");

        await Expect(lead.Chat.Locator(".msg.from-bot:not(.has-card) .text", new() { HasTextString = "Reminded 6 reviewers in demo-nov" }))
            .ToHaveTextAsync("Reminded 6 reviewers in demo-nov: 1 with an open task, 5 who qualify and have not started. " +
                "Anyone in their quiet hours gets it in their morning.");
        var held = await amara.LatestCardAsync("reminder");
        await Expect(held.Text("You have 1 open task")).ToBeVisibleAsync();
        var invitation = await priya.LatestCardAsync("reminder");
        await Expect(invitation.Text("Your help is wanted")).ToBeVisibleAsync();
        await priya.ScreenshotAsync("desktop-reminder-invitation");
        foreach (var reviewer in NotStarted)
        {
            Assert.Contains("\"card\":\"reminder\"", await chat.Service.Http.GetStringAsync($"/chat/messages?conversation={reviewer}&user={reviewer}&after=0"));
        }
        Assert.DoesNotContain("\"card\":\"reminder\"", await chat.Service.Http.GetStringAsync("/chat/messages?conversation=web:jonah&user=web:jonah&after=0"));

        var start = await priya.NewCardAfterAsync(() => invitation.PressAsync("Start"));
        Assert.StartsWith("task-", await start.NameAsync());
        lead.AssertNoScriptProblems();
        priya.AssertNoScriptProblems();
    }

    [Fact]
    public async Task Announce_with_no_batch_named_posts_the_only_open_one_counting_the_open_slots()
    {
        var lead = await chat.OpenAsync();
        await lead.SignInAsync("Dr. Helena Marchetti");
        var progress = await lead.AskAsync("progress");
        await Expect(progress.Text("Demo: mixed clinical review (November)").First).ToBeVisibleAsync();
        var openNow = JsonDocument.Parse(await chat.Service.Http.GetStringAsync("/api/batches/demo-nov")).RootElement;
        var open = openNow.GetProperty("slots").GetInt32() - openNow.GetProperty("slotsFilled").GetInt32() - openNow.GetProperty("openAssignments").GetInt32();
        Assert.True(open > 0, "The demo batch has no open slot to announce.");

        await lead.SayAsync("announce");

        var announcement = await lead.LatestCardAsync("announcement", lead.Team);
        await Expect(announcement.Text($"{open} tasks need you: Demo: mixed clinical review (November)")).ToBeVisibleAsync();
    }

    /// <summary>Reminders wait out a reviewer's quiet hours; the roster import sets quiet hours that never begin, so
    /// the test sees the reminders now whatever the hour it runs at.</summary>
    private async Task NeverQuietAsync()
    {
        var roster = JsonSerializer.Deserialize<List<Dictionary<string, JsonElement>>>(File.ReadAllText(Path.Combine(Repo.Root, "samples", "demo-roster.json")))!;
        foreach (var person in roster)
        {
            person["quietHours"] = JsonSerializer.SerializeToElement(new { start = "00:00", end = "00:00" });
        }
        var response = await chat.Service.Http.PostAsync("/api/reviewers",
            new StringContent(JsonSerializer.Serialize(roster), System.Text.Encoding.UTF8, "application/json"));
        response.EnsureSuccessStatusCode();
    }
}
