using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ReviewBot.Channels.Slack.Api;
using ReviewBot.Channels.Slack.People;
using ReviewBot.Channels.Slack.Replies;
using ReviewBot.Conversations.Chat;
using ReviewBot.Storage;
using StackExchange.Redis;

namespace ReviewBot.Channels.Slack;

/// <summary>
/// How the outbox reaches a <c>slack:</c> key: a user (<c>slack:U0123</c>) in their DM with the bot, a channel
/// (<c>slack:C0123</c>) directly. The outbox delivers at least once; here a re-delivery after a crash is made harmless:
/// before posting, the message is marked as being posted, and once Slack has taken it, as posted (with its ts). A
/// message found posted is not sent again; one found "being posted" (the instance died between the two) is looked for
/// in the channel's recent history by the outbox id it carries as metadata, and sent only if Slack does not have it.
/// A recipient Slack says cannot be reached is logged and given up; anything else throws, for the outbox to retry.
/// </summary>
public sealed class SlackDelivery(SlackApi api, SlackReplies replies, SlackPeople people, IConnectionMultiplexer redis,
    IOptions<SlackOptions> options, TimeProvider clock, ILogger<SlackDelivery> logger) : IChannelDelivery
{
    /// <summary>Longer than the outbox keeps retrying a message before it parks it.</summary>
    private static readonly TimeSpan Remembered = TimeSpan.FromDays(7);

    public string Channel => "slack";

    public Task DeliverAsync(string targetKey, Reply reply, CancellationToken cancellationToken) =>
        DeliverAsync(targetKey, reply, null, cancellationToken);

    public async Task DeliverAsync(string targetKey, Reply reply, string? messageId, CancellationToken cancellationToken)
    {
        if (!options.Value.IsOn)
        {
            throw new InvalidOperationException($"Slack:BotToken is not set, so {targetKey} cannot be reached; the message waits in the outbox.");
        }
        var id = targetKey["slack:".Length..];
        var message = reply switch
        {
            PostToChannel post => replies.Render(post.Card, post.Data),
            DirectMessage direct => replies.Render(direct.Card, direct.Data),
            DirectText text => SlackText.Message(text.Text),
            _ => throw new ArgumentException($"A {reply.GetType().Name} is not delivered through the outbox.", nameof(reply)),
        };
        try
        {
            var channel = IsPerson(id) ? await people.DirectChannelAsync(id, cancellationToken) : id;
            if (messageId is null)
            {
                await api.PostMessageAsync(channel, message, outboxId: null, cancellationToken);
                return;
            }
            await PostOnceAsync(channel, message, messageId, cancellationToken);
        }
        catch (SlackApiException e) when (e.RecipientUnreachable)
        {
            logger.LogWarning("Slack cannot reach {Target} ({Error}); the message is given up.", targetKey, e.Error);
        }
    }

    private async Task PostOnceAsync(string channel, JsonObject message, string messageId, CancellationToken cancellationToken)
    {
        var db = redis.GetDatabase();
        var key = RedisKeys.SlackSent(messageId);
        var mark = (string?)await db.StringGetAsync(key);
        if (mark?.StartsWith("posted ", StringComparison.Ordinal) == true)
        {
            logger.LogInformation("Outbox message {Id} was posted before ({Mark}); not again.", messageId, mark);
            return;
        }
        if (mark?.Split(' ') is ["posting", var markedChannel, var since] && await FoundInHistoryAsync(markedChannel, since, messageId, cancellationToken) is { } found)
        {
            await db.StringSetAsync(key, $"posted {markedChannel} {found}", Remembered);
            logger.LogInformation("Outbox message {Id} was posted before a crash (ts {Ts}); not again.", messageId, found);
            return;
        }
        // A second early, so that the history search covers a clock a little ahead of Slack's.
        var before = clock.GetUtcNow().AddSeconds(-1).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        await db.StringSetAsync(key, $"posting {channel} {before}", Remembered);
        var posted = await api.PostMessageAsync(channel, message, messageId, cancellationToken);
        await db.StringSetAsync(key, $"posted {posted.Channel} {posted.Ts}", Remembered);
    }

    private async Task<string?> FoundInHistoryAsync(string channel, string since, string messageId, CancellationToken cancellationToken) =>
        (await api.HistoryAsync(channel, since, cancellationToken)).FirstOrDefault(m => m.OutboxId == messageId)?.Ts;

    /// <summary>User ids start with U or W (Enterprise Grid); channels with C, G or D.</summary>
    private static bool IsPerson(string id) => id.StartsWith('U') || id.StartsWith('W');
}
