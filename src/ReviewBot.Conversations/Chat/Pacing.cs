using System.Collections.Concurrent;

namespace ReviewBot.Conversations.Chat;

/// <summary>
/// Keeps a channel's sends under a platform's rate per key (a Slack channel, a Teams conversation or tenant), spacing
/// them rather than having them refused with 429: a cell-rate rule, a burst of <c>burst</c> sends, then one per
/// <c>interval</c>. Per process: several instances can still exceed it together, and then the channel's 429 handling
/// waits it out. Here, beside <see cref="IChannelDelivery"/>, so that every channel project paces the same way.
/// </summary>
public sealed class Pacing(TimeSpan interval, int burst, TimeProvider clock)
{
    private readonly TimeSpan _tolerance = interval * (burst - 1);
    private readonly ConcurrentDictionary<string, Slot> _slots = new(StringComparer.Ordinal);

    /// <summary>At most <paramref name="perSecond"/> in any second, evenly spaced.</summary>
    public static Pacing PerSecond(int perSecond, TimeProvider clock) => new(TimeSpan.FromSeconds(1.0 / perSecond), perSecond, clock);

    /// <summary>Waits until one more send for <paramref name="key"/> keeps to the rate, and takes its place.</summary>
    public Task WaitAsync(string key, CancellationToken cancellationToken)
    {
        var slot = _slots.GetOrAdd(key, _ => new Slot());
        TimeSpan wait;
        lock (slot)
        {
            var now = clock.GetUtcNow();
            var due = slot.Next > now ? slot.Next : now;
            var start = due - _tolerance > now ? due - _tolerance : now;
            slot.Next = due + interval;
            wait = start - now;
        }
        return wait <= TimeSpan.Zero ? Task.CompletedTask : Task.Delay(wait, clock, cancellationToken);
    }

    private sealed class Slot
    {
        public DateTimeOffset Next;
    }
}
