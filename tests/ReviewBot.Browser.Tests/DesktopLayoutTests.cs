using ReviewBot.Browser.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace ReviewBot.Browser.Tests;

/// <summary>The web chat at 1280 px: the chat with the bot and the channels side by side, all in view at once. The
/// screenshots go to artifacts/web-chat/ for a person to look at.</summary>
public class DesktopLayoutTests(WebChat chat) : IClassFixture<WebChat>
{
    [Fact]
    public async Task At_desktop_width_the_chat_and_the_channels_sit_side_by_side()
    {
        var lead = await chat.OpenAsync(WebChat.DesktopWidth, 800);
        await lead.ScreenshotAsync("desktop-sign-in");
        await lead.SignInAsync("Dr. Helena Marchetti");
        await lead.AskAsync("progress demo-nov");
        await lead.SayAsync("announce demo-nov");

        var amara = await chat.OpenAsync(WebChat.DesktopWidth, 800);
        await amara.SignInAsync("Dr. Amara Osei");
        await amara.LatestCardAsync("announcement", amara.Team);
        var card = await amara.AskAsync("next");
        await amara.ScreenshotAsync("desktop-clinician");
        await TaskAnswers.RateAsync(card, "1", "Could seriously hurt a patient");
        await card.FillAsync("What is wrong?", "Recommends full-dose enoxaparin despite an eGFR of 24, which risks a major bleed.");
        await card.PressAsync("Submit");
        await card.ExpectNameAsync("task-recorded");

        await lead.LatestCardAsync("harm-alert", lead.Leads);
        await lead.ScreenshotAsync("desktop-lead");

        var chatBox = await Layout.BoxAsync(lead.Chat);
        var teamBox = await Layout.BoxAsync(lead.Team);
        var leadsBox = await Layout.BoxAsync(lead.Leads);
        Assert.True(chatBox.X + chatBox.Width <= teamBox.X && teamBox.X + teamBox.Width <= leadsBox.X,
            $"Panes at x = {chatBox.X}, {teamBox.X}, {leadsBox.X} are not side by side.");
        Assert.Equal(chatBox.Y, teamBox.Y);
        Assert.Equal(chatBox.Y, leadsBox.Y);
        await Expect(lead.Page.Locator(".tabs")).ToBeHiddenAsync();
        Assert.Empty(await Layout.SidewaysOverflowAsync(lead.Page));
        lead.AssertNoScriptProblems();
        amara.AssertNoScriptProblems();
    }
}
