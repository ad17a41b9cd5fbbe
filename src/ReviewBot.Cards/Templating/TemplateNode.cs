using System.Text.Json.Nodes;

namespace ReviewBot.Cards.Templating;

/// <summary>One part of a compiled template. Expanding gives the JSON for that part, null for an object that
/// <c>$when</c> dropped, or an array that an enclosing array splices in (a <c>$data</c> repetition, or any array
/// value: the official engine flattens both).</summary>
internal abstract class TemplateNode
{
    public abstract JsonNode? Expand(in Scope scope);
}

/// <summary>A part with no expression in it, copied as it is.</summary>
internal sealed class LiteralNode(JsonNode? value) : TemplateNode
{
    public override JsonNode? Expand(in Scope scope) => value?.DeepClone();
}

internal sealed class StringNode(InterpolatedString text) : TemplateNode
{
    public override JsonNode? Expand(in Scope scope) => text.Evaluate(scope);
}

internal sealed class ArrayNode(TemplateNode[] items) : TemplateNode
{
    public override JsonNode? Expand(in Scope scope)
    {
        var result = new JsonArray();
        foreach (var item in items)
        {
            switch (item.Expand(scope))
            {
                case null: break;
                case JsonArray spliced:
                    var moved = spliced.ToArray();
                    spliced.Clear();
                    foreach (var node in moved) result.Add(node);
                    break;
                case var node: result.Add(node); break;
            }
        }
        return result;
    }
}

/// <summary>A JSON object, with its <c>$data</c> (a new data context, repeated per item when it is an array)
/// and <c>$when</c> (kept only when it evaluates to true).</summary>
internal sealed class ObjectNode(KeyValuePair<string, TemplateNode>[] properties, DataSource? data, InterpolatedString? when, bool dropAlways)
    : TemplateNode
{
    public override JsonNode? Expand(in Scope scope)
    {
        if (data is null) return ExpandOne(scope);

        var context = data.Evaluate(scope);
        if (context is not JsonArray items) return ExpandOne(scope with { Data = context });

        var results = new List<JsonNode>(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            if (ExpandOne(new Scope(scope.Root, Values.FromNode(items[i]), i)) is { } expanded) results.Add(expanded);
        }
        return results.Count switch
        {
            0 => null,
            1 => results[0],
            _ => new JsonArray([.. results]),
        };
    }

    private JsonNode? ExpandOne(in Scope scope)
    {
        if (dropAlways || (when is not null && !when.IsTrue(scope))) return null;
        var result = new JsonObject();
        foreach (var (name, value) in properties) result.Add(name, value.Expand(scope));
        return result;
    }
}

/// <summary>What <c>$data</c> says: an expression, or a JSON value written in the template itself.</summary>
internal sealed class DataSource(InterpolatedString? expression, JsonNode? literal)
{
    public object? Evaluate(in Scope scope) => expression is not null ? expression.EvaluateValue(scope) : Values.FromNode(literal);
}
