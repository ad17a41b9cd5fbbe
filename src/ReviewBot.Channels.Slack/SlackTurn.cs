using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ReviewBot.Channels.Slack.Inbound;
using ReviewBot.Channels.Slack.People;
using ReviewBot.Channels.Slack.Replies;
using ReviewBot.Conversations.Chat;

namespace ReviewBot.Channels.Slack;

/// <summary>
/// One request from Slack, whichever way it came (HTTP or Socket Mode), through the core. Slack wants an answer within
/// 3 seconds: events, slash commands and button presses are acknowledged at once and run after; a modal's submission
/// runs first, because its answer is recorded durably before the response that closes the modal, and field errors go
/// back in that response. Each runs once per Slack id (<c>slack:&lt;event_id or trigger_id&gt;</c>) across instances:
/// a retry gets the first answer and sets nothing off twice.
/// </summary>
public sealed class SlackTurn(IChatTurns turns, IEventOnce once, SlackReplies replies, SlackHome home, SlackPeople people, FollowUps followUps)
{
    public async Task<SlackAck> HandleAsync(SlackRequest request, CancellationToken cancellationToken)
    {
        switch (request)
        {
            case UrlVerification check:
                return SlackAck.Challenge(check.Challenge);
            case EventCallback callback:
                followUps.Run(stopping => once.RunAsync($"slack:{callback.EventId}", () => OnEventAsync(callback, stopping), stopping));
                return SlackAck.Empty;
            case SlashCommand command:
                followUps.Run(stopping => once.RunAsync(IdOf(command.TriggerId, command), () => OnCommandAsync(command, stopping), stopping));
                return SlackAck.Empty;
            case Interaction { Type: "block_actions" } press when press.Actions is [{ } button, ..] && SlackChatEvents.FromButton(button.Value) is { } action:
                followUps.Run(stopping => once.RunAsync(IdOf(press.TriggerId, press), () => OnButtonAsync(press, action, stopping), stopping));
                return SlackAck.Empty;
            case Interaction { Type: "view_submission", View: { } view } submission when SlackChatEvents.FromSubmission(view) is { } form:
                return await once.RunAsync(IdOf(submission.TriggerId, submission), () => OnSubmissionAsync(submission, view, form, cancellationToken),
                    cancellationToken);
            default:
                // view_closed, other events and buttons that are not ours: nothing to do.
                return SlackAck.Empty;
        }
    }

    private async Task<SlackAck> OnEventAsync(EventCallback callback, CancellationToken cancellationToken)
    {
        var e = callback.Event;
        if (e is not { User: { } userId, Channel: { } channel } || e.BotId is not null || e.Subtype is not null)
        {
            return SlackAck.Empty;
        }
        var eventId = $"slack:{callback.EventId}";
        switch (e.Type)
        {
            case "message" when e.ChannelType == "im" && e.Text is { Length: > 0 } text:
                await people.RememberDirectChannelAsync(userId, channel);
                await RunAsync(Origin(userId, channel), new ChatEvent
                {
                    UserKey = SlackChatEvents.UserKey(userId),
                    EventId = eventId,
                    UserName = await people.NameAsync(userId, cancellationToken),
                    ConversationKey = SlackChatEvents.ConversationKey(channel),
                    Text = text.Trim(),
                }, cancellationToken);
                break;
            // A mention inside a DM comes as a message too, and is answered as that.
            case "app_mention" when e.Text is { } text && !SlackChatEvents.IsDirect(channel):
                await RunAsync(Origin(userId, channel), new ChatEvent
                {
                    UserKey = SlackChatEvents.UserKey(userId),
                    EventId = eventId,
                    UserName = await people.NameAsync(userId, cancellationToken),
                    ConversationKey = SlackChatEvents.ConversationKey(channel),
                    InTeamChannel = true,
                    Text = SlackChatEvents.WithoutMentions(text) is { Length: > 0 } words ? words : "help",
                }, cancellationToken);
                break;
            case "app_home_opened":
                await people.RememberDirectChannelAsync(userId, channel);
                if (e.Tab == "home")
                {
                    var answer = await turns.RunAsync(new ChatEvent
                    {
                        UserKey = SlackChatEvents.UserKey(userId),
                        EventId = eventId,
                        UserName = await people.NameAsync(userId, cancellationToken),
                        ConversationKey = SlackChatEvents.ConversationKey(channel),
                        Text = "status",
                    }, cancellationToken);
                    await home.PublishAsync(userId, answer, cancellationToken);
                }
                break;
        }
        return SlackAck.Empty;
    }

    private async Task<SlackAck> OnCommandAsync(SlashCommand command, CancellationToken cancellationToken)
    {
        // Only the DM between this person and the bot is theirs; anywhere else answers are for their eyes only.
        var direct = SlackChatEvents.IsDirect(command.ChannelId)
            && command.ChannelId == await people.DirectChannelAsync(command.UserId, cancellationToken);
        var origin = new SlackOrigin
        {
            UserId = command.UserId,
            Channel = command.ChannelId,
            InTeamChannel = !direct,
            ResponseUrl = command.ResponseUrl,
            TriggerId = command.TriggerId,
        };
        await RunAsync(origin, new ChatEvent
        {
            UserKey = SlackChatEvents.UserKey(command.UserId),
            EventId = IdOf(command.TriggerId, command),
            UserName = await people.NameAsync(command.UserId, cancellationToken) ?? command.UserName,
            ConversationKey = SlackChatEvents.ConversationKey(command.ChannelId),
            InTeamChannel = !direct,
            Text = command.Text.Trim() is { Length: > 0 } words ? words : "help",
        }, cancellationToken);
        return SlackAck.Empty;
    }

    private async Task<SlackAck> OnButtonAsync(Interaction press, CardAction action, CancellationToken cancellationToken)
    {
        var userId = press.User.Id;
        var onMessage = press.Container?.Type == "message" && (press.Channel?.Id ?? press.Container.ChannelId) is not null;
        var channel = onMessage ? (press.Channel?.Id ?? press.Container!.ChannelId)! : await people.DirectChannelAsync(userId, cancellationToken);
        if (SlackChatEvents.IsDirect(channel))
        {
            await people.RememberDirectChannelAsync(userId, channel);
        }
        var origin = new SlackOrigin
        {
            UserId = userId,
            Channel = channel,
            InTeamChannel = !SlackChatEvents.IsDirect(channel),
            MessageTs = onMessage ? press.Container!.MessageTs : null,
            EphemeralMessage = press.Container?.IsEphemeral == true,
            ResponseUrl = press.ResponseUrl,
            TriggerId = press.TriggerId,
        };
        var chatEvent = new ChatEvent
        {
            UserKey = SlackChatEvents.UserKey(userId),
            EventId = IdOf(press.TriggerId, press),
            UserName = await people.NameAsync(userId, cancellationToken) ?? press.User.Name,
            ConversationKey = SlackChatEvents.ConversationKey(channel),
            InTeamChannel = origin.InTeamChannel,
        };
        if (action is { Name: "show-form" } && action.Value("form") == "profile-form")
        {
            // Slack's profile message shows the profile; its Edit button opens the same profile as a modal.
            var profile = await turns.RunAsync(chatEvent with { Text = "profile" }, cancellationToken);
            var shown = profile.OfType<SendCard>().FirstOrDefault(c => c.Card == "profile");
            await replies.ShowAsync(origin, shown is null ? profile : [new OpenForm("profile-form", shown.Data)], cancellationToken);
            return SlackAck.Empty;
        }
        await RunAsync(origin, chatEvent with { Action = action }, cancellationToken);
        return SlackAck.Empty;
    }

    private async Task<SlackAck> OnSubmissionAsync(Interaction submission, SlackView view, SubmittedForm form, CancellationToken cancellationToken)
    {
        var userId = submission.User.Id;
        var channel = form.Channel ?? await people.DirectChannelAsync(userId, cancellationToken);
        var origin = new SlackOrigin
        {
            UserId = userId,
            Channel = channel,
            InTeamChannel = !SlackChatEvents.IsDirect(channel),
            MessageTs = form.MessageTs,
        };
        var answer = await turns.RunAsync(new ChatEvent
        {
            UserKey = SlackChatEvents.UserKey(userId),
            EventId = IdOf(submission.TriggerId, submission),
            UserName = submission.User.Name,
            ConversationKey = SlackChatEvents.ConversationKey(channel),
            InTeamChannel = origin.InTeamChannel,
            Action = form.Action,
        }, cancellationToken);
        var (ack, after) = SlackReplies.ForSubmission(answer, view);
        if (after.Count > 0)
        {
            followUps.Run(stopping => replies.ShowAsync(origin, after, stopping));
        }
        return ack;
    }

    private async Task RunAsync(SlackOrigin origin, ChatEvent chatEvent, CancellationToken cancellationToken) =>
        await replies.ShowAsync(origin, await turns.RunAsync(chatEvent, cancellationToken), cancellationToken);

    private static SlackOrigin Origin(string userId, string channel) =>
        new() { UserId = userId, Channel = channel, InTeamChannel = !SlackChatEvents.IsDirect(channel) };

    /// <summary>Slack's own id for the request; a request without one is known by a hash of what it says.</summary>
    private static string IdOf(string? triggerId, SlackRequest request) =>
        "slack:" + (triggerId ?? Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(request, request.GetType()))))[..32]);
}
