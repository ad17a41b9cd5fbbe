namespace ReviewBot.Channels.Slack.Api;

/// <summary>Slack answered <c>{"ok": false, "error": "…"}</c>: <see cref="Error"/> is Slack's code
/// (<c>channel_not_found</c>, <c>invalid_blocks</c>, <c>not_in_channel</c>…).</summary>
public class SlackApiException(string method, string error) : Exception($"Slack's {method} refused the call: {error}.")
{
    public string Method { get; } = method;
    public string Error { get; } = error;

    /// <summary>Codes that say this recipient cannot be reached, whatever we do: trying again later would not help.</summary>
    public bool RecipientUnreachable => Error is "channel_not_found" or "not_in_channel" or "is_archived" or "user_not_found"
        or "user_disabled" or "cannot_dm_bot" or "account_inactive" or "user_not_in_channel" or "restricted_action";
}

/// <summary>Slack could not take the call now (rate limited beyond our own waits, a server error, no connection):
/// worth trying again later, which the outbox does.</summary>
public sealed class SlackUnavailableException(string method, string reason, Exception? inner = null)
    : Exception($"Slack's {method} is unavailable for now: {reason}.", inner)
{
    public string Method { get; } = method;
}
