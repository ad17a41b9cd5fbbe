using System.Text;
using System.Text.Json;

namespace ReviewBot.Exports;

/// <summary>The original text of a JSON value, fit for one line of JSON Lines.</summary>
internal static class RawJson
{
    /// <summary>A value on one line as it was sent where possible, re-written only when it carried comments.</summary>
    public static string OnOneLine(JsonElement value) =>
        OnOneLine(value.GetRawText()) ?? JsonSerializer.Serialize(value, ReviewBotJson.Options);

    /// <summary>The text unchanged when it is on one line already; otherwise with the whitespace between tokens
    /// removed (strings untouched). Null when the text holds comments, which the import tolerates but a dataset
    /// must not carry.</summary>
    public static string? OnOneLine(string json)
    {
        var multiLine = json.AsSpan().IndexOfAny('\n', '\r') >= 0;
        if (!multiLine && !json.Contains('/'))
        {
            return json;
        }
        var line = new StringBuilder(json.Length);
        var inString = false;
        var escaped = false;
        foreach (var c in json)
        {
            if (inString)
            {
                if (escaped)
                {
                    escaped = false;
                }
                else if (c == '\\')
                {
                    escaped = true;
                }
                else if (c == '"')
                {
                    inString = false;
                }
            }
            else if (c == '/')
            {
                return null;
            }
            else if (c == '"')
            {
                inString = true;
            }
            else if (multiLine && c is ' ' or '\t' or '\n' or '\r')
            {
                continue;
            }
            line.Append(c);
        }
        return line.ToString();
    }
}
