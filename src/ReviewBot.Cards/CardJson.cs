using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ReviewBot.Cards;

/// <summary>How cards are written as text. Non-ASCII text (emoji, right-to-left scripts) is kept as it is rather
/// than as <c>\uXXXX</c>, because Slack counts characters of the decoded text and people read the CLI output;
/// the JSON is for APIs, never pasted into HTML.</summary>
public static class CardJson
{
    public static readonly JsonSerializerOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static readonly JsonSerializerOptions Indented = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        WriteIndented = true,
    };

    public static string ToJson(JsonNode card, bool indented = false) => card.ToJsonString(indented ? Indented : Compact);
}
