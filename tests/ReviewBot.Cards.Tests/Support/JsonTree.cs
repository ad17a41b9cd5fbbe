using System.Text.Json;
using System.Text.Json.Nodes;

namespace ReviewBot.Cards.Tests.Support;

public static class JsonTree
{
    public static IEnumerable<JsonObject> Objects(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                yield return obj;
                foreach (var (_, child) in obj)
                foreach (var inner in Objects(child)) yield return inner;
                break;
            case JsonArray array:
                foreach (var item in array)
                foreach (var inner in Objects(item)) yield return inner;
                break;
        }
    }

    public static IEnumerable<string> Strings(JsonNode? node) => node switch
    {
        JsonObject obj => obj.SelectMany(p => Strings(p.Value)),
        JsonArray array => array.SelectMany(Strings),
        JsonValue value when value.GetValueKind() == JsonValueKind.String => [value.GetValue<string>()],
        _ => [],
    };

    public static IEnumerable<JsonObject> OfType(JsonNode? node, string type) =>
        Objects(node).Where(o => o["type"] is JsonValue t && t.GetValueKind() == JsonValueKind.String && (string?)t == type);
}
