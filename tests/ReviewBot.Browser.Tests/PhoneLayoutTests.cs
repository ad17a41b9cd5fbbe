using ReviewBot.Browser.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace ReviewBot.Browser.Tests;

/// <summary>The web chat on a 360 px phone: one conversation at a time behind tabs, cards as wide as the screen, the
/// message box always in reach. The screenshots go to artifacts/web-chat/ for a person to look at.</summary>
public class PhoneLayoutTests(WebChat chat) : IClassFixture<WebChat>
{
    private const int Height = 740;

    [Fact]
    public async Task On_a_phone_each_conversation_has_a_tab_the_cards_fill_the_width_and_the_message_box_stays_in_reach()
    {
        var priya = await chat.OpenAsync(WebChat.PhoneWidth, Height);
        await Expect(priya.Page.Locator(".person")).ToHaveCountAsync(7);
        await priya.ScreenshotAsync("phone-sign-in");
        Assert.Empty(await Layout.SidewaysOverflowAsync(priya.Page));

        await priya.SignInAsync("Priya Raman");
        var card = await priya.AskAsync("next");
        await priya.ScreenshotAsync("phone-task");

        var screen = priya.Page.ViewportSize!;
        var cardBox = await Layout.BoxAsync(card.Message.Locator(".card"));
        Assert.True(cardBox.Width >= screen.Width - 60, $"The card is {cardBox.Width} px wide on a {screen.Width} px screen.");
        var box = await Layout.BoxAsync(priya.Chat.Locator(".composer textarea"));
        Assert.True(box.Y + box.Height <= screen.Height, $"The message box ends at {box.Y + box.Height} px, below the {screen.Height} px screen.");
        await Expect(priya.Team).ToBeHiddenAsync();
        Assert.Empty(await Layout.SidewaysOverflowAsync(priya.Page));

        var lead = await chat.OpenAsync(WebChat.PhoneWidth, Height);
        await lead.SignInAsync("Dr. Helena Marchetti");
        await lead.SayAsync("announce demo-nov");
        await lead.ScreenshotAsync("phone-lead-chat");

        // The announcement reaches Priya's #team tab while she is in her chat: the tab shows it is waiting.
        await Expect(priya.Page.GetByRole(Microsoft.Playwright.AriaRole.Tab, new() { Name = "#team" }).Locator(".unread")).ToHaveTextAsync("1");
        await priya.ShowAsync("#team");
        await priya.LatestCardAsync("announcement", priya.Team);
        await Expect(priya.Chat).ToBeHiddenAsync();
        await priya.ScreenshotAsync("phone-team");

        await priya.ShowAsync("Chat");
        await TaskAnswers.RateAsync(card, "1", "Could seriously hurt a patient");
        await card.FillAsync("What is wrong?", "Recommends full-dose enoxaparin despite an eGFR of 24, which risks a major bleed.");
        await card.PressAsync("Submit");
        await card.ExpectNameAsync("task-recorded");

        await lead.ShowAsync("#leads");
        await lead.LatestCardAsync("harm-alert", lead.Leads);
        await lead.ScreenshotAsync("phone-leads");
        Assert.Empty(await Layout.SidewaysOverflowAsync(lead.Page));
        priya.AssertNoScriptProblems();
        lead.AssertNoScriptProblems();
    }
}
