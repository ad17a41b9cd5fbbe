using ReviewBot.Conversations.Chat;
using ReviewBot.Host.Scheduling;
using ReviewBot.Reviewers;

namespace ReviewBot.Host.Chat;

/// <summary>
/// Carries the replies meant for someone else, or for later: a post to a team channel, a direct message. Each goes
/// to the channel its key names; one with a time, or a reminder that would land in the recipient's quiet hours,
/// waits in the schedule (Redis) until it is due.
/// </summary>
public sealed class Outbox(IEnumerable<IChannelDelivery> channels, ScheduledDeliveries schedule, IReviewerStore reviewers,
    TimeProvider clock, ILogger<Outbox> logger)
{
    private readonly Dictionary<string, IChannelDelivery> _channels = channels.ToDictionary(c => c.Channel);

    public static bool IsForElsewhere(Reply reply) => reply is PostToChannel or DirectMessage or DirectText;

    public async Task SendAsync(Reply reply, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var due = reply switch
        {
            PostToChannel post => post.At,
            DirectMessage { Card: "reminder" } reminder => await MorningIfQuietAsync(reminder.UserKey, reminder.At ?? now, cancellationToken),
            DirectMessage message => message.At,
            _ => null,
        };
        if (due is { } at && at > now)
        {
            await schedule.AddAsync(reply, at, cancellationToken);
            return;
        }
        await DeliverNowAsync(reply, cancellationToken);
    }

    public async Task DeliverNowAsync(Reply reply, CancellationToken cancellationToken)
    {
        var target = TargetOf(reply);
        var channel = target[..Math.Max(0, target.IndexOf(':'))];
        if (_channels.TryGetValue(channel, out var delivery))
        {
            await delivery.DeliverAsync(target, reply, cancellationToken);
        }
        else
        {
            logger.LogWarning("No channel '{Channel}' is configured to reach {Target}; the message was not sent.", channel, target);
        }
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
