using ReviewBot.Conversations.Chat;

namespace ReviewBot.Conversations.Leads;

/// <summary>What waits in the outbox for later (scheduled announcements, reminders held out of quiet hours) and what
/// could not be delivered, for leads to see, and to cancel what has not gone yet.</summary>
public interface IScheduledMessages
{
    Task<IReadOnlyList<ScheduledMessage>> ListAsync(CancellationToken cancellationToken);

    /// <summary>False when there is no waiting message with that id (sent, in flight, or never there).</summary>
    Task<bool> CancelAsync(string id, CancellationToken cancellationToken);
}

/// <summary>A message in the outbox under a short id a lead can type.</summary>
public sealed record ScheduledMessage(string Id, Reply Reply, DateTimeOffset At, ScheduledState State, int Failures);

public enum ScheduledState
{
    Waiting,
    InFlight,
    Parked,
}
