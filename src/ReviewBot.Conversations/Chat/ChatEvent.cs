using System.Text.Json;

namespace ReviewBot.Conversations.Chat;

/// <summary>
/// Something a person did, in any channel: typed a command, or pressed a card's button (with the card's inputs).
/// A channel adapter builds it from a Teams activity, a Slack payload or a web-chat post and decides nothing else.
/// </summary>
public sealed record ChatEvent
{
    /// <summary>Who: <c>&lt;channel&gt;:&lt;id on that channel&gt;</c>, the roster key.</summary>
    public required string UserKey { get; init; }
    /// <summary>The platform's id for this event, prefixed by the channel (<c>slack:Ev0123</c>, <c>teams:&lt;activity
    /// id&gt;</c>, <c>web:amara:&lt;client id&gt;</c>): a repeat of the same id is answered from the first run. Null when
    /// the platform gives none.</summary>
    public string? EventId { get; init; }
    /// <summary>The display name the channel knows, used to greet someone not on the roster yet.</summary>
    public string? UserName { get; init; }
    /// <summary>Where: the conversation the event happened in (a DM, or a team channel).</summary>
    public required string ConversationKey { get; init; }
    /// <summary>True in a team channel, where task cards must not be posted for everyone to see.</summary>
    public bool InTeamChannel { get; init; }
    /// <summary>A typed message: "next", "progress cardio-nov".</summary>
    public string? Text { get; init; }
    /// <summary>A card's button or submission.</summary>
    public CardAction? Action { get; init; }
}

/// <summary>A press on a card: <see cref="Name"/> is the action word the card carries (<c>submit</c>, <c>skip</c>,
/// <c>next</c>, <c>start</c>…), <see cref="Card"/> the template it came from, and <see cref="Data"/> everything the
/// card sent: its ids (<c>batchId</c>, <c>taskId</c>, <c>assignmentId</c>, <c>templateVersion</c>) and its inputs.</summary>
public sealed record CardAction(string Name, string? Card, JsonElement Data)
{
    /// <summary>A field as text: cards send ids as strings and versions as numbers.</summary>
    public string? Value(string field) =>
        Data.ValueKind == JsonValueKind.Object && Data.TryGetProperty(field, out var value)
            ? value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.Number => value.GetRawText(),
                _ => null,
            }
            : null;
}
