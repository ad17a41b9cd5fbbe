using ReviewBot.Conversations.Chat;
using ReviewBot.Host.Chat;

namespace ReviewBot.Host.WebChat;

/// <summary>
/// One post from the page through the core: the person's words are kept in the conversation, the event runs, and
/// each reply for this conversation is written where the page expects it — a new message, or in place of the card
/// that was acted on. An ephemeral reply goes back to the person who acted and nowhere else. A post the page sends
/// again (same event id) gets the first answer and writes nothing twice.
/// </summary>
public sealed class WebChatTurn(ChatTurns turns, ChatLog log, WebMessages messages, EventOnce once)
{
    public Task<IReadOnlyList<ChatMessage>> RunAsync(ChatEvent chatEvent, long actedOnMessageId, CancellationToken cancellationToken) =>
        once.RunAsync(chatEvent.EventId, () => RunOnceAsync(chatEvent, actedOnMessageId, cancellationToken), cancellationToken);

    private async Task<IReadOnlyList<ChatMessage>> RunOnceAsync(ChatEvent chatEvent, long actedOnMessageId, CancellationToken cancellationToken)
    {
        var shown = new List<ChatMessage>();
        if (chatEvent.Text is { } text)
        {
            shown.Add(await log.AppendAsync(messages.FromPerson(chatEvent.ConversationKey, chatEvent.UserKey, chatEvent.UserName, text)));
        }
        foreach (var reply in await turns.RunAsync(chatEvent, cancellationToken))
        {
            var message = messages.FromBot(chatEvent.ConversationKey, reply);
            shown.Add(reply switch
            {
                Ephemeral => message,
                ReplaceCard or ShowFieldErrors => await log.ReplaceAsync(actedOnMessageId, message) ?? await log.AppendAsync(message),
                _ => await log.AppendAsync(message),
            });
        }
        return shown;
    }
}
