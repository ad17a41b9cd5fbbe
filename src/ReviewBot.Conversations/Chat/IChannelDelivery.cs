namespace ReviewBot.Conversations.Chat;

/// <summary>How one channel (web, slack, teams) delivers a message to a person or a team channel that is not the
/// conversation an event came from. The key's prefix names the channel: <c>web:amara</c>, <c>slack:C0123</c>.
/// Here, beside the replies, so that a channel in a project of its own can implement it.</summary>
public interface IChannelDelivery
{
    string Channel { get; }

    /// <summary>Delivers a <see cref="PostToChannel"/>, <see cref="DirectMessage"/> or <see cref="DirectText"/>.</summary>
    Task DeliverAsync(string targetKey, Reply reply, CancellationToken cancellationToken);

    /// <summary>The same, for the outbox message <paramref name="messageId"/>: the id is the same on every attempt, so a
    /// channel whose platform took the message before a crash can tell, and not send it twice.</summary>
    Task DeliverAsync(string targetKey, Reply reply, string messageId, CancellationToken cancellationToken) =>
        DeliverAsync(targetKey, reply, cancellationToken);
}
