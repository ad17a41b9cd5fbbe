using System.Text;

namespace ReviewBot.Cards.Slack;

/// <summary>Slack reads <c>&amp;</c>, <c>&lt;</c> and <c>&gt;</c> in mrkdwn as control characters (links,
/// mentions, <c>&lt;!channel&gt;</c>); these three, and only these, are written as entities.</summary>
internal static class Mrkdwn
{
    public static string Escape(string text)
    {
        var rest = text.AsSpan();
        var at = rest.IndexOfAny('&', '<', '>');
        if (at < 0) return text;
        var escaped = new StringBuilder(text.Length + 32);
        while (at >= 0)
        {
            escaped.Append(rest[..at]).Append(rest[at] switch { '&' => "&amp;", '<' => "&lt;", _ => "&gt;" });
            rest = rest[(at + 1)..];
            at = rest.IndexOfAny('&', '<', '>');
        }
        return escaped.Append(rest).ToString();
    }
}
