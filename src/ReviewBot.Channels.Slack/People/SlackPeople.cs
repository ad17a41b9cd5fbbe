using System.Collections.Concurrent;
using ReviewBot.Channels.Slack.Api;
using ReviewBot.Storage;
using StackExchange.Redis;

namespace ReviewBot.Channels.Slack.People;

/// <summary>
/// What the channel keeps to reach a person later (DESIGN §11): the id of their direct-message channel with the bot,
/// written on first contact (a DM, the Home tab, a button in the DM) or asked of Slack once (conversations.open), and
/// their name as the workspace shows it (users.info), to greet someone not on the roster yet. Kept in Redis for every
/// instance, and in memory so that a busy instance does not ask again.
/// </summary>
public sealed class SlackPeople(IConnectionMultiplexer redis, SlackApi api)
{
    private const string DirectField = "dm";
    private const string NameField = "name";

    private readonly ConcurrentDictionary<string, string> _direct = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _names = new(StringComparer.Ordinal);

    public async Task RememberDirectChannelAsync(string userId, string channel)
    {
        if (_direct.TryGetValue(userId, out var known) && known == channel)
        {
            return;
        }
        await redis.GetDatabase().HashSetAsync(RedisKeys.SlackPerson(userId), DirectField, channel);
        _direct[userId] = channel;
    }

    public async Task<string> DirectChannelAsync(string userId, CancellationToken cancellationToken)
    {
        if (_direct.TryGetValue(userId, out var known))
        {
            return known;
        }
        var stored = await redis.GetDatabase().HashGetAsync(RedisKeys.SlackPerson(userId), DirectField);
        if (stored.HasValue)
        {
            return _direct[userId] = stored.ToString();
        }
        var opened = await api.OpenDirectChannelAsync(userId, cancellationToken);
        await RememberDirectChannelAsync(userId, opened);
        return opened;
    }

    /// <summary>Their name, or null when Slack will not say: a greeting is not worth failing a turn for.</summary>
    public async Task<string?> NameAsync(string userId, CancellationToken cancellationToken)
    {
        if (_names.TryGetValue(userId, out var known))
        {
            return known;
        }
        var db = redis.GetDatabase();
        var stored = await db.HashGetAsync(RedisKeys.SlackPerson(userId), NameField);
        if (stored.HasValue)
        {
            return _names[userId] = stored.ToString();
        }
        try
        {
            if ((await api.UserInfoAsync(userId, cancellationToken)).Name is { } name)
            {
                await db.HashSetAsync(RedisKeys.SlackPerson(userId), NameField, name);
                return _names[userId] = name;
            }
        }
        catch (Exception e) when (e is SlackApiException or SlackUnavailableException)
        {
        }
        return null;
    }
}
