namespace ReviewBot.Text;

/// <summary>One sentence of a text: <see cref="Start"/> and <see cref="End"/> (exclusive) are character offsets into
/// the original, so <c>text[Start..End]</c> is exactly <see cref="Text"/>. <see cref="Number"/> counts from 1.</summary>
public sealed record Sentence(int Number, int Start, int End, string Text);

/// <summary>Splits a model's answer into the sentences a clinician would mark, without a model or a network: rules
/// for what clinical writing does with full stops (titles, Latin shorthand, dosing abbreviations, units, decimals)
/// and for lists and line breaks. A list item or a line is always a sentence of its own; its marker ("1.", "-",
/// "•") is left out, since a clinician marks what the item says, and a Markdown heading is no sentence at all.</summary>
public static class SentenceSplitter
{
    // Never the end of a sentence: a name, a number or an example always follows them.
    private static readonly HashSet<string> AlwaysFollowed = new(StringComparer.OrdinalIgnoreCase)
    {
        "dr", "mr", "mrs", "ms", "prof", "vs", "e.g", "i.e", "cf", "approx", "ca", "fig", "viz", "incl",
    };

    // Often mid-sentence ("500 mg b.i.d. with food") but can end one ("…twice daily, i.e. 500 mg b.i.d. Review in a
    // week."): a sentence ends after them only when the next word starts with a capital.
    private static readonly HashSet<string> EndOnlyBeforeCapital = new(StringComparer.OrdinalIgnoreCase)
    {
        "mg", "mcg", "g", "kg", "ml", "l", "mmol", "mmhg", "iu", "u", "h", "hr", "hrs", "min", "mins", "sec", "wk", "wks", "yr", "yrs",
        "tab", "tabs", "cap", "caps", "inj", "amp", "etc", "b.i.d", "t.i.d", "q.i.d", "q.d", "o.d", "p.o", "p.r.n", "i.v", "i.m", "s.c",
        "q.h", "q.h.s", "a.c", "p.c", "h.s", "stat", "bid", "tid", "qid", "qds", "tds", "bd", "od", "prn", "po", "iv", "im", "sc",
        "pt", "pts", "dx", "hx", "rx", "tx", "sx",
    };

    public static IReadOnlyList<Sentence> Split(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var sentences = new List<Sentence>();
        var lineStart = 0;
        while (lineStart <= text.Length)
        {
            var lineEnd = text.IndexOf('\n', lineStart);
            if (lineEnd < 0)
            {
                lineEnd = text.Length;
            }
            if (!IsHeading(text.AsSpan(lineStart, lineEnd - lineStart).Trim()))
            {
                SplitLine(text, SkipListMarker(text, lineStart, lineEnd), lineEnd, sentences);
            }
            lineStart = lineEnd + 1;
        }
        return sentences;
    }

    private static void SplitLine(string text, int start, int end, List<Sentence> sentences)
    {
        var from = start;
        for (var i = start; i < end; i++)
        {
            if (text[i] is not ('.' or '!' or '?' or '…'))
            {
                continue;
            }
            var after = i + 1;
            while (after < end && text[after] is '.' or '!' or '?' or '"' or '”' or '’' or '\'' or ')' or ']' or '*')
            {
                after++;
            }
            if (after < end && !char.IsWhiteSpace(text[after]))
            {
                continue;
            }
            if (text[i] == '.' && !EndsSentence(text, i, NextWordStart(text, after, end)))
            {
                continue;
            }
            Add(text, from, after, sentences);
            from = after;
            i = after - 1;
        }
        Add(text, from, end, sentences);
    }

    /// <summary>Whether the full stop at <paramref name="dot"/> ends a sentence, given where the next word starts
    /// (the line's end when there is none).</summary>
    private static bool EndsSentence(string text, int dot, int next)
    {
        if (next >= text.Length || text[next] == '\n')
        {
            return true;
        }
        var word = WordBefore(text, dot);
        var wordStart = dot - word.Length;
        if (word.Length == 1 && char.IsUpper(word[0]) && (wordStart == 0 || char.IsWhiteSpace(text[wordStart - 1])))
        {
            // An initial ("Dr. A. Okafor"); a unit such as "mmol/L" is not one.
            return false;
        }
        if (AlwaysFollowed.Contains(word))
        {
            return false;
        }
        // Markdown emphasis around the next word ("**Avoid**") does not hide its capital.
        while (next + 1 < text.Length && text[next] is '*' or '_' or '`')
        {
            next++;
        }
        var nextStartsUpper = char.IsUpper(text[next]) || text[next] is '"' or '“' or '(' or '[';
        if (EndOnlyBeforeCapital.Contains(word))
        {
            return nextStartsUpper;
        }
        return nextStartsUpper || char.IsDigit(text[next]);
    }

    /// <summary>The word the full stop closes, inner dots kept ("b.i.d", "e.g"), without a leading bracket.</summary>
    private static string WordBefore(string text, int dot)
    {
        var begin = dot;
        while (begin > 0 && (char.IsLetterOrDigit(text[begin - 1]) || text[begin - 1] == '.'))
        {
            begin--;
        }
        return text[begin..dot].TrimStart('.');
    }

    private static int NextWordStart(string text, int from, int end)
    {
        while (from < end && char.IsWhiteSpace(text[from]))
        {
            from++;
        }
        return from < end ? from : text.Length;
    }

    /// <summary>A Markdown heading ("## Dosing", "**Rate control**"): it names a part of the answer and says
    /// nothing that could be wrong, so it is not offered for marking.</summary>
    private static bool IsHeading(ReadOnlySpan<char> line) =>
        line.StartsWith("#")
        || line.Length > 4 && line.StartsWith("**") && line.TrimEnd(':').EndsWith("**") && line[2..^2].IndexOf("**") < 0;

    /// <summary>Past a list marker at the start of a line: "1.", "2)", "(3)", "a.", "-", "*", "•", "–".</summary>
    private static int SkipListMarker(string text, int start, int end)
    {
        var i = start;
        while (i < end && char.IsWhiteSpace(text[i]))
        {
            i++;
        }
        if (i < end && text[i] is '-' or '*' or '•' or '–' or '·' or '+')
        {
            return i + 1 < end && char.IsWhiteSpace(text[i + 1]) ? i + 1 : start;
        }
        var marker = i;
        if (marker < end && text[marker] == '(')
        {
            marker++;
        }
        var digits = marker;
        while (digits < end && char.IsDigit(text[digits]) && digits - marker < 3)
        {
            digits++;
        }
        var afterLabel = digits > marker ? digits
            : marker < end && char.IsAsciiLetterLower(text[marker]) ? marker + 1
            : -1;
        if (afterLabel < 0 || afterLabel + 1 >= end || text[afterLabel] is not ('.' or ')') || !char.IsWhiteSpace(text[afterLabel + 1]))
        {
            return start;
        }
        return afterLabel + 1;
    }

    private static void Add(string text, int from, int to, List<Sentence> sentences)
    {
        while (from < to && char.IsWhiteSpace(text[from]))
        {
            from++;
        }
        while (to > from && char.IsWhiteSpace(text[to - 1]))
        {
            to--;
        }
        if (to > from && text.AsSpan(from, to - from).ContainsAnyExcept(" \t*#-_=|"))
        {
            sentences.Add(new Sentence(sentences.Count + 1, from, to, text[from..to]));
        }
    }
}
