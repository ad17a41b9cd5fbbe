using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using ReviewBot.Cards;
using ReviewBot.Channels.Slack.Api;
using ReviewBot.Channels.Slack.Inbound;
using ReviewBot.Channels.Slack.People;
using ReviewBot.Conversations.Chat;

namespace ReviewBot.Channels.Slack.Replies;

/// <summary>
/// Each reply of a turn, the Slack way: a card or a sentence is a message in the person's DM (in a team channel, an
/// ephemeral one only they see); <see cref="ReplaceCard"/> updates the message the button was on (chat.update, or the
/// response_url for an ephemeral one); <see cref="OpenForm"/> opens a modal with the press's trigger_id, remembering
/// the message it came from; <see cref="ShareFile"/> uploads the dataset into the lead's DM.
/// </summary>
public sealed class SlackReplies(SlackApi api, CardRenderer cards, SlackPeople people, DatasetFiles files, ILogger<SlackReplies> logger)
{
    /// <summary>The answer to a modal's submission, given within Slack's 3 seconds: the field errors
    /// (<c>response_action: errors</c>, at each field, with everything typed kept by Slack), or an empty answer that
    /// closes the modal. The rest (the message updated to "recorded") is for after.</summary>
    public static (SlackAck Ack, IReadOnlyList<Reply> After) ForSubmission(IReadOnlyList<Reply> replies, SlackView view)
    {
        if (replies.OfType<ShowFieldErrors>().FirstOrDefault() is not { } refused)
        {
            return (SlackAck.Empty, replies);
        }
        var inputs = view.State?.Values?.Keys.ToList() ?? [];
        var errors = new Dictionary<string, string>();
        foreach (var (field, message) in refused.Errors)
        {
            // A message about the whole form (or a field this modal lacks) is shown at its first input.
            var block = inputs.Contains(field) ? field : inputs.FirstOrDefault() ?? field;
            errors[block] = errors.TryGetValue(block, out var earlier) ? earlier + " " + message : message;
        }
        var ack = new JsonObject
        {
            ["response_action"] = "errors",
            ["errors"] = new JsonObject(errors.Select(e => KeyValuePair.Create(e.Key, (JsonNode?)e.Value))),
        };
        return (new SlackAck(ack.ToJsonString()), replies.Where(r => r is not ShowFieldErrors).ToList());
    }

    public async Task ShowAsync(SlackOrigin origin, IReadOnlyList<Reply> replies, CancellationToken cancellationToken)
    {
        foreach (var reply in replies)
        {
            try
            {
                await ShowAsync(origin, reply, cancellationToken);
            }
            catch (Exception e) when (e is SlackApiException or SlackUnavailableException)
            {
                // The turn itself happened (an answer is recorded); only showing it failed, and Slack will not ask again.
                logger.LogError(e, "Could not show a {Reply} to {User} in {Channel}.", reply.GetType().Name, origin.UserId, origin.Channel);
            }
        }
    }

    private Task ShowAsync(SlackOrigin origin, Reply reply, CancellationToken cancellationToken) => reply switch
    {
        SendCard send => SayAsync(origin, Render(send.Card, send.Data), cancellationToken),
        SendText text => SayAsync(origin, SlackText.Message(text.Text), cancellationToken),
        Ephemeral note => WhisperAsync(origin, SlackText.Message(note.Text), cancellationToken),
        ReplaceCard replace => ReplaceAsync(origin, Render(replace.Card, replace.Data), cancellationToken),
        OpenForm form => OpenFormAsync(origin, form, cancellationToken),
        ShowFieldErrors refused => WhisperAsync(origin, SlackText.Message(string.Join(" ", refused.Errors.Values)), cancellationToken),
        ShareFile file => ShareAsync(origin, file, cancellationToken),
        _ => throw new ArgumentException($"A {reply.GetType().Name} goes through the outbox, not back to the conversation.", nameof(reply)),
    };

    public JsonObject Render(string card, JsonObject data) => (JsonObject)cards.RenderSlack(card, data);

    /// <summary>A message to the person: in their DM for everyone to keep, in a team channel only for them.</summary>
    private async Task SayAsync(SlackOrigin origin, JsonObject message, CancellationToken cancellationToken)
    {
        if (origin.InTeamChannel)
        {
            await WhisperAsync(origin, message, cancellationToken);
            return;
        }
        await api.PostMessageAsync(origin.Channel, message, outboxId: null, cancellationToken);
    }

    private Task WhisperAsync(SlackOrigin origin, JsonObject message, CancellationToken cancellationToken) =>
        origin.ResponseUrl is { } responseUrl
            ? api.RespondAsync(responseUrl, message, ephemeral: true, replaceOriginal: false, cancellationToken)
            : api.PostEphemeralAsync(origin.Channel, origin.UserId, message, cancellationToken);

    private async Task ReplaceAsync(SlackOrigin origin, JsonObject message, CancellationToken cancellationToken)
    {
        if (origin.MessageTs is not { } ts)
        {
            await SayAsync(origin, message, cancellationToken);
        }
        else if (origin.EphemeralMessage && origin.ResponseUrl is { } responseUrl)
        {
            await api.RespondAsync(responseUrl, message, ephemeral: true, replaceOriginal: true, cancellationToken);
        }
        else
        {
            await api.UpdateMessageAsync(origin.Channel, ts, message, cancellationToken);
        }
    }

    private async Task OpenFormAsync(SlackOrigin origin, OpenForm form, CancellationToken cancellationToken)
    {
        var view = Render(form.Card, form.Data);
        if (origin.MessageTs is { } ts && view["private_metadata"] is JsonValue metadata && JsonNode.Parse((string)metadata!) is JsonObject data)
        {
            data[SlackChatEvents.OriginField] = new JsonObject { ["channel"] = origin.Channel, ["ts"] = ts };
            view["private_metadata"] = data.ToJsonString();
        }
        if (origin.TriggerId is not { } triggerId)
        {
            await WhisperAsync(origin, SlackText.Message("That form opens from its button: press it again."), cancellationToken);
            return;
        }
        await api.OpenViewAsync(triggerId, view, cancellationToken);
    }

    /// <summary>An export is a file for the lead alone: into their DM, whatever channel they asked in.</summary>
    private async Task ShareAsync(SlackOrigin origin, ShareFile file, CancellationToken cancellationToken)
    {
        var content = await files.ReadAsync(file.BatchId, file.Format, cancellationToken);
        if (content is null)
        {
            await WhisperAsync(origin, SlackText.Message($"There is no batch {file.BatchId} any more."), cancellationToken);
            return;
        }
        var channel = origin.InTeamChannel ? await people.DirectChannelAsync(origin.UserId, cancellationToken) : origin.Channel;
        var batchName = (string?)file.Data["batchName"] ?? file.BatchId;
        var contents = (string?)file.Data["contents"];
        await api.UploadFileAsync(channel, file.FileName, $"{batchName} ({file.FileName})", content,
            SlackText.Escape(contents is null ? batchName : $"{batchName}: {contents}."), cancellationToken);
        if (origin.InTeamChannel)
        {
            await WhisperAsync(origin, SlackText.Message($"{file.FileName} is in our direct messages."), cancellationToken);
        }
    }
}
