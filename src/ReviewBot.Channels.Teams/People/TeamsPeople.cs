using System.Collections.Concurrent;
using Microsoft.Bot.Schema;
using ReviewBot.Storage;
using StackExchange.Redis;

namespace ReviewBot.Channels.Teams.People;

/// <summary>
/// What the channel keeps to reach people and channels later (DESIGN §11), in Redis for every instance and across
/// restarts: the conversation reference of each person's personal chat with the bot, written on first contact
/// (install or first message); their Teams account (id, tenant, service URL), to open a personal chat with someone
/// seen only in a channel; each team channel's reference; and who has blocked the bot. What this instance wrote last is
/// remembered in memory, so a busy instance neither serializes nor writes when nothing changed.
/// </summary>
public sealed class TeamsPeople(IConnectionMultiplexer redis, TimeProvider clock)
{
    private const string ReferenceField = "ref";
    private const string AccountField = "account";
    private const string BlockedField = "blocked";

    private readonly ConcurrentDictionary<RedisKey, string> _written = new();
    private readonly ConcurrentDictionary<RedisKey, string> _seen = new();

    /// <summary>Where this person's activity came from: their personal chat (a reference) or a channel (their account only).</summary>
    public async Task RememberAsync(IActivity activity)
    {
        if (string.IsNullOrEmpty(activity.From?.Id))
        {
            return;
        }
        var person = RedisKeys.TeamsPerson(TeamsIds.UserKey(activity.From)[TeamsIds.Prefix.Length..]);
        // What the stored fields are made of: when it is what this instance wrote last, nothing is serialized or written.
        var seen = string.Join('\n', activity.From.Id, activity.From.Name, activity.ServiceUrl, activity.Conversation?.Id, activity.Recipient?.Id,
            TeamsIds.TenantOf(activity), activity.ChannelId);
        if (_seen.TryGetValue(person, out var last) && last == seen)
        {
            return;
        }
        var account = TeamsJson.Write(new TeamsAccount(activity.From.Id, activity.From.Name, TeamsIds.TenantOf(activity), activity.ServiceUrl, activity.Recipient?.Id));
        var fields = new List<HashEntry>();
        if (!TeamsIds.InChannel(activity))
        {
            var reference = activity.GetConversationReference();
            reference.ActivityId = null;
            fields.Add(new HashEntry(ReferenceField, TeamsJson.Write(reference)));
        }
        fields.Add(new HashEntry(AccountField, account));
        var db = redis.GetDatabase();
        // Someone who writes to the bot again has unblocked it.
        await db.HashDeleteAsync(person, BlockedField);
        await db.HashSetAsync(person, [.. fields]);
        _seen[person] = seen;
        if (TeamsIds.InChannel(activity))
        {
            await RememberChannelAsync(activity);
        }
    }

    public async Task RememberChannelAsync(IActivity activity)
    {
        var channelId = TeamsIds.ChannelId(activity);
        var reference = activity.GetConversationReference();
        reference.ActivityId = null;
        reference.Conversation = new ConversationAccount(isGroup: true, conversationType: "channel", id: channelId, tenantId: TeamsIds.TenantOf(activity));
        await RememberChannelAsync(channelId, reference);
    }

    public async Task RememberChannelAsync(string channelId, ConversationReference reference)
    {
        var key = RedisKeys.TeamsChannel(channelId);
        var json = TeamsJson.Write(reference);
        if (_written.TryGetValue(key, out var before) && before == json)
        {
            return;
        }
        await redis.GetDatabase().StringSetAsync(key, json);
        _written[key] = json;
    }

    public async Task RememberTeamAsync(string teamId, IEnumerable<(string Id, string Name)> channels) =>
        await redis.GetDatabase().HashSetAsync(RedisKeys.TeamsTeam(teamId), [.. channels.Select(c => new HashEntry(c.Id, c.Name))]);

    public async Task<IReadOnlyDictionary<string, string>> ChannelsOfAsync(string teamId) =>
        (await redis.GetDatabase().HashGetAllAsync(RedisKeys.TeamsTeam(teamId))).ToDictionary(e => e.Name.ToString(), e => e.Value.ToString());

    public async Task<ConversationReference?> PersonalChatAsync(string aadObjectId)
    {
        var json = await redis.GetDatabase().HashGetAsync(RedisKeys.TeamsPerson(aadObjectId), ReferenceField);
        return json.HasValue ? TeamsJson.Read<ConversationReference>(json.ToString()) : null;
    }

    public async Task<TeamsAccount?> AccountAsync(string aadObjectId)
    {
        var json = await redis.GetDatabase().HashGetAsync(RedisKeys.TeamsPerson(aadObjectId), AccountField);
        return json.HasValue ? TeamsJson.Read<TeamsAccount>(json.ToString()) : null;
    }

    public async Task<ConversationReference?> ChannelAsync(string channelId)
    {
        var json = await redis.GetDatabase().StringGetAsync(RedisKeys.TeamsChannel(channelId));
        return json.HasValue ? TeamsJson.Read<ConversationReference>(json.ToString()) : null;
    }

    /// <summary>A personal chat the bot opened itself (for someone seen only in a channel).</summary>
    public async Task RememberPersonalChatAsync(string aadObjectId, ConversationReference reference) =>
        await redis.GetDatabase().HashSetAsync(RedisKeys.TeamsPerson(aadObjectId), ReferenceField, TeamsJson.Write(reference));

    /// <summary>Teams said the person blocked or removed the app: nothing more is sent until they write again.</summary>
    public async Task BlockAsync(string aadObjectId)
    {
        var key = RedisKeys.TeamsPerson(aadObjectId);
        await redis.GetDatabase().HashSetAsync(key, BlockedField, clock.GetUtcNow().ToString("O"));
        _seen.TryRemove(key, out _);
    }

    public async Task<bool> IsBlockedAsync(string aadObjectId) =>
        await redis.GetDatabase().HashExistsAsync(RedisKeys.TeamsPerson(aadObjectId), BlockedField);
}

/// <summary>A person as Teams knows them: enough to open a personal chat with them.</summary>
public sealed record TeamsAccount(string Id, string? Name, string? TenantId, string ServiceUrl, string? BotId);
