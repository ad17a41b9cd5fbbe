using ReviewBot.Conversations.Chat;

namespace ReviewBot.Host.Chat;

/// <summary>How one channel (web, slack, teams) delivers a message to a person or a team channel that is not the
/// conversation an event came from. The key's prefix names the channel: <c>web:amara</c>, <c>slack:C0123</c>.</summary>
public interface IChannelDelivery
{
    string Channel { get; }

    /// <summary>Delivers a <see cref="PostToChannel"/>, <see cref="DirectMessage"/> or <see cref="DirectText"/>.</summary>
    Task DeliverAsync(string targetKey, Reply reply, CancellationToken cancellationToken);
}
