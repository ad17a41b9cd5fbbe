namespace ReviewBot.Channels.Slack.Inbound;

/// <summary>Where and how to answer one person's action in Slack: the channel (their DM with the bot, or a team
/// channel, where answers are only for them), the message a button was on, and what Slack gave to answer with
/// (a <c>response_url</c>, a <c>trigger_id</c> for a modal within 3 seconds).</summary>
public sealed record SlackOrigin
{
    public required string UserId { get; init; }
    public required string Channel { get; init; }
    public required bool InTeamChannel { get; init; }
    public string? MessageTs { get; init; }
    public bool EphemeralMessage { get; init; }
    public string? ResponseUrl { get; init; }
    public string? TriggerId { get; init; }
}
