using ReviewBot.Conversations.Chat;

namespace ReviewBot.Channels.Slack.Api;

/// <summary>
/// Slack allows about one message a second into one channel, with short bursts ("chat.postMessage" rate limits), and
/// answers a faster sender with 429. Posts to one channel are spaced to that rate here, so a harm alert, an
/// announcement and a reply to the same channel queue up instead of being refused: a burst of <see cref="Burst"/>,
/// then one per <see cref="Interval"/>.
/// </summary>
public sealed class ChannelPacing(TimeProvider clock)
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);
    public const int Burst = 3;

    private readonly Pacing _pacing = new(Interval, Burst, clock);

    /// <summary>Waits until a post to <paramref name="channel"/> keeps to the rate, and takes its place.</summary>
    public Task WaitAsync(string channel, CancellationToken cancellationToken) => _pacing.WaitAsync(channel, cancellationToken);
}
