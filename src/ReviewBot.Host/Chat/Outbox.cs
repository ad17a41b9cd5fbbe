using ReviewBot.Conversations.Chat;
using ReviewBot.Reviewers;
using ReviewBot.Storage;

namespace ReviewBot.Host.Chat;

/// <summary>
/// Carries the replies meant for someone else, or for later: a post to a team channel, a direct message. Each is
/// written to the outbox in Redis first, due now, at its time, or (a reminder) when the recipient's quiet hours end,
/// and <see cref="OutboxSweeper"/> delivers it through the channel its key names.
/// </summary>
public sealed class Outbox(IEnumerable<IChannelDelivery> channels, RedisOutbox store, IReviewerStore reviewers, TimeProvider clock,
    ILogger<Outbox> logger)
{
    private readonly Dictionary<string, IChannelDelivery> _channels = channels.ToDictionary(c => c.Channel);

    public static bool IsForElsewhere(Reply reply) => reply is PostToChannel or DirectMessage or DirectText;

    /// <param name="idPrefix">The platform's event id, when there is one: a retried turn then adds nothing twice.</param>
    public async Task SendAsync(IReadOnlyList<Reply> replies, string? idPrefix, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var messages = new List<OutboxMessage>();
        for (var i = 0; i < replies.Count; i++)
        {
            var reply = replies[i];
            var due = reply switch
            {
                PostToChannel post => post.At,
                DirectMessage { Card: "reminder" } reminder => await MorningIfQuietAsync(reminder.UserKey, reminder.At ?? now, cancellationToken),
                DirectMessage message => message.At,
                DirectText => null,
                _ => throw new ArgumentException($"{reply.GetType().Name} goes back to the conversation it came from, not through the outbox.", nameof(replies)),
            };
            var id = idPrefix is null ? Guid.NewGuid().ToString("N") : $"{idPrefix}#{i + 1}";
            messages.Add(new OutboxMessage(id, reply.ToJson(), due is { } at && at > now ? at : now));
        }
        if (messages.Count > 0)
        {
            await store.AddAsync(messages);
        }
    }

    /// <summary>Hands the reply to its channel. False when no channel of that name is configured here.</summary>
    /// <param name="messageId">The outbox message's id, for a channel that can tell a message it already sent.</param>
    public async Task<bool> DeliverNowAsync(Reply reply, CancellationToken cancellationToken, string? messageId = null)
    {
        var target = TargetOf(reply);
        var channel = target[..Math.Max(0, target.IndexOf(':'))];
        if (!_channels.TryGetValue(channel, out var delivery))
        {
            logger.LogWarning("No channel '{Channel}' is configured to reach {Target}; the message is parked in the outbox.", channel, target);
            return false;
        }
        await (messageId is null
            ? delivery.DeliverAsync(target, reply, cancellationToken)
            : delivery.DeliverAsync(target, reply, messageId, cancellationToken));
        return true;
    }

    public static string TargetOf(Reply reply) => reply switch
    {
        PostToChannel post => post.ConversationKey,
        DirectMessage message => message.UserKey,
        DirectText text => text.UserKey,
        _ => throw new ArgumentException($"{reply.GetType().Name} goes back to the conversation it came from, not through the outbox.", nameof(reply)),
    };

    /// <summary>Reminders never arrive inside the recipient's quiet hours (default 21:00–07:00 local); they wait for the morning.</summary>
    private async Task<DateTimeOffset> MorningIfQuietAsync(string userKey, DateTimeOffset when, CancellationToken cancellationToken)
    {
        var reviewer = await reviewers.GetAsync(userKey, cancellationToken);
        return QuietHoursRule.NextAllowed(when, reviewer?.TimeZone ?? "UTC", reviewer?.QuietHours ?? QuietHours.Default);
    }
}
