namespace ReviewBot.Cards.Slack;

/// <summary>Cuts text to a length without breaking what a reader sees: never between the two halves of an emoji
/// (a surrogate pair), never inside an entity such as <c>&amp;amp;</c>, and at a paragraph, line or word break
/// when one is near.</summary>
internal static class TextFit
{
    private const int LookBack = 200;

    /// <summary>The text, or its beginning followed by <paramref name="note"/>, in at most <paramref name="max"/>
    /// UTF-16 units (the unit Slack counts).</summary>
    public static string Truncate(string text, int max, string note)
    {
        if (text.Length <= max) return text;
        var cut = BreakBefore(text, 0, max - note.Length);
        return string.Concat(text.AsSpan(0, cut).TrimEnd(), note);
    }

    /// <summary>The text in pieces of at most <paramref name="max"/> units. Breaks fall after a paragraph, line
    /// or word end, so the pieces joined give the text back exactly.</summary>
    public static List<string> Split(string text, int max)
    {
        var pieces = new List<string>();
        var start = 0;
        while (text.Length - start > max)
        {
            var cut = BreakBefore(text, start, start + max);
            pieces.Add(text[start..cut]);
            start = cut;
        }
        pieces.Add(text[start..]);
        return pieces;
    }

    /// <summary>The best place at or before <paramref name="limit"/> (and after <paramref name="start"/>) to end
    /// a piece.</summary>
    private static int BreakBefore(string text, int start, int limit)
    {
        var floor = Math.Max(start + 1, limit - LookBack);
        foreach (var separator in (ReadOnlySpan<string>)["\n\n", "\n", " "])
        {
            var at = text.LastIndexOf(separator, limit - 1, limit - floor, StringComparison.Ordinal);
            if (at >= floor && at + separator.Length <= limit) return at + separator.Length;
        }
        var cut = limit;
        if (char.IsLowSurrogate(text[cut]) && cut > start + 1) cut--;
        var amp = text.LastIndexOf('&', cut - 1, Math.Min(cut - start, 8));
        if (amp > start && text.IndexOf(';', amp, cut - amp) < 0) cut = amp;
        return cut;
    }
}
