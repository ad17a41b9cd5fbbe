using System.Globalization;

namespace ReviewBot.Cards.Templating;

/// <summary>Parses the text between <c>${</c> and <c>}</c>: paths (<c>a.b[0]</c>, <c>$root</c>, <c>$data</c>,
/// <c>$index</c>), string, number and boolean literals, <c>! == != &lt; &lt;= &gt; &gt;= &amp;&amp; ||</c>,
/// parentheses and the functions <c>exists</c>, <c>count</c> and <c>if</c>. Anything else is refused when the
/// template loads, so a template cannot use what the engine would get wrong.</summary>
internal sealed class ExpressionParser
{
    private readonly string _text;
    private int _pos;

    private ExpressionParser(string text) => _text = text;

    public static Expression Parse(string text)
    {
        var parser = new ExpressionParser(text);
        var expression = parser.ParseOr();
        parser.SkipSpace();
        if (parser._pos != text.Length) throw parser.Error("unexpected text");
        return expression;
    }

    private Expression ParseOr()
    {
        var start = Mark();
        var left = ParseAnd();
        while (Take("||"))
        {
            var right = ParseAnd();
            left = new Binary(Since(start), BinaryOperator.Or, left, right);
        }
        return left;
    }

    private Expression ParseAnd()
    {
        var start = Mark();
        var left = ParseComparison();
        while (Take("&&"))
        {
            var right = ParseComparison();
            left = new Binary(Since(start), BinaryOperator.And, left, right);
        }
        return left;
    }

    private Expression ParseComparison()
    {
        var start = Mark();
        var left = ParseUnary();
        BinaryOperator? op =
            Take("==") ? BinaryOperator.Equal :
            Take("!=") ? BinaryOperator.NotEqual :
            Take("<=") ? BinaryOperator.LessOrEqual :
            Take(">=") ? BinaryOperator.GreaterOrEqual :
            Take("<") ? BinaryOperator.Less :
            Take(">") ? BinaryOperator.Greater : null;
        if (op is not { } o) return left;
        var right = ParseUnary();
        return new Binary(Since(start), o, left, right);
    }

    private Expression ParseUnary()
    {
        var start = Mark();
        if (!Take("!")) return ParsePrimary();
        var operand = ParseUnary();
        return new Not(Since(start), operand);
    }

    private Expression ParsePrimary()
    {
        SkipSpace();
        var start = _pos;
        if (_pos >= _text.Length) throw Error("expression ends too early");
        var c = _text[_pos];
        if (Take("("))
        {
            var inner = ParseOr();
            Expect(")");
            return inner;
        }
        if (c is '\'' or '"') return ParseString(c);
        if (char.IsAsciiDigit(c) || (c == '-' && _pos + 1 < _text.Length && char.IsAsciiDigit(_text[_pos + 1])))
            return ParseNumber();
        var name = ReadIdentifier() ?? throw Error("expected a value");
        SkipSpace();
        if (_pos < _text.Length && _text[_pos] == '(') return ParseCall(name, start);
        return name switch
        {
            "true" => new Literal(name, true),
            "false" => new Literal(name, false),
            "null" => new Literal(name, null),
            _ => ParsePath(name, start),
        };
    }

    private Expression ParsePath(string first, int start)
    {
        var (kind, firstName) = first switch
        {
            "$root" => (PathStart.Root, (string?)null),
            "$data" => (PathStart.Data, null),
            "$index" => (PathStart.Index, null),
            _ when first.StartsWith('$') => throw Error($"unknown name '{first}'"),
            _ => (PathStart.Data, first),
        };
        var steps = new List<PathStep>();
        while (true)
        {
            if (Peek('.'))
            {
                _pos++;
                steps.Add(new PathStep(ReadIdentifier() ?? throw Error("expected a name after '.'"), null));
            }
            else if (Peek('['))
            {
                _pos++;
                var index = ParseOr();
                Expect("]");
                steps.Add(new PathStep(null, index));
            }
            else break;
        }
        return new PathExpression(_text[start.._pos].Trim(), kind, firstName, [.. steps]);
    }

    private Expression ParseCall(string name, int start)
    {
        Expect("(");
        var args = new List<Expression>();
        if (!Take(")"))
        {
            do args.Add(ParseOr()); while (Take(","));
            Expect(")");
        }
        var source = _text[start.._pos].Trim();
        return (name, args.Count) switch
        {
            ("exists", 1) => new Exists(source, args[0]),
            ("count", 1) => new Count(source, args[0]),
            ("if", 3) => new If(source, args[0], args[1], args[2]),
            _ => throw Error($"the engine has no function {name}() taking {args.Count} argument(s); it knows exists(x), count(x), if(c, a, b)"),
        };
    }

    private Expression ParseString(char quote)
    {
        var start = _pos++;
        var end = _text.IndexOf(quote, _pos);
        if (end < 0) throw Error("unterminated string");
        _pos = end + 1;
        return new Literal(_text[start.._pos], _text[(start + 1)..end]);
    }

    private Expression ParseNumber()
    {
        var start = _pos;
        if (_text[_pos] == '-') _pos++;
        while (_pos < _text.Length && (char.IsAsciiDigit(_text[_pos]) || _text[_pos] == '.')) _pos++;
        var source = _text[start.._pos];
        if (!double.TryParse(source, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
            throw Error($"'{source}' is not a number");
        return new Literal(source, number);
    }

    private string? ReadIdentifier()
    {
        var start = _pos;
        while (_pos < _text.Length && (char.IsAsciiLetterOrDigit(_text[_pos]) || _text[_pos] is '_' or '$')) _pos++;
        return _pos > start && !char.IsAsciiDigit(_text[start]) ? _text[start.._pos] : null;
    }

    private int Mark()
    {
        SkipSpace();
        return _pos;
    }

    private string Since(int start) => _text[start.._pos].Trim();

    private bool Peek(char c) => _pos < _text.Length && _text[_pos] == c;

    private bool Take(string token)
    {
        SkipSpace();
        if (string.CompareOrdinal(_text, _pos, token, 0, token.Length) != 0) return false;
        // "<" must not swallow the first half of "<=", nor "!" the first half of "!=".
        if (token.Length == 1 && token is "<" or ">" or "!" && Peek(_pos + 1, '=')) return false;
        _pos += token.Length;
        return true;
    }

    private bool Peek(int at, char c) => at < _text.Length && _text[at] == c;

    private void Expect(string token)
    {
        if (!Take(token)) throw Error($"expected '{token}'");
    }

    private void SkipSpace()
    {
        while (_pos < _text.Length && char.IsWhiteSpace(_text[_pos])) _pos++;
    }

    private CardTemplateException Error(string what) =>
        new($"Cannot parse the expression '${{{_text}}}' at position {_pos}: {what}.");
}
