using System.Text;
using System.Text.Json.Nodes;

namespace ReviewBot.Channels.Slack.Replies;

/// <summary>The core's plain sentences as Slack messages. Slack reads a message's <c>text</c> as mrkdwn, where
/// <c>&amp;</c>, <c>&lt;</c> and <c>&gt;</c> make links and mentions (<c>&lt;!channel&gt;</c>), and the core quotes
/// what people typed: those three are written as entities so such text arrives inert.</summary>
public static class SlackText
{
    public static JsonObject Message(string text) => new() { ["text"] = Escape(text) };

    public static string Escape(string text)
    {
        if (text.AsSpan().IndexOfAny('&', '<', '>') < 0)
        {
            return text;
        }
        var escaped = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            escaped.Append(c switch { '&' => "&amp;", '<' => "&lt;", '>' => "&gt;", _ => c.ToString() });
        }
        return escaped.ToString();
    }
}
