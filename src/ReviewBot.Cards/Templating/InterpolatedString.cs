using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json.Nodes;
using ReviewBot.Cards.Slack;

namespace ReviewBot.Cards.Templating;

/// <summary>A template string holding at least one <c>${…}</c>. A string that is exactly one expression keeps
/// the type of its value (a number stays a number, an array stays an array); any other string is text with the
/// values written into it. Only the template is parsed: text that comes from the data is never looked at again,
/// so <c>${$root}</c> inside a task stays those characters.</summary>
internal sealed class InterpolatedString
{
    private readonly string[] _texts;
    private readonly Expression[] _expressions;

    private InterpolatedString(string[] texts, Expression[] expressions)
    {
        _texts = texts;
        _expressions = expressions;
    }

    /// <summary>When true, every value written into this string is escaped for Slack mrkdwn, so a task text
    /// holding <c>&lt;!channel&gt;</c> shows those characters instead of notifying a channel.</summary>
    public bool EscapeMrkdwn { get; init; }

    private bool IsSingleExpression => _expressions.Length == 1 && _texts[0].Length == 0 && _texts[1].Length == 0;

    /// <summary>The parsed string, or null when it holds no expression and is plain text.</summary>
    public static InterpolatedString? TryParse(string template, bool escapeMrkdwn)
    {
        if (!template.Contains("${", StringComparison.Ordinal)) return null;
        // The official engine reads such a string as a JavaScript-style template literal, where a backtick ends
        // it and a backslash escapes; refusing both keeps the two engines in step.
        if (template.AsSpan().IndexOfAny('`', '\\') >= 0)
            throw new CardTemplateException($"A template string with ${{…}} may not contain a backtick or a backslash: \"{template}\".");

        var texts = new List<string>();
        var expressions = new List<Expression>();
        var literal = new StringBuilder();
        var pos = 0;
        while (pos < template.Length)
        {
            var open = template.IndexOf("${", pos, StringComparison.Ordinal);
            var close = open < 0 ? -1 : ClosingBrace(template, open + 2);
            if (close < 0)
            {
                literal.Append(template, pos, template.Length - pos);
                break;
            }
            literal.Append(template, pos, open - pos);
            texts.Add(literal.ToString());
            literal.Clear();
            expressions.Add(ExpressionParser.Parse(template[(open + 2)..close]));
            pos = close + 1;
        }
        texts.Add(literal.ToString());
        return expressions.Count == 0 ? null : new InterpolatedString([.. texts], [.. expressions]) { EscapeMrkdwn = escapeMrkdwn };
    }

    public JsonNode? Evaluate(in Scope scope)
    {
        if (IsSingleExpression)
        {
            var value = EvaluateOne(_expressions[0], scope);
            return EscapeMrkdwn && value is string s ? JsonValue.Create(Mrkdwn.Escape(s)) : Values.ToNode(value);
        }
        var text = new DefaultInterpolatedStringHandler(0, _expressions.Length);
        text.AppendLiteral(_texts[0]);
        for (var i = 0; i < _expressions.Length; i++)
        {
            var value = EvaluateOne(_expressions[i], scope);
            text.AppendLiteral(EscapeMrkdwn && value is string s ? Mrkdwn.Escape(s) : Values.ToText(value));
            text.AppendLiteral(_texts[i + 1]);
        }
        return JsonValue.Create(text.ToStringAndClear());
    }

    /// <summary>Whether the string as a <c>$when</c> keeps its object: only a boolean true does.</summary>
    public bool IsTrue(in Scope scope)
    {
        if (!IsSingleExpression) return false;
        try
        {
            return _expressions[0].Evaluate(scope, substitute: false) is true;
        }
        catch (ExpressionException)
        {
            return false;
        }
    }

    /// <summary>The value of a string used as <c>$data</c>.</summary>
    public object? EvaluateValue(in Scope scope) =>
        IsSingleExpression ? EvaluateOne(_expressions[0], scope) : Values.FromNode(Evaluate(scope));

    private static object? EvaluateOne(Expression expression, in Scope scope)
    {
        try
        {
            var value = expression.Evaluate(scope, substitute: true);
            return value is Undefined ? "${" + expression.Source + "}" : value;
        }
        catch (ExpressionException)
        {
            return "${" + expression.Source + "}";
        }
    }

    private static int ClosingBrace(string text, int from)
    {
        var depth = 0;
        char? quote = null;
        for (var i = from; i < text.Length; i++)
        {
            var c = text[i];
            if (quote is not null)
            {
                if (c == quote) quote = null;
            }
            else if (c is '\'' or '"') quote = c;
            else if (c == '{') depth++;
            else if (c == '}' && depth-- == 0) return i;
        }
        return -1;
    }
}
