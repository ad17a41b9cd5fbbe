using ReviewBot.Conversations.Chat;

namespace ReviewBot.Host.Chat;

/// <summary>One turn for a channel adapter: the event through the core; replies for elsewhere written to the outbox
/// (and delivered in the background, never inside the turn); the replies for the conversation the event came from
/// returned, for the channel to render in its own way.</summary>
public sealed class ChatTurns(ChatRouter router, Outbox outbox, OutboxSweeper sweeper) : IChatTurns
{
    public async Task<IReadOnlyList<Reply>> RunAsync(ChatEvent chatEvent, CancellationToken cancellationToken)
    {
        var replies = await router.RouteAsync(chatEvent, cancellationToken);
        var elsewhere = replies.Where(Outbox.IsForElsewhere).ToList();
        if (elsewhere.Count > 0)
        {
            await outbox.SendAsync(elsewhere, chatEvent.EventId, cancellationToken);
        }
        // A card submission may have recorded an answer whose harm alert now waits in its batch's outbox.
        if (elsewhere.Count > 0 || chatEvent.Action is not null)
        {
            sweeper.Kick();
        }
        return replies.Where(r => !Outbox.IsForElsewhere(r)).ToList();
    }
}
