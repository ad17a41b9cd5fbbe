using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace ReviewBot.Conversations.Chat;

/// <summary>
/// What the core wants done, in words every channel can carry out its own way. Cards are named templates
/// (DESIGN §8) with the data to bind; the channel renders them (Adaptive Card, Block Kit) and delivers them.
/// A reply is also kept as JSON (<see cref="ToJson"/>): in the outbox until it is delivered, and as the answer to a
/// platform's retry of the same event.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "reply")]
[JsonDerivedType(typeof(SendCard), "send-card")]
[JsonDerivedType(typeof(SendText), "send-text")]
[JsonDerivedType(typeof(ReplaceCard), "replace-card")]
[JsonDerivedType(typeof(OpenForm), "open-form")]
[JsonDerivedType(typeof(ShowFieldErrors), "field-errors")]
[JsonDerivedType(typeof(Ephemeral), "ephemeral")]
[JsonDerivedType(typeof(PostToChannel), "post")]
[JsonDerivedType(typeof(DirectMessage), "direct-message")]
[JsonDerivedType(typeof(ShareFile), "share-file")]
[JsonDerivedType(typeof(DirectText), "direct-text")]
public abstract record Reply
{
    public string ToJson() => JsonSerializer.Serialize(this, ReviewBotJson.Options);

    public static Reply FromJson(string json) =>
        JsonSerializer.Deserialize<Reply>(json, ReviewBotJson.Options) ?? throw new JsonException("A reply cannot be null.");
}

/// <summary>A card to the person, in the conversation the event came from.</summary>
public sealed record SendCard(string Card, JsonObject Data) : Reply;

/// <summary>Plain text to the person, in the conversation the event came from.</summary>
public sealed record SendText(string Text) : Reply;

/// <summary>Replace the card that was acted on (Teams: the invoke response or an update; Slack: chat.update or the
/// response_url; web: in place).</summary>
public sealed record ReplaceCard(string Card, JsonObject Data) : Reply;

/// <summary>Open a form: a Slack modal (views.open); elsewhere, a card in the conversation.</summary>
public sealed record OpenForm(string Card, JsonObject Data) : Reply;

/// <summary>The form's input was refused: show each message at its field and keep what was typed (Slack:
/// response_action errors; elsewhere the card re-rendered with the messages).</summary>
public sealed record ShowFieldErrors(string Card, JsonObject Data, IReadOnlyDictionary<string, string> Errors) : Reply;

/// <summary>A short note only this person sees (Slack: chat.postEphemeral).</summary>
public sealed record Ephemeral(string Text) : Reply;

/// <summary>A card posted to a team channel, for everyone in it, now or at <see cref="At"/>.</summary>
public sealed record PostToChannel(string ConversationKey, string Card, JsonObject Data, DateTimeOffset? At = null) : Reply;

/// <summary>A card to someone's direct messages (a reminder, a harm alert, a task asked for in a channel), now or
/// at <see cref="At"/>. One with a <see cref="Key"/> replaces what waits under that key: a snooze moves the nudge it
/// came from instead of adding a second one.</summary>
public sealed record DirectMessage(string UserKey, string Card, JsonObject Data, DateTimeOffset? At = null, string? Key = null) : Reply;

/// <summary>A dataset for the person who asked for it. A channel that carries files may upload the file itself
/// (<see cref="BatchId"/>, <see cref="Format"/>, <see cref="FileName"/> say which); the others show the card, whose
/// download link is signed for that batch and format only and soon runs out.</summary>
public sealed record ShareFile(string BatchId, ReviewBot.Exports.DatasetFormat Format, string FileName, string Card, JsonObject Data) : Reply;

/// <summary>A line of text to someone's direct messages (a lead told of a new sign-up).</summary>
public sealed record DirectText(string UserKey, string Text) : Reply;
