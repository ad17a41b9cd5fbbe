using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ReviewBot.Conversations.Chat;

namespace ReviewBot.Channels.Slack.Inbound;

/// <summary>Reads what a person did in Slack into the core's words: a button's <c>value</c> and a modal's
/// <c>private_metadata</c> carry the card's submission data (cards/README.md, "Submissions"), a modal's inputs arrive as
/// <c>state.values[field][field]</c>.</summary>
public static partial class SlackChatEvents
{
    /// <summary>Where a modal came from, kept in its private_metadata beside the card's own data, so that the answer
    /// can replace the message the form was opened from.</summary>
    public const string OriginField = "slack";

    public static string UserKey(string userId) => "slack:" + userId;

    public static string ConversationKey(string channelId) => "slack:" + channelId;

    /// <summary>Direct-message channel ids start with D; public and private channels with C or G.</summary>
    public static bool IsDirect(string channelId) => channelId.StartsWith('D');

    /// <summary>The words after the bot's mention in "@ReviewBot progress cardio-nov".</summary>
    public static string WithoutMentions(string text) => Mention().Replace(text, " ").Trim();

    /// <summary>A button of ours: its value is the card's data with an <c>action</c>. Anything else is not ours.</summary>
    public static CardAction? FromButton(string? value)
    {
        if (value is null || !value.StartsWith('{'))
        {
            return null;
        }
        try
        {
            var data = JsonSerializer.Deserialize<JsonElement>(value);
            return Text(data, "action") is { Length: > 0 } name ? new CardAction(name, Text(data, "card"), data) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>A modal of ours submitted: the card's data from private_metadata, the inputs merged in by field name,
    /// and the message it was opened from (if any) taken out again.</summary>
    public static SubmittedForm? FromSubmission(SlackView view)
    {
        if (view.PrivateMetadata is not { Length: > 0 } metadata || !metadata.StartsWith('{'))
        {
            return null;
        }
        JsonObject data;
        try
        {
            data = JsonNode.Parse(metadata) as JsonObject ?? new JsonObject();
        }
        catch (JsonException)
        {
            return null;
        }
        if ((string?)data["action"] is not { Length: > 0 } name)
        {
            return null;
        }
        string? channel = null, ts = null;
        if (data[OriginField] is JsonObject origin)
        {
            (channel, ts) = ((string?)origin["channel"], (string?)origin["ts"]);
            data.Remove(OriginField);
        }
        foreach (var (field, elements) in view.State?.Values ?? [])
        {
            foreach (var element in elements.Values)
            {
                if (ValueOf(element) is { } value)
                {
                    data[field] = value;
                }
            }
        }
        return new SubmittedForm(new CardAction(name, (string?)data["card"], JsonSerializer.SerializeToElement(data)), channel, ts);
    }

    /// <summary>An input's value as the card contract has it: text as typed, a choice's value, several choices
    /// joined with commas. An empty optional input sends nothing.</summary>
    private static string? ValueOf(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return null;
        }
        if (element.TryGetProperty("selected_options", out var options) && options.ValueKind == JsonValueKind.Array)
        {
            var values = options.EnumerateArray().Select(o => Text(o, "value")).OfType<string>().ToList();
            return values.Count == 0 ? null : string.Join(',', values);
        }
        if (element.TryGetProperty("selected_option", out var option))
        {
            return Text(option, "value");
        }
        return Text(element, "value");
    }

    private static string? Text(JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    [GeneratedRegex("<@[A-Z0-9]+(\\|[^>]*)?>")]
    private static partial Regex Mention();
}

/// <summary>A modal's submission: the card action, and the message (channel and ts) the modal was opened from.</summary>
public sealed record SubmittedForm(CardAction Action, string? Channel, string? MessageTs);
