using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace ReviewBot.Host.WebChat;

/// <summary>
/// One message in a web chat conversation, as stored in Redis and as the page receives it. <see cref="Id"/> is its
/// place in the conversation (1, 2, 3…); <see cref="Rev"/> rises with every write to the conversation, so a card
/// replaced in place keeps its id and gets a new rev, and "everything after rev N" holds both new and replaced
/// messages. A card carries the Adaptive Card to draw; text carries <see cref="Text"/>.
/// </summary>
public sealed record ChatMessage
{
    // Left out while 0: the log writes both in front of what it stores, and an ephemeral message has neither.
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public long Id { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public long Rev { get; init; }
    public required string Conversation { get; init; }
    /// <summary><c>bot</c>, or the user key of the person who wrote it.</summary>
    public required string From { get; init; }
    public string? FromName { get; init; }
    public DateTimeOffset At { get; init; }
    public string? Text { get; init; }
    /// <summary>The template the card came from (<c>task-rank</c>, <c>announcement</c>…).</summary>
    public string? Card { get; init; }
    /// <summary>The Adaptive Card 1.5 JSON, for the official renderer in the page.</summary>
    public JsonNode? Content { get; init; }
    /// <summary>Shown to the person who acted, this once; never stored.</summary>
    public bool? Ephemeral { get; init; }

    public const string Bot = "bot";
}
