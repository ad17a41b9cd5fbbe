using ReviewBot.Conversations.Chat;

namespace ReviewBot.Host.Chat;

/// <summary>One turn for a channel adapter: the event through the core; replies for elsewhere handed to the outbox;
/// the replies for the conversation the event came from returned, for the channel to render in its own way.</summary>
public sealed class ChatTurns(ChatRouter router, Outbox outbox)
{
    public async Task<IReadOnlyList<Reply>> RunAsync(ChatEvent chatEvent, CancellationToken cancellationToken)
    {
        var replies = await router.RouteAsync(chatEvent, cancellationToken);
        var here = new List<Reply>();
        foreach (var reply in replies)
        {
            if (Outbox.IsForElsewhere(reply))
            {
                await outbox.SendAsync(reply, cancellationToken);
            }
            else
            {
                here.Add(reply);
            }
        }
        return here;
    }
}
