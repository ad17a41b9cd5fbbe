using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ReviewBot.Browser.Tests.Support;

/// <summary>The chat page as a person uses it: pick yourself, type in a conversation, find the cards the bot sent.</summary>
public sealed class ChatPage(IPage page, IReadOnlyList<string> scriptProblems)
{
    public IPage Page => page;

    public ILocator Chat => page.Locator(".pane.direct");
    public ILocator Team => page.Locator(".pane.team");
    public ILocator Leads => page.Locator(".pane.leads");

    public async Task SignInAsync(string name)
    {
        await page.Locator(".person", new() { HasText = name }).ClickAsync();
        await Expect(page.Locator("#me-name")).ToHaveTextAsync(name);
        await Expect(Chat).ToBeVisibleAsync();
    }

    /// <summary>On a phone one conversation shows at a time; its tab brings it up.</summary>
    public async Task ShowAsync(string tab)
    {
        await page.GetByRole(AriaRole.Tab, new() { Name = tab }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Tab, new() { Name = tab })).ToHaveAttributeAsync("aria-selected", "true");
    }

    /// <summary>Types into a conversation and sends, then waits until the message shows as sent.</summary>
    public async Task SayAsync(string text, ILocator? pane = null)
    {
        pane ??= Chat;
        var sent = pane.Locator(".msg.from-me .text", new() { HasTextString = text });
        var before = await sent.CountAsync();
        var box = pane.Locator(".composer textarea");
        await box.FillAsync(text);
        await box.PressAsync("Enter");
        await Expect(sent).ToHaveCountAsync(before + 1);
    }

    /// <summary>Does something and returns the card message the bot then posts in <paramref name="pane"/>.</summary>
    public async Task<CardMessage> NewCardAfterAsync(Func<Task> act, ILocator? pane = null)
    {
        pane ??= Chat;
        var cards = pane.Locator(".msg.has-card");
        var before = await cards.CountAsync();
        await act();
        await Expect(cards).ToHaveCountAsync(before + 1);
        return await CardMessage.OfAsync(pane, cards.Last);
    }

    public Task<CardMessage> AskAsync(string words) => NewCardAfterAsync(() => SayAsync(words));

    /// <summary>Skips tasks until one of <paramref name="kind"/> arrives: the demo batch hands them out in its own order.</summary>
    public async Task<CardMessage> NextOfKindAsync(string kind)
    {
        var card = await AskAsync("next");
        while (await card.NameAsync() != kind)
        {
            var skipped = card;
            await skipped.PressAsync("Skip");
            await skipped.PressAsync("Outside my expertise");
            await skipped.ExpectNameAsync("task-recorded");
            card = await NewCardAfterAsync(() => skipped.PressAsync("Next task"));
        }
        return card;
    }

    /// <summary>The latest card of this template in a conversation (with this button, when one is named), waiting
    /// for it to arrive.</summary>
    public async Task<CardMessage> LatestCardAsync(string name, ILocator? pane = null, string? button = null)
    {
        pane ??= Chat;
        var cards = pane.Locator($".msg[data-card='{name}']");
        if (button is not null)
        {
            cards = cards.Filter(new() { Has = page.GetByRole(AriaRole.Button, new() { Name = button, Exact = true }) });
        }
        var card = cards.Last;
        await Expect(card).ToBeVisibleAsync();
        return await CardMessage.OfAsync(pane, card);
    }

    /// <summary>The latest text the bot wrote in a conversation.</summary>
    public ILocator LastBotText(ILocator? pane = null) => (pane ?? Chat).Locator(".msg.from-bot:not(.has-card) .text").Last;

    /// <summary>A working page reports no uncaught exception, console error or warning (a card it could not draw).</summary>
    public void AssertNoScriptProblems() =>
        Assert.True(scriptProblems.Count == 0, "The page reported: " + string.Join(Environment.NewLine, scriptProblems));

    public async Task ScreenshotAsync(string name)
    {
        Directory.CreateDirectory(Repo.Artifacts);
        await page.ScreenshotAsync(new() { Path = Path.Combine(Repo.Artifacts, name + ".png") });
    }
}

/// <summary>One card message in a conversation, followed by its id: when the bot replaces the card (recorded, or back
/// with an error at a field), this still points at it.</summary>
public sealed class CardMessage
{
    private CardMessage(ILocator message, string id)
    {
        Message = message;
        Id = id;
    }

    public ILocator Message { get; }
    public string Id { get; }

    public static async Task<CardMessage> OfAsync(ILocator pane, ILocator message)
    {
        var id = await message.GetAttributeAsync("data-id") ?? throw new InvalidOperationException("A card message without an id.");
        return new CardMessage(pane.Locator($".msg[data-id='{id}']"), id);
    }

    public Task<string?> NameAsync() => Message.GetAttributeAsync("data-card");

    public Task ExpectNameAsync(string card) => Expect(Message).ToHaveAttributeAsync("data-card", card);

    public ILocator Field(string label) => Message.GetByLabel(label);

    public Task ChooseAsync(string label, string value) => Field(label).SelectOptionAsync(value);

    public Task PickAsync(string option) => Message.GetByLabel(option, new() { Exact = true }).CheckAsync();

    public Task FillAsync(string label, string text) => Field(label).FillAsync(text);

    public ILocator Button(string title) => Message.GetByRole(AriaRole.Button, new() { Name = title, Exact = true });

    public Task PressAsync(string title) => Button(title).ClickAsync();

    public ILocator Text(string text) => Message.GetByText(text);
}
