using System.Text.Json.Nodes;
using ReviewBot.Cards;
using ReviewBot.Conversations.Chat;

namespace ReviewBot.Host.WebChat;

/// <summary>Turns the core's replies into web chat messages: a card becomes the Adaptive Card the page draws with
/// the official renderer, text stays text.</summary>
public sealed class WebMessages(CardRenderer cards, TimeProvider clock)
{
    public ChatMessage FromBot(string conversation, Reply reply) => reply switch
    {
        SendCard send => Card(conversation, send.Card, send.Data),
        ReplaceCard replace => Card(conversation, replace.Card, replace.Data),
        OpenForm form => Card(conversation, form.Card, form.Data),
        // The data carries the messages and what was typed, so the card comes back as the person left it.
        ShowFieldErrors refused => Card(conversation, refused.Card, refused.Data),
        PostToChannel post => Card(conversation, post.Card, post.Data),
        DirectMessage message => Card(conversation, message.Card, message.Data),
        // The page cannot take a file from the bot; the card's signed link downloads it.
        ShareFile file => Card(conversation, file.Card, file.Data),
        SendText text => Text(conversation, text.Text),
        DirectText text => Text(conversation, text.Text),
        Ephemeral note => Text(conversation, note.Text) with { Ephemeral = true },
        _ => throw new ArgumentException($"The web chat cannot show a {reply.GetType().Name}.", nameof(reply)),
    };

    public ChatMessage FromPerson(string conversation, string userKey, string? name, string text) => new()
    {
        Conversation = conversation,
        From = userKey,
        FromName = name,
        At = clock.GetUtcNow(),
        Text = text,
    };

    private ChatMessage Card(string conversation, string card, JsonObject data) => new()
    {
        Conversation = conversation,
        From = ChatMessage.Bot,
        At = clock.GetUtcNow(),
        Card = card,
        Content = cards.RenderAdaptive(card, data),
    };

    private ChatMessage Text(string conversation, string text) => new()
    {
        Conversation = conversation,
        From = ChatMessage.Bot,
        At = clock.GetUtcNow(),
        Text = text,
    };
}
