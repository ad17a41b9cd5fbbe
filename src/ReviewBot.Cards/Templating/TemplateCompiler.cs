using System.Text.Json;
using System.Text.Json.Nodes;

namespace ReviewBot.Cards.Templating;

/// <summary>Turns template JSON into <see cref="TemplateNode"/>s once, so a render only evaluates.</summary>
internal static class TemplateCompiler
{
    private static readonly HashSet<string> Reserved = ["$data", "$when", "$root", "$index", "$host", "$_acTemplateVersion"];

    /// <summary>A whole template.</summary>
    /// <param name="escapeMrkdwn">For Block Kit: values bound into the <c>text</c> of a <c>mrkdwn</c> text
    /// object, and into a message's top-level <c>text</c>, are escaped. Slack reads that top-level text as mrkdwn
    /// for the notification, so a name holding <c>&lt;!channel&gt;</c> would otherwise alert a whole channel.</param>
    public static TemplateNode CompileTemplate(JsonNode? node, bool escapeMrkdwn) =>
        node is JsonObject root ? CompileObject(root, escapeMrkdwn, escapeText: escapeMrkdwn) : Compile(node, escapeMrkdwn);

    private static TemplateNode Compile(JsonNode? node, bool escapeMrkdwn) => node switch
    {
        JsonObject obj => CompileObject(obj, escapeMrkdwn, escapeText: false),
        JsonArray array => IsPlain(array) ? new LiteralNode(Materialize(array)) : new ArrayNode([.. array.Select(item => Compile(item, escapeMrkdwn))]),
        JsonValue value when value.GetValueKind() == JsonValueKind.String &&
                             InterpolatedString.TryParse(value.GetValue<string>(), escapeMrkdwn: false) is { } text => new StringNode(text),
        _ => new LiteralNode(Materialize(node)),
    };

    private static TemplateNode CompileObject(JsonObject obj, bool escapeMrkdwn, bool escapeText)
    {
        if (IsPlain(obj)) return new LiteralNode(Materialize(obj));

        var escapesText = escapeText || (escapeMrkdwn && obj["type"] is JsonValue type && type.GetValueKind() == JsonValueKind.String &&
                                         type.GetValue<string>() == "mrkdwn");
        var properties = new List<KeyValuePair<string, TemplateNode>>();
        foreach (var (name, value) in obj)
        {
            if (Reserved.Contains(name)) continue;
            var compiled = escapesText && name == "text" && value is JsonValue text && text.GetValueKind() == JsonValueKind.String &&
                           InterpolatedString.TryParse(text.GetValue<string>(), escapeMrkdwn: true) is { } escaped
                ? new StringNode(escaped)
                : Compile(value, escapeMrkdwn);
            properties.Add(new(name, compiled));
        }

        DataSource? data = null;
        if (obj.TryGetPropertyValue("$data", out var dataNode))
        {
            data = dataNode is JsonValue dv && dv.GetValueKind() == JsonValueKind.String &&
                   InterpolatedString.TryParse(dv.GetValue<string>(), escapeMrkdwn: false) is { } expression
                ? new DataSource(expression, null)
                : new DataSource(null, dataNode?.DeepClone());
        }

        InterpolatedString? when = null;
        var dropAlways = false;
        if (obj.TryGetPropertyValue("$when", out var whenNode))
        {
            when = whenNode is JsonValue wv && wv.GetValueKind() == JsonValueKind.String
                ? InterpolatedString.TryParse(wv.GetValue<string>(), escapeMrkdwn: false)
                : null;
            // As in the official engine: a $when that is not an expression drops its object when it is truthy.
            dropAlways = when is null && IsTruthy(whenNode);
        }

        return new ObjectNode([.. properties], data, when, dropAlways);
    }

    /// <summary>Whether a part can be copied without expanding: no expression, no reserved key, and none of the
    /// things the official engine changes on the way (it drops nulls from arrays and splices nested arrays).</summary>
    private static bool IsPlain(JsonNode? node) => node switch
    {
        JsonObject obj => obj.All(p => !Reserved.Contains(p.Key) && IsPlain(p.Value)),
        JsonArray array => array.All(item => item is not null and not JsonArray && IsPlain(item)),
        JsonValue value => value.GetValueKind() != JsonValueKind.String || !value.GetValue<string>().Contains("${", StringComparison.Ordinal),
        _ => true,
    };

    /// <summary>A copy built from .NET values. Parsed nodes wrap the source text and decode it on every read and
    /// copy; literals are copied into every card and read again by the Block Kit passes, so they are decoded once
    /// here.</summary>
    private static JsonNode? Materialize(JsonNode? node) => node switch
    {
        JsonObject obj => new JsonObject(obj.Select(p => KeyValuePair.Create(p.Key, Materialize(p.Value)))),
        JsonArray array => new JsonArray([.. array.Select(Materialize)]),
        JsonValue value => Values.ToNode(Values.FromNode(value)),
        null => null,
        _ => throw new CardTemplateException($"Unexpected JSON in a template: {node}"),
    };

    private static bool IsTruthy(JsonNode? node) => node switch
    {
        null => false,
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.False => false,
            JsonValueKind.String => v.GetValue<string>().Length > 0,
            JsonValueKind.Number => v.GetValue<double>() != 0,
            _ => true,
        },
        _ => true,
    };
}
