using ReviewBot.Conversations.Chat;

namespace ReviewBot.Host.Chat;

/// <summary>How one channel (web, slack, teams) delivers a message to a person or a team channel that is not the
/// conversation an event came from. The key's prefix names the channel: <c>web:amara</c>, <c>slack:C0123</c>.</summary>
public interface IChannelDelivery
{
    string Channel { get; }

    /// <summary>Delivers a <see cref="PostToChannel"/>, <see cref="DirectMessage"/> or <see cref="DirectText"/>.</summary>
    Task DeliverAsync(string targetKey, Reply reply, CancellationToken cancellationToken);

    /// <summary>Delivers outbox message <paramref name="messageId"/>. The outbox delivers at least once (a sweeper that
    /// dies after the send and before its acknowledgement is replaced, and the message sent again); a channel that
    /// can remember the id with the message it writes overrides this, so the person sees it once.</summary>
    Task DeliverAsync(string targetKey, Reply reply, string messageId, CancellationToken cancellationToken) =>
        DeliverAsync(targetKey, reply, cancellationToken);
}
