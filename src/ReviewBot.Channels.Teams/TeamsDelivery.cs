using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Logging;
using ReviewBot.Channels.Teams.People;
using ReviewBot.Channels.Teams.Replies;
using ReviewBot.Channels.Teams.Sending;
using ReviewBot.Conversations.Chat;
using ReviewBot.Storage;
using StackExchange.Redis;

namespace ReviewBot.Channels.Teams;

/// <summary>
/// How the outbox reaches a <c>teams:</c> key: a person (<c>teams:&lt;aadObjectId&gt;</c>) in their personal chat with
/// the bot, by the conversation reference kept from first contact, or, for someone seen only in a channel, in a
/// personal chat the bot opens; a channel (<c>teams:19:…</c>) by its reference, kept when the app was added to the team.
/// Once Teams has taken an outbox message it is marked sent and not sent again (a crash between the two can still
/// send it twice: Teams offers no way to look it up). A card over Teams' size limit is never sent, not even in part (a note
/// goes instead); a person who blocked the bot gets nothing more and the leads are told. Anyone not reachable yet throws, for the
/// outbox to try again later.
/// </summary>
public sealed class TeamsDelivery(TeamsSender sender, TeamsCards cards, TeamsPeople people, IReachLost reachLost, IConnectionMultiplexer redis,
    ILogger<TeamsDelivery> logger) : IChannelDelivery
{
    /// <summary>Longer than the outbox keeps retrying a message before it parks it.</summary>
    private static readonly TimeSpan Remembered = TimeSpan.FromDays(7);

    public string Channel => "teams";

    public Task DeliverAsync(string targetKey, Reply reply, CancellationToken cancellationToken) =>
        DeliverAsync(targetKey, reply, null, cancellationToken);

    public async Task DeliverAsync(string targetKey, Reply reply, string? messageId, CancellationToken cancellationToken)
    {
        var id = targetKey[TeamsIds.Prefix.Length..];
        var message = reply switch
        {
            PostToChannel post => cards.Message(post.Card, post.Data),
            DirectMessage direct => cards.Message(direct.Card, direct.Data),
            DirectText text => (Microsoft.Bot.Schema.Activity)MessageFactory.Text(text.Text),
            _ => throw new ArgumentException($"A {reply.GetType().Name} is not delivered through the outbox.", nameof(reply)),
        };
        if (TeamsCards.IsTooLarge(message))
        {
            logger.LogError("A {Reply} for {Target} is over Teams' {Limit} bytes; a note goes in its place.", reply.GetType().Name, targetKey, TeamsCards.MaxMessageBytes);
        }
        var db = redis.GetDatabase();
        if (messageId is not null && await db.KeyExistsAsync(RedisKeys.TeamsSent(messageId)))
        {
            logger.LogInformation("Outbox message {Id} was sent to Teams before; not again.", messageId);
            return;
        }
        var person = !TeamsIds.IsConversation(id);
        if (person && await people.IsBlockedAsync(id))
        {
            logger.LogInformation("{Target} has blocked ReviewBot in Teams; a {Reply} is not sent.", targetKey, reply.GetType().Name);
            return;
        }
        var where = person ? await PersonalChatAsync(id, cancellationToken) : await people.ChannelAsync(id)
            ?? throw new InvalidOperationException($"{targetKey} is not a Teams channel ReviewBot was added to; the message waits in the outbox.");
        try
        {
            var sent = await sender.SendAsync(where, message, cancellationToken);
            if (messageId is not null)
            {
                await db.StringSetAsync(RedisKeys.TeamsSent(messageId), $"sent {sent}", Remembered);
            }
        }
        catch (TeamsBlockedException) when (person)
        {
            logger.LogWarning("{Target} has blocked or removed ReviewBot in Teams; nothing more is sent to them.", targetKey);
            await people.BlockAsync(id);
            await reachLost.ReportAsync(targetKey, "Teams", cancellationToken);
        }
    }

    private async Task<ConversationReference> PersonalChatAsync(string aadObjectId, CancellationToken cancellationToken)
    {
        if (await people.PersonalChatAsync(aadObjectId) is { } known)
        {
            return known;
        }
        var account = await people.AccountAsync(aadObjectId)
            ?? throw new InvalidOperationException($"teams:{aadObjectId} has not used ReviewBot in Teams yet; the message waits in the outbox.");
        var opened = await sender.OpenPersonalChatAsync(account, cancellationToken);
        await people.RememberPersonalChatAsync(aadObjectId, opened);
        return opened;
    }
}
