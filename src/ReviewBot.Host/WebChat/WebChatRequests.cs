using System.Text.Json;

namespace ReviewBot.Host.WebChat;

/// <summary><c>POST /chat/messages</c>: who, where, and either typed <see cref="Text"/> or a card's
/// <see cref="Action"/> together with <see cref="MessageId"/>, the id of the card message it came from (the one a
/// reply may replace). <see cref="Name"/> is how someone not on the roster yet wants to be greeted.
/// <see cref="EventId"/> is the page's own id for this post, the same when it sends the post again.</summary>
public sealed record PostMessageRequest(string? User, string? Name, string? Conversation, string? Text, CardActionRequest? Action, long? MessageId,
    string? EventId = null);

/// <summary>An <c>Action.Submit</c> from a card: the action word, the card's name, and its data merged with the
/// card's inputs, exactly as the renderer hands them over.</summary>
public sealed record CardActionRequest(string? Action, string? Card, JsonElement Data);

public sealed record MessagesResponse(IReadOnlyList<ChatMessage> Messages);

/// <summary>Someone on the roster the page offers to sign in as.</summary>
public sealed record Person(string Key, string Name, string? Credential, IReadOnlyList<string> Specialties, bool Lead, bool Verified);
