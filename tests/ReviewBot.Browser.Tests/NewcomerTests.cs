using ReviewBot.Browser.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace ReviewBot.Browser.Tests;

/// <summary>Someone not on the roster joins by typing their name: they are welcomed, declare their credential on the
/// profile card (specialties picked from the list the open batches ask for), are told it is saved and waits for a
/// lead, and then can start.</summary>
public class NewcomerTests(WebChat chat) : IClassFixture<WebChat>
{
    [Fact]
    public async Task A_newcomer_joins_by_name_declares_a_credential_and_starts_once_a_lead_verifies_it()
    {
        var sam = await chat.OpenAsync();
        await sam.Page.GetByLabel("New here? Join with your name").FillAsync("Sam Okafor");
        await sam.Page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Join" }).ClickAsync();

        await Expect((await sam.LatestCardAsync("welcome")).Text("Welcome, Sam Okafor")).ToBeVisibleAsync();

        // Asking for work before the profile is saved says why a form comes back instead.
        await sam.SayAsync("next");
        await Expect(sam.LastBotText()).ToHaveTextAsync("Before I can send you a task, I need your profile: fill in the card below and press Save profile.");

        var profile = await sam.LatestCardAsync("profile");
        var roster = await chat.Service.Http.GetStringAsync("/chat/people");
        var example = await profile.Field("Name, as leads will see it").GetAttributeAsync("placeholder");
        Assert.DoesNotContain(example!.Replace("e.g. ", ""), roster);
        foreach (var specialty in new[] { "Cardiology", "Emergency medicine", "Internal medicine", "Pediatrics", "Pharmacy", "Other (say which below)" })
        {
            await Expect(profile.Message.GetByLabel(specialty, new() { Exact = true })).ToBeVisibleAsync();
        }
        await profile.ChooseAsync("Credential", "NP");
        await profile.PickAsync("Emergency medicine");
        await profile.FillAsync("Time zone", "America/Chicago");
        await profile.FillAsync("Hours a week", "6");
        await sam.ScreenshotAsync("desktop-newcomer-profile");
        await profile.PressAsync("Save profile");
        await profile.ExpectNameAsync("welcome");
        await Expect(profile.Text("Your profile is saved; a lead will verify your credential.")).ToBeVisibleAsync();

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
