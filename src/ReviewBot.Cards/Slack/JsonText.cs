using System.Text.Json.Nodes;

namespace ReviewBot.Cards.Slack;

internal static class JsonText
{
    /// <summary>The string a node holds, or null when it holds anything else: data can put any JSON where a
    /// template expects text, and the Block Kit passes must not fail on it.</summary>
    public static string? Of(JsonNode? node) => node is JsonValue value && value.TryGetValue(out string? text) ? text : null;
}
