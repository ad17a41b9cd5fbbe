using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Teams;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json.Linq;
using ReviewBot.Channels.Teams.People;
using ReviewBot.Channels.Teams.Replies;
using ReviewBot.Conversations.Chat;
using CardAction = ReviewBot.Conversations.Chat.CardAction;

namespace ReviewBot.Channels.Teams.Bot;

/// <summary>
/// Teams activities, after the SDK has authenticated and parsed them, become ChatEvents; nothing is decided here. A
/// message (with any @mention of the bot taken out) is a command; a Universal Action (<c>adaptiveCard/action</c>)
/// or an older client's <c>Action.Submit</c> (a message with a value) is a card action; the app being installed is
/// first contact (a personal chat) or a team to remember with its channels. Every turn runs once per Teams activity
/// (<c>teams:&lt;conversation&gt;:&lt;activity id&gt;</c>) across instances: Teams retrying an invoke gets the same
/// invoke response and records nothing twice.
/// </summary>
public sealed partial class TeamsBot(IChatTurns turns, IEventOnce once, TeamsReplies replies, TeamsPeople people, ILogger<TeamsBot> logger)
    : TeamsActivityHandler
{
    public const string UniversalAction = "adaptiveCard/action";

    protected override async Task OnMessageActivityAsync(ITurnContext<IMessageActivity> turnContext, CancellationToken cancellationToken)
    {
        var activity = turnContext.Activity;
        await people.RememberAsync(activity);
        if (activity.Value is JObject value && ActionOf(value) is { } action)
        {
            await RunAsync(turnContext, TeamsTurnKind.OlderClientSubmit, EventOf(activity) with { Action = action }, cancellationToken);
            return;
        }
        var words = Words(activity);
        await RunAsync(turnContext, TeamsTurnKind.Message, EventOf(activity) with { Text = words.Length > 0 ? words : "help" }, cancellationToken);
    }

    /// <summary>Only the bot's own arrival matters: in a team, remember it and its channels; in a personal chat, it is
    /// first contact, answered as a greeting (a welcome for someone new, help for someone on the roster).</summary>
    protected override async Task OnConversationUpdateActivityAsync(ITurnContext<IConversationUpdateActivity> turnContext, CancellationToken cancellationToken)
    {
        var activity = turnContext.Activity;
        if (activity.MembersAdded?.Any(m => m.Id == activity.Recipient?.Id) != true)
        {
            return;
        }
        if (activity.TeamsGetTeamInfo()?.Id is { } teamId)
        {
            await RememberTeamAsync(turnContext, teamId, cancellationToken);
            return;
        }
        if (!TeamsIds.InChannel(activity) && activity.From is not null)
        {
            await people.RememberAsync(activity);
            await RunAsync(turnContext, TeamsTurnKind.Message, EventOf(activity) with { Text = "help" }, cancellationToken);
        }
    }

    protected override async Task<InvokeResponse> OnInvokeActivityAsync(ITurnContext<IInvokeActivity> turnContext, CancellationToken cancellationToken)
    {
        if (turnContext.Activity.Name != UniversalAction)
        {
            return await base.OnInvokeActivityAsync(turnContext, cancellationToken);
        }
        var activity = turnContext.Activity;
        if ((activity.Value as JObject)?["action"] is not JObject pressed || ActionOf(pressed["data"] as JObject ?? [], (string?)pressed["verb"]) is not { } action)
        {
            return Raw(TeamsReplies.ErrorResponse(400, "BadRequest", "This card action carries no ReviewBot action."));
        }
        try
        {
            await people.RememberAsync(activity);
            var json = await RunAsync(turnContext, TeamsTurnKind.Invoke, EventOf(activity) with { Action = action }, cancellationToken);
            return Raw(json);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "A card action from {User} failed.", TeamsIds.UserKey(activity.From));
            return Raw(TeamsReplies.ErrorResponse(500, "InternalServerError", "ReviewBot could not handle that just now. Please try again in a moment."));
        }
    }

    private async Task RememberTeamAsync(ITurnContext turnContext, string teamId, CancellationToken cancellationToken)
    {
        await people.RememberAsync(turnContext.Activity);
        var channels = await TeamsInfo.GetTeamChannelsAsync(turnContext, teamId, cancellationToken);
        var reference = turnContext.Activity.GetConversationReference();
        reference.ActivityId = null;
        foreach (var channel in channels)
        {
            reference.Conversation = new ConversationAccount(isGroup: true, conversationType: "channel", id: channel.Id, tenantId: TeamsIds.TenantOf(turnContext.Activity));
            await people.RememberChannelAsync(channel.Id, reference);
        }
        // The General channel has no name of its own in the list.
        await people.RememberTeamAsync(teamId, channels.Select(c => (c.Id, c.Name ?? "General")));
        logger.LogInformation("Installed in team {Team} with {Count} channels.", teamId, channels.Count);
    }

    private async Task<string> RunAsync(ITurnContext turnContext, TeamsTurnKind kind, ChatEvent chatEvent, CancellationToken cancellationToken) =>
        await once.RunAsync(chatEvent.EventId, async () =>
            await replies.ShowAsync(turnContext, kind, await turns.RunAsync(chatEvent, cancellationToken), cancellationToken) ?? "", cancellationToken);

    private static ChatEvent EventOf(IActivity activity) => new()
    {
        UserKey = TeamsIds.UserKey(activity.From),
        EventId = activity.Id is { Length: > 0 } id ? $"{TeamsIds.Prefix}{activity.Conversation.Id}:{id}" : null,
        UserName = activity.From.Name,
        ConversationKey = TeamsIds.ConversationKey(activity),
        InTeamChannel = TeamsIds.InChannel(activity),
    };

    /// <summary>A card's data as the core reads it: the action word is the card's own (<c>action</c>), else the verb.</summary>
    private static CardAction? ActionOf(JObject data, string? verb = null)
    {
        var name = (string?)data["action"] ?? verb;
        if (string.IsNullOrEmpty(name))
        {
            return null;
        }
        using var parsed = JsonDocument.Parse(data.ToString(Newtonsoft.Json.Formatting.None));
        return new CardAction(name, (string?)data["card"], parsed.RootElement.Clone());
    }

    /// <summary>The words without the @mention of the bot (Teams puts <c>&lt;at&gt;name&lt;/at&gt;</c> in the text).</summary>
    private static string Words(IMessageActivity activity)
    {
        var text = ((Microsoft.Bot.Schema.Activity)activity).RemoveRecipientMention() ?? activity.Text ?? "";
        return Whitespace().Replace(Mention().Replace(text.Replace("&nbsp;", " "), " "), " ").Trim();
    }

    /// <summary>A Universal Action's response goes back with HTTP 200 whatever it says: its own <c>statusCode</c>
    /// tells Teams whether it is a card, a message or an error.</summary>
    private static InvokeResponse Raw(string json) => new() { Status = 200, Body = new RawJson(json) };

    [GeneratedRegex("<at>[^<]*</at>")]
    private static partial Regex Mention();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}

/// <summary>An invoke response already written as JSON: the endpoint sends it as it is, with no serializer in between.</summary>
public sealed record RawJson(string Json);
