using System.Text.Json.Nodes;
using Microsoft.Bot.Builder;
using Microsoft.Extensions.Logging;
using ReviewBot.Conversations.Chat;

namespace ReviewBot.Channels.Teams.Replies;

/// <summary>How the turn came: a typed message, a Universal Action (invoke, answered in its response), or an
/// <c>Action.Submit</c> from a client too old for Execute (a message with a value, answered by updating the card).</summary>
public enum TeamsTurnKind
{
    Message,
    Invoke,
    OlderClientSubmit,
}

/// <summary>
/// Each reply of a turn, the Teams way: a card or a sentence is a message in the conversation the person acted in; a
/// card that replaces the one acted on (<see cref="ReplaceCard"/>, and <see cref="ShowFieldErrors"/>, whose data
/// carries the messages and what was typed) is the invoke response of a Universal Action, or an update of the card's
/// message for an older client. Teams has no message only one person sees in a channel; a note for the person alone
/// becomes the invoke's message response, and otherwise a reply in the thread. A dataset is its card with the signed
/// download link.
/// </summary>
public sealed class TeamsReplies(TeamsCards cards, ILogger<TeamsReplies> logger)
{
    private const string MessageResponse = "application/vnd.microsoft.activity.message";

    /// <summary>Shows the replies; for an invoke, returns the invoke response's JSON.</summary>
    public async Task<string?> ShowAsync(ITurnContext turn, TeamsTurnKind kind, IReadOnlyList<Reply> replies, CancellationToken cancellationToken)
    {
        string? response = null;
        var note = (string?)null;
        foreach (var reply in replies)
        {
            switch (reply)
            {
                case ReplaceCard or ShowFieldErrors when kind == TeamsTurnKind.Invoke && response is null:
                    response = CardResponse(CardOf(reply));
                    break;
                case ReplaceCard or ShowFieldErrors when kind == TeamsTurnKind.OlderClientSubmit && turn.Activity.ReplyToId is { } replaced:
                    var update = cards.Message(CardOf(reply).Card, CardOf(reply).Data);
                    update.Id = replaced;
                    await turn.UpdateActivityAsync(update, cancellationToken);
                    break;
                case Ephemeral ephemeral when kind == TeamsTurnKind.Invoke && note is null:
                    note = ephemeral.Text;
                    break;
                default:
                    await SendAsync(turn, reply, cancellationToken);
                    break;
            }
        }
        return kind != TeamsTurnKind.Invoke ? null
            : response ?? new JsonObject { ["statusCode"] = 200, ["type"] = MessageResponse, ["value"] = note ?? "Done." }.ToJsonString();
    }

    /// <summary>The documented error shape of a Universal Action's response.</summary>
    public static string ErrorResponse(int statusCode, string code, string message) =>
        new JsonObject
        {
            ["statusCode"] = statusCode,
            ["type"] = "application/vnd.microsoft.error",
            ["value"] = new JsonObject { ["code"] = code, ["message"] = message },
        }.ToJsonString();

    private string CardResponse((string Card, JsonObject Data) card) =>
        new JsonObject { ["statusCode"] = 200, ["type"] = TeamsCards.ContentType, ["value"] = cards.Render(card.Card, card.Data) }.ToJsonString();

    private static (string Card, JsonObject Data) CardOf(Reply reply) => reply switch
    {
        ReplaceCard replace => (replace.Card, replace.Data),
        ShowFieldErrors refused => (refused.Card, refused.Data),
        _ => throw new ArgumentException($"A {reply.GetType().Name} has no card to show in place.", nameof(reply)),
    };

    private async Task SendAsync(ITurnContext turn, Reply reply, CancellationToken cancellationToken)
    {
        var message = reply switch
        {
            SendCard send => cards.Message(send.Card, send.Data),
            OpenForm form => cards.Message(form.Card, form.Data),
            ReplaceCard replace => cards.Message(replace.Card, replace.Data),
            ShowFieldErrors refused => cards.Message(refused.Card, refused.Data),
            ShareFile file => cards.Message(file.Card, file.Data),
            SendText text => (Microsoft.Bot.Schema.Activity)MessageFactory.Text(text.Text),
            Ephemeral note => MessageFactory.Text(note.Text),
            _ => throw new ArgumentException($"A {reply.GetType().Name} goes through the outbox, not back to the conversation.", nameof(reply)),
        };
        if (TeamsCards.IsTooLarge(message))
        {
            logger.LogError("A {Reply} is over Teams' {Limit} bytes; a note was sent in its place.", reply.GetType().Name, TeamsCards.MaxMessageBytes);
        }
        await turn.SendActivityAsync(message, cancellationToken);
    }
}
