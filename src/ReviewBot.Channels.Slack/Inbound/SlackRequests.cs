using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.WebUtilities;

namespace ReviewBot.Channels.Slack.Inbound;

/// <summary>What came in on <c>/slack/events</c> or over Socket Mode, read into the shapes the receiver works with.
/// Only the fields ReviewBot needs are read; everything else Slack sends is ignored.</summary>
public abstract record SlackRequest;

/// <summary>Slack checking the Events API request URL: answered with the challenge.</summary>
public sealed record UrlVerification(string Challenge) : SlackRequest;

/// <summary>An Events API delivery (<c>event_callback</c>): <c>app_mention</c>, <c>message</c>, <c>app_home_opened</c>…</summary>
public sealed record EventCallback(string EventId, string? TeamId, SlackEvent Event) : SlackRequest;

public sealed record SlackEvent(string Type, string? User, string? Text, string? Channel, string? ChannelType, string? Subtype,
    string? BotId, string? Tab, string? Ts);

/// <summary>A slash command (<c>/review progress cardio-nov</c>), sent as form fields.</summary>
public sealed record SlashCommand(string Command, string Text, string UserId, string? UserName, string ChannelId, string? ChannelName,
    string? ResponseUrl, string? TriggerId, string? TeamId) : SlackRequest;

/// <summary>Interactivity: <c>block_actions</c> (a button), <c>view_submission</c> and <c>view_closed</c> (a modal).</summary>
public sealed record Interaction(string Type, InteractionUser User, string? TriggerId, string? ResponseUrl, InteractionContainer? Container,
    ChannelRef? Channel, SlackView? View, IReadOnlyList<BlockAction>? Actions) : SlackRequest;

public sealed record InteractionUser(string Id, string? Username, string? Name, string? TeamId);

public sealed record InteractionContainer(string? Type, string? MessageTs, string? ChannelId, bool? IsEphemeral, string? ViewId);

public sealed record ChannelRef(string Id, string? Name);

public sealed record SlackView(string? Id, string? Type, string? CallbackId, string? PrivateMetadata, string? Hash, ViewState? State);

/// <summary><c>state.values[block_id][action_id]</c>: each input's element state (<c>value</c>,
/// <c>selected_option</c>, <c>selected_options</c>…).</summary>
public sealed record ViewState(Dictionary<string, Dictionary<string, JsonElement>>? Values);

public sealed record BlockAction(string? ActionId, string? BlockId, string? Type, string? Value, string? ActionTs);

/// <summary>Something Slack sent that ReviewBot does not act on; acknowledged and otherwise ignored.</summary>
public sealed record Unhandled(string Type) : SlackRequest;

public static class SlackRequests
{
    private static readonly JsonSerializerOptions Snake = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = JsonNumberHandling.AllowReadingFromString,
    };

    /// <summary>An HTTP request's body: JSON for the Events API, form fields for interactivity (<c>payload=</c>)
    /// and slash commands. Throws <see cref="FormatException"/> for a body that is neither.</summary>
    public static SlackRequest FromHttp(string? contentType, ReadOnlySpan<byte> body)
    {
        if (contentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) == true)
        {
            return FromEventsApi(Read<JsonElement>(body));
        }
        if (contentType?.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) == true)
        {
            var form = QueryHelpers.ParseQuery("?" + Encoding.UTF8.GetString(body));
            if (form.TryGetValue("payload", out var payload))
            {
                return FromInteractivity(Read<JsonElement>(Encoding.UTF8.GetBytes(payload.ToString())));
            }
            if (form.ContainsKey("command"))
            {
                return FromSlashCommand(name => form.TryGetValue(name, out var value) ? value.ToString() : null);
            }
        }
        throw new FormatException("A Slack request is a JSON event, a form with a payload, or a slash command's form.");
    }

    /// <summary>A Socket Mode envelope's payload, by the envelope's type.</summary>
    public static SlackRequest FromSocket(string envelopeType, JsonElement payload) => envelopeType switch
    {
        "events_api" => FromEventsApi(payload),
        "interactive" => FromInteractivity(payload),
        "slash_commands" => FromSlashCommand(name => payload.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null),
        _ => new Unhandled(envelopeType),
    };

    public static SlackRequest FromEventsApi(JsonElement body)
    {
        var type = Text(body, "type");
        return type switch
        {
            "url_verification" => new UrlVerification(Text(body, "challenge") ?? throw new FormatException("url_verification without a challenge.")),
            "event_callback" when body.TryGetProperty("event", out var inner) && inner.ValueKind == JsonValueKind.Object =>
                new EventCallback(Text(body, "event_id") ?? throw new FormatException("event_callback without an event_id."), Text(body, "team_id"),
                    inner.Deserialize<SlackEvent>(Snake) ?? throw new FormatException("event_callback with an empty event.")),
            _ => new Unhandled(type ?? "unknown"),
        };
    }

    public static SlackRequest FromInteractivity(JsonElement payload)
    {
        var interaction = payload.Deserialize<Interaction>(Snake);
        return interaction is { Type.Length: > 0, User.Id.Length: > 0 }
            ? interaction
            : throw new FormatException("An interaction payload names its type and its user.");
    }

    private static SlashCommand FromSlashCommand(Func<string, string?> field) => new(
        field("command") ?? throw new FormatException("A slash command names its command."),
        field("text") ?? "",
        field("user_id") ?? throw new FormatException("A slash command names its user."),
        field("user_name"),
        field("channel_id") ?? throw new FormatException("A slash command names its channel."),
        field("channel_name"),
        field("response_url"),
        field("trigger_id"),
        field("team_id"));

    private static T Read<T>(ReadOnlySpan<byte> json)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(json, Snake) ?? throw new FormatException("The body is empty.");
        }
        catch (JsonException e)
        {
            throw new FormatException("The body is not JSON.", e);
        }
    }

    private static string? Text(JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
