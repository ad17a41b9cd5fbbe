using System.Collections.Concurrent;

namespace ReviewBot.Channels.Slack.Api;

/// <summary>
/// Slack allows about one message a second into one channel, with short bursts ("chat.postMessage" rate limits), and
/// answers a faster sender with 429. Posts to one channel are spaced to that rate here, so a harm alert, an
/// announcement and a reply to the same channel queue up instead of being refused. A cell-rate rule: a burst of
/// <see cref="Burst"/>, then one per <see cref="Interval"/>. Per process: several instances can still exceed it
/// together, and then the 429 handling waits it out.
/// </summary>
public sealed class ChannelPacing(TimeProvider clock)
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);
    public const int Burst = 3;

    private static readonly TimeSpan Tolerance = Interval * (Burst - 1);
    private readonly ConcurrentDictionary<string, Slot> _channels = new(StringComparer.Ordinal);

    /// <summary>Waits until a post to <paramref name="channel"/> keeps to the rate, and takes its place.</summary>
    public Task WaitAsync(string channel, CancellationToken cancellationToken)
    {
        var slot = _channels.GetOrAdd(channel, _ => new Slot());
        TimeSpan wait;
        lock (slot)
        {
            var now = clock.GetUtcNow();
            var due = slot.Next > now ? slot.Next : now;
            var start = due - Tolerance > now ? due - Tolerance : now;
            slot.Next = due + Interval;
            wait = start - now;
        }
        return wait <= TimeSpan.Zero ? Task.CompletedTask : Task.Delay(wait, clock, cancellationToken);
    }

    private sealed class Slot
    {
        public DateTimeOffset Next;
    }
}
