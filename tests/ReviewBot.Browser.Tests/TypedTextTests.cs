using Microsoft.Playwright;
using ReviewBot.Browser.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace ReviewBot.Browser.Tests;

/// <summary>What a clinician types is never cut short or judged by stale messages: limits are said on the card, text
/// over a limit comes back at its field with all of it kept, and each submission shows exactly its own errors. Each
/// test works as a different clinician, so they do not take each other's tasks.</summary>
public class TypedTextTests(WebChat chat) : IClassFixture<WebChat>
{
    [Fact]
    public async Task A_history_over_the_limit_is_refused_at_its_field_naming_the_limit_and_kept_whole()
    {
        var priya = await chat.OpenAsync();
        await priya.SignInAsync("Priya Raman");
        var card = await priya.NextOfKindAsync("task-vignette");
        await Expect(card.Field("History")).ToHaveAttributeAsync("placeholder", new System.Text.RegularExpressions.Regex("up to 4,000 characters"));
        var history = string.Concat(Enumerable.Repeat("Three days of fever and flank pain. ", 139)) + "Lives alone.";
        Assert.Equal(5016, history.Length);

        await TaskAnswers.CompleteAsync(card, new Dictionary<string, string> { ["History"] = history });

        await card.ExpectNameAsync("task-vignette");
        await Expect(card.Text("The history is 5,016 characters long; the limit is 4,000. Please shorten it.")).ToBeVisibleAsync();
        Assert.Equal(history, await card.Field("History").InputValueAsync());
        await priya.ScreenshotAsync("desktop-history-over-limit");
        priya.AssertNoScriptProblems();
    }

    [Fact]
    public async Task After_an_edit_the_card_shows_only_the_errors_of_the_latest_submission()
    {
        var ines = await chat.OpenAsync();
        await ines.SignInAsync("Dr. Inès Halvorsen");
        var card = await ines.NextOfKindAsync("task-respond");

        await card.FillAsync("Your answer", "Reassure the parents and call her at 555-867-5309 tomorrow to check on the child.");
        await card.PressAsync("Submit");
        await Expect(card.Text("555-867-5309")).ToBeVisibleAsync();

        await card.FillAsync("Your answer", "short");
        await card.PressAsync("Submit");

        await Expect(card.Text("Your response needs at least 20 characters; it has 5.")).ToBeVisibleAsync();
        await Expect(card.Message.Locator(".ac-textBlock", new() { HasTextString = "555-867-5309" })).ToHaveCountAsync(0);
        Assert.Equal("short", await card.Field("Your answer").InputValueAsync());
        ines.AssertNoScriptProblems();
    }

    [Fact]
    public async Task A_message_over_the_chat_box_limit_is_refused_with_the_limit_and_stays_in_the_box()
    {
        var marisol = await chat.OpenAsync();
        await marisol.SignInAsync("Marisol Quintero");
        var box = marisol.Chat.Locator(".composer textarea");
        var pasted = new string('x', 5000);

        await box.FillAsync(pasted);
        await box.PressAsync("Enter");

        await Expect(marisol.Page.Locator("#toast")).ToHaveTextAsync(
            "A message may be at most 4,000 characters; this one has 5,000. Long answers go in the task card's fields.");
        Assert.Equal(pasted, await box.InputValueAsync());
        await Expect(marisol.Chat.Locator(".msg.from-me")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Words_the_bot_does_not_know_are_quoted_back_as_a_short_prefix()
    {
        var kenji = await chat.OpenAsync();
        await kenji.SignInAsync("Kenji Arakawa");
        var note = "Please look at the vancomycin trough I pasted " + string.Concat(Enumerable.Repeat("with more notes ", 200));

        await kenji.SayAsync(note);

        await Expect(kenji.LastBotText()).ToHaveTextAsync("I don't know “Please look at the vancomycin trough I pasted with more…”. Here is what I can do:");
    }
}
