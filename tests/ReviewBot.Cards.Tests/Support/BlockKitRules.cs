using System.Text.Json;
using System.Text.Json.Nodes;

namespace ReviewBot.Cards.Tests.Support;

/// <summary>Slack's documented Block Kit limits, written out again independently of the engine so the tests
/// check the engine rather than repeat it. Sources: Slack's reference pages for the section, header, context,
/// actions and input blocks, the button, plain-text input, radio, checkbox and select elements, the option and
/// text objects, modal views (title/submit/close 24, private_metadata 3,000, 100 blocks) and messages (50
/// blocks).</summary>
public static class BlockKitRules
{
    public static IReadOnlyList<string> Problems(JsonNode card)
    {
        var problems = new List<string>();
        var root = card.AsObject();
        var isModal = (string?)root["type"] == "modal";
        var blocks = root["blocks"] as JsonArray;
        if (blocks is null) problems.Add("no blocks");
        else if (blocks.Count > (isModal ? 100 : 50)) problems.Add($"{blocks.Count} blocks");

        if (isModal)
        {
            foreach (var name in new[] { "title", "submit", "close" }) MaxText(problems, root[name], 24, name);
            MaxString(problems, root, "private_metadata", 3000);
            MaxString(problems, root, "callback_id", 255);
        }
        else
        {
            MaxString(problems, root, "text", 4000);
        }

        if (blocks is not null)
        {
            var blockIds = blocks.OfType<JsonObject>().Select(b => (string?)b["block_id"]).OfType<string>().ToList();
            if (blockIds.Count != blockIds.Distinct().Count()) problems.Add("block_id repeated");
        }
        Walk(problems, root, "$");
        return problems;
    }

    private static void Walk(List<string> problems, JsonNode? node, string path)
    {
        if (node is JsonArray array)
        {
            for (var i = 0; i < array.Count; i++) Walk(problems, array[i], $"{path}[{i}]");
            return;
        }
        if (node is not JsonObject obj) return;

        foreach (var (key, _) in obj)
        {
            if (key.StartsWith('$')) problems.Add($"{path}: template key {key} left in");
        }
        var type = obj["type"] is JsonValue t && t.GetValueKind() == JsonValueKind.String ? (string?)t : null;
        switch (type)
        {
            case "plain_text" or "mrkdwn":
                if ((string?)obj["text"] is not { Length: > 0 }) problems.Add($"{path}: empty text");
                MaxString(problems, obj, "text", 3000, path);
                break;
            case "section":
                MaxText(problems, obj["text"], 3000, path);
                if (obj["fields"] is JsonArray fields)
                {
                    if (fields.Count > 10) problems.Add($"{path}: {fields.Count} fields");
                    foreach (var field in fields) MaxText(problems, field, 2000, path + ".fields");
                }
                break;
            case "header":
                MaxText(problems, obj["text"], 150, path);
                if ((string?)obj["text"]?["type"] != "plain_text") problems.Add($"{path}: header text must be plain_text");
                break;
            case "context":
                MaxCount(problems, obj["elements"], 10, path);
                break;
            case "actions":
                MaxCount(problems, obj["elements"], 25, path);
                break;
            case "input":
                MaxText(problems, obj["label"], 2000, path + ".label");
                MaxText(problems, obj["hint"], 2000, path + ".hint");
                if (obj["element"] is not JsonObject) problems.Add($"{path}: input without element");
                break;
            case "button":
                MaxText(problems, obj["text"], 75, path);
                if (obj["value"] is { } value && value.GetValueKind() != JsonValueKind.String) problems.Add($"{path}: value is not a string");
                MaxString(problems, obj, "value", 2000, path);
                break;
            case "plain_text_input":
                var max = (int?)obj["max_length"] ?? 3000;
                if (max > 3000) problems.Add($"{path}: max_length {max}");
                if ((int?)obj["min_length"] > max) problems.Add($"{path}: min_length over max_length");
                if ((string?)obj["initial_value"] is { } initial && (initial.Length > max || initial.Length == 0))
                    problems.Add($"{path}: initial_value of {initial.Length}");
                break;
            case "radio_buttons" or "checkboxes":
                MaxCount(problems, obj["options"], 10, path);
                break;
            case "static_select":
                MaxCount(problems, obj["options"], 100, path);
                break;
        }
        if (obj["initial_value"] is { } initialValue && initialValue.GetValueKind() != JsonValueKind.String)
            problems.Add($"{path}: initial_value is not a string");
        MaxText(problems, obj["placeholder"], 150, path + ".placeholder");
        MaxString(problems, obj, "block_id", 255, path);
        MaxString(problems, obj, "action_id", 255, path);
        if (obj["options"] is JsonArray options)
        {
            foreach (var option in options.OfType<JsonObject>())
            {
                MaxText(problems, option["text"], 75, path + ".option");
                MaxText(problems, option["description"], 75, path + ".option");
                MaxString(problems, option, "value", 150, path + ".option");
            }
            if (obj["initial_option"] is JsonObject initial && !options.Any(o => JsonNode.DeepEquals(o, initial)))
                problems.Add($"{path}: initial_option is not one of the options");
            if (obj["initial_options"] is JsonArray initials && !initials.All(i => options.Any(o => JsonNode.DeepEquals(o, i))))
                problems.Add($"{path}: initial_options are not among the options");
        }
        foreach (var (key, child) in obj) Walk(problems, child, $"{path}.{key}");
    }

    private static void MaxText(List<string> problems, JsonNode? textObject, int max, string path)
    {
        if (textObject is JsonObject obj) MaxString(problems, obj, "text", max, path);
    }

    private static void MaxString(List<string> problems, JsonObject obj, string key, int max, string path = "$")
    {
        if (obj[key] is JsonValue v && v.GetValueKind() == JsonValueKind.String && ((string?)v)!.Length > max)
            problems.Add($"{path}.{key}: {((string?)v)!.Length} characters, over {max}");
    }

    private static void MaxCount(List<string> problems, JsonNode? array, int max, string path)
    {
        if (array is JsonArray a && a.Count > max) problems.Add($"{path}: {a.Count} items, over {max}");
    }
}
