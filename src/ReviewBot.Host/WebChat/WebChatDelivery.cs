using ReviewBot.Conversations.Chat;
using ReviewBot.Host.Chat;

namespace ReviewBot.Host.WebChat;

/// <summary>How the outbox reaches a web key: a post to <c>web:channel:team</c>, a task or a harm alert for
/// <c>web:amara</c> lands in that conversation's log, and the page picks it up on its next poll.</summary>
public sealed class WebChatDelivery(ChatLog log, WebMessages messages) : IChannelDelivery
{
    public string Channel => "web";

    public Task DeliverAsync(string targetKey, Reply reply, CancellationToken cancellationToken) =>
        log.AppendAsync(messages.FromBot(targetKey, reply));

    public Task DeliverAsync(string targetKey, Reply reply, string messageId, CancellationToken cancellationToken) =>
        log.AppendOnceAsync(messages.FromBot(targetKey, reply), messageId);
}
