using System.Text.Json.Nodes;

namespace ReviewBot.Cards.Templating;

/// <summary>Where an expression is evaluated: the whole data (<c>$root</c>), the current repetition item or
/// <c>$data</c> object, and the item's position (<c>$index</c>, unbound outside a repetition).</summary>
internal readonly record struct Scope(JsonNode? Root, object? Data, int? Index);

/// <summary>A parsed expression. <c>substitute</c> is the official engine's rule for values written into the
/// card: a path that leads nowhere yields the text <c>${path}</c>; <c>$when</c> and <c>exists</c> evaluate
/// without it, so there an unbound path stays unbound.</summary>
internal abstract class Expression
{
    protected Expression(string source) => Source = source;

    /// <summary>The expression as written, used for the <c>${…}</c> written back when it cannot be bound.</summary>
    public string Source { get; }

    public abstract object? Evaluate(in Scope scope, bool substitute);
}

internal sealed class Literal(string source, object? value) : Expression(source)
{
    public override object? Evaluate(in Scope scope, bool substitute) => value;
}

internal enum PathStart { Data, Root, Index }

/// <summary>A step after the start of a path: <c>.name</c>, or <c>[expression]</c> for an array index or a
/// property name.</summary>
internal readonly record struct PathStep(string? Name, Expression? Index);

internal sealed class PathExpression(string source, PathStart start, string? firstName, PathStep[] steps) : Expression(source)
{
    public override object? Evaluate(in Scope scope, bool substitute)
    {
        var value = Resolve(scope, substitute);
        return value is Undefined && substitute ? "${" + Source + "}" : value;
    }

    private object? Resolve(in Scope scope, bool substitute)
    {
        object? current = start switch
        {
            PathStart.Root => Values.FromNode(scope.Root),
            PathStart.Index => scope.Index is int index ? (double)index : Undefined.Value,
            _ => firstName is null ? scope.Data : Member(scope.Data, firstName),
        };
        foreach (var step in steps)
        {
            if (current is Undefined) return current;
            current = step.Name is not null
                ? Member(current, step.Name)
                : Indexed(current, step.Index!.Evaluate(scope, substitute));
        }
        return current;
    }

    private static object? Member(object? target, string name) =>
        target is JsonObject obj && obj.TryGetPropertyValue(name, out var node) ? Values.FromNode(node) : Undefined.Value;

    private static object? Indexed(object? target, object? key) => (target, key) switch
    {
        (JsonArray array, double d) when d >= 0 && d < array.Count && d == Math.Floor(d) => Values.FromNode(array[(int)d]),
        (JsonObject, string name) => Member(target, name),
        _ => Undefined.Value,
    };
}

internal sealed class Not(string source, Expression operand) : Expression(source)
{
    public override object? Evaluate(in Scope scope, bool substitute) => !Values.IsTrue(operand.Evaluate(scope, substitute));
}

internal enum BinaryOperator { Equal, NotEqual, Less, LessOrEqual, Greater, GreaterOrEqual, And, Or }

internal sealed class Binary(string source, BinaryOperator op, Expression left, Expression right) : Expression(source)
{
    public override object? Evaluate(in Scope scope, bool substitute)
    {
        var l = left.Evaluate(scope, substitute);
        switch (op)
        {
            case BinaryOperator.And: return Values.IsTrue(l) && Values.IsTrue(right.Evaluate(scope, substitute));
            case BinaryOperator.Or: return Values.IsTrue(l) || Values.IsTrue(right.Evaluate(scope, substitute));
        }
        var r = right.Evaluate(scope, substitute);
        return op switch
        {
            BinaryOperator.Equal => Values.AreEqual(l, r),
            BinaryOperator.NotEqual => !Values.AreEqual(l, r),
            BinaryOperator.Less => Values.Compare(l, r) < 0,
            BinaryOperator.LessOrEqual => Values.Compare(l, r) <= 0,
            BinaryOperator.Greater => Values.Compare(l, r) > 0,
            _ => Values.Compare(l, r) >= 0,
        };
    }
}

/// <summary><c>exists(x)</c>: true when x is bound and not null. Evaluated without substitution, as the
/// official engine does, so <c>exists(missing)</c> is false rather than true for the text "${missing}".</summary>
internal sealed class Exists(string source, Expression operand) : Expression(source)
{
    public override object? Evaluate(in Scope scope, bool substitute)
    {
        try
        {
            return operand.Evaluate(scope, substitute: false) is not (null or Undefined);
        }
        catch (ExpressionException)
        {
            return false;
        }
    }
}

/// <summary><c>count(x)</c>: items in an array or UTF-16 units in a string, as JavaScript counts them.</summary>
internal sealed class Count(string source, Expression operand) : Expression(source)
{
    public override object? Evaluate(in Scope scope, bool substitute) => operand.Evaluate(scope, substitute) switch
    {
        JsonArray array => (double)array.Count,
        string s => (double)s.Length,
        _ => throw new ExpressionException($"count() needs an array or a string: {Source}"),
    };
}

/// <summary><c>if(condition, then, else)</c>, evaluating only the branch taken.</summary>
internal sealed class If(string source, Expression condition, Expression then, Expression otherwise) : Expression(source)
{
    public override object? Evaluate(in Scope scope, bool substitute) =>
        Values.IsTrue(condition.Evaluate(scope, substitute))
            ? then.Evaluate(scope, substitute)
            : otherwise.Evaluate(scope, substitute);
}
