using ReviewBot.Browser.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace ReviewBot.Browser.Tests;

/// <summary>Someone not on the roster joins by typing their name: they are welcomed, declare their credential on the
/// profile card, wait for a lead to verify it, and then can start.</summary>
public class NewcomerTests(WebChat chat) : IClassFixture<WebChat>
{
    [Fact]
    public async Task A_newcomer_joins_by_name_declares_a_credential_and_starts_once_a_lead_verifies_it()
    {
        var sam = await chat.OpenAsync();
        await sam.Page.GetByLabel("New here? Join with your name").FillAsync("Sam Okafor");
        await sam.Page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Join" }).ClickAsync();

        await Expect((await sam.LatestCardAsync("welcome")).Text("Welcome, Sam Okafor")).ToBeVisibleAsync();
        var profile = await sam.LatestCardAsync("profile");
        await profile.ChooseAsync("Credential", "NP");
        await profile.FillAsync("Specialties", "emergency-medicine");
        await profile.FillAsync("Time zone", "America/Chicago");
        await profile.FillAsync("Hours a week", "6");
        await profile.PressAsync("Save profile");
        await profile.ExpectNameAsync("welcome");
        await Expect(profile.Text("A lead still has to verify your credential.")).ToBeVisibleAsync();

        var lead = await chat.OpenAsync();
        await lead.SignInAsync("Dr. Helena Marchetti");
        await Expect(lead.LastBotText()).ToContainTextAsync("Sam Okafor (web:sam-okafor) declared NP");
        await lead.SayAsync("verify web:sam-okafor NP emergency-medicine");
        await Expect(lead.LastBotText()).ToContainTextAsync("Verified Sam Okafor");

        var welcome = await sam.LatestCardAsync("welcome", button: "Start a task");
        var task = await sam.NewCardAfterAsync(() => welcome.PressAsync("Start a task"));
        await task.ExpectNameAsync("task-evaluate");
        sam.AssertNoScriptProblems();
        lead.AssertNoScriptProblems();
    }
}
