using System.Text.Json;

namespace ReviewBot.Channels.Slack.Inbound;

/// <summary>What Slack gets back within its 3 seconds: nothing (an empty 200, which also closes a modal), a
/// challenge, or a <c>response_action</c>. Kept as JSON so a repeat of the same event gets the same answer.</summary>
public sealed record SlackAck(string? Json)
{
    public static readonly SlackAck Empty = new((string?)null);

    public static SlackAck Challenge(string challenge) => new(JsonSerializer.Serialize(new { challenge }));
}
