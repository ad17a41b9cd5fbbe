namespace ReviewBot.Conversations.Chat;

/// <summary>One turn for a channel adapter: the event through the core; what is for elsewhere leaves through the
/// outbox, and the replies for the conversation the event came from are returned for the channel to render. The host
/// implements it; a channel in a project of its own sees only this.</summary>
public interface IChatTurns
{
    Task<IReadOnlyList<Reply>> RunAsync(ChatEvent chatEvent, CancellationToken cancellationToken);
}
