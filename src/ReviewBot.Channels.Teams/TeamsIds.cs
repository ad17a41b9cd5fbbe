using Microsoft.Bot.Schema;

namespace ReviewBot.Channels.Teams;

/// <summary>How Teams' ids become our keys (DESIGN §3): a person is <c>teams:&lt;aadObjectId&gt;</c> (the Emulator,
/// which has none, by its user id); a team channel is <c>teams:&lt;channel id&gt;</c>, the <c>19:…@thread…</c> id
/// without the thread's <c>;messageid=</c>. A personal chat is known by the person's key, as in the web chat.</summary>
public static class TeamsIds
{
    public const string Prefix = "teams:";

    public static string UserKey(ChannelAccount from) => Prefix + (string.IsNullOrEmpty(from.AadObjectId) ? from.Id : from.AadObjectId);

    /// <summary>Channel and group-chat ids start with <c>19:</c>; a person's aadObjectId is a GUID.</summary>
    public static bool IsConversation(string id) => id.StartsWith("19:", StringComparison.Ordinal);

    public static bool InChannel(IActivity activity) => activity.Conversation?.ConversationType is "channel" or "groupChat";

    /// <summary>The channel (or group chat) itself, not the thread a message was posted in.</summary>
    public static string ChannelId(IActivity activity)
    {
        var id = activity.Conversation.Id;
        var thread = id.IndexOf(";messageid=", StringComparison.Ordinal);
        return thread < 0 ? id : id[..thread];
    }

    public static string ConversationKey(IActivity activity) =>
        InChannel(activity) ? Prefix + ChannelId(activity) : UserKey(activity.From);

    public static string? TenantOf(IActivity activity) =>
        activity.Conversation?.TenantId ?? (activity.ChannelData as Newtonsoft.Json.Linq.JObject)?["tenant"]?["id"]?.ToString();
}
