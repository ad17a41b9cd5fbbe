using System.Text.Json;
using System.Text.Json.Nodes;

namespace ReviewBot.Cards.Slack;

/// <summary>Three shorthands that keep Block Kit templates as simple as the Adaptive Card ones:
/// <list type="bullet">
/// <item>A button <c>value</c> or a view's <c>private_metadata</c> written as an object is sent as its JSON text
/// (Slack wants a string), escaped by the serializer whatever the ids hold.</item>
/// <item><c>initial_option</c> written as <c>{"value": "…"}</c> and <c>initial_options</c> written as a
/// comma-separated string of values become the matching option objects, since Slack wants an exact copy of the
/// option; with nothing matching they are left out.</item>
/// <item>An empty <c>initial_value</c> is left out, and a number (a vignette's age) is sent as text.</item>
/// </list></summary>
internal static class BlockKitShorthands
{
    /// <summary>Whether any button opens a form (its value says <c>"action": "show-form"</c>), which decides how
    /// long text is fitted (see <see cref="BlockKitLimits"/>).</summary>
    public static bool OffersForm(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                if (obj["value"] is JsonObject value && JsonText.Of(value["action"]) == "show-form") return true;
                foreach (var (_, child) in obj)
                {
                    if (OffersForm(child)) return true;
                }
                return false;
            case JsonArray array:
                foreach (var item in array)
                {
                    if (OffersForm(item)) return true;
                }
                return false;
            default:
                return false;
        }
    }

    public static void SerializeValues(JsonObject obj)
    {
        foreach (var name in (ReadOnlySpan<string>)["value", "private_metadata"])
        {
            if (obj[name] is JsonObject value) obj[name] = value.ToJsonString(CardJson.Compact);
        }
        ForEachChild(obj, SerializeValues);
    }

    public static void ResolveInitialValues(JsonObject obj)
    {
        if (obj["options"] is JsonArray options)
        {
            if (obj["initial_option"] is JsonObject initial)
            {
                var match = Find(options, JsonText.Of(initial["value"]));
                if (match is null) obj.Remove("initial_option");
                else obj["initial_option"] = match.DeepClone();
            }
            if (obj["initial_options"] is JsonValue list)
            {
                var matches = (JsonText.Of(list) ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                    .Select(value => Find(options, value)?.DeepClone())
                    .OfType<JsonNode>()
                    .ToArray();
                if (matches.Length == 0) obj.Remove("initial_options");
                else obj["initial_options"] = new JsonArray(matches);
            }
        }
        if (obj["initial_value"] is JsonValue v)
        {
            if (v.GetValueKind() == JsonValueKind.Number) obj["initial_value"] = v.ToJsonString();
            else if (JsonText.Of(v) is { Length: 0 }) obj.Remove("initial_value");
        }
        ForEachChild(obj, ResolveInitialValues);
    }

    private static JsonObject? Find(JsonArray options, string? value) =>
        value is null ? null : options.OfType<JsonObject>().FirstOrDefault(o => JsonText.Of(o["value"]) == value);

    /// <summary>Visits each object under <paramref name="obj"/>; a visit may change its own object but not
    /// <paramref name="obj"/>.</summary>
    private static void ForEachChild(JsonObject obj, Action<JsonObject> visit)
    {
        foreach (var (_, child) in obj)
        {
            if (child is JsonObject o) visit(o);
            else if (child is JsonArray a)
            {
                foreach (var item in a)
                {
                    if (item is JsonObject io) visit(io);
                }
            }
        }
    }
}
