using System.Text.Json;
using System.Text.Json.Nodes;

namespace ReviewBot.Channels.Slack.Tests.Support;

/// <summary>
/// Slack's documented limits for what the bot sends, written out here independently of the renderer, so that the
/// check is on the traffic itself (Slack's reference pages for messages, modals and Home views, and the blocks,
/// elements and composition objects used), and a check that text from data arrives inert: in mrkdwn, Slack turns
/// <c>&lt;!channel&gt;</c>, <c>&lt;@U…&gt;</c> and <c>&lt;url|label&gt;</c> into pings and links, so none may arrive
/// unescaped, and task text is marked verbatim.
/// </summary>
public static class BlockKitChecks
{
    /// <summary>Links the bot means to send: the batch's guidelines and its own download links.</summary>
    public static readonly string[] TrustedLinks = ["<https://example.org/g|", "<https://reviewbot.test/"];

    /// <summary>The messages and views in one captured call, by where Slack takes them.</summary>
    public static IEnumerable<(string What, JsonObject Surface)> Surfaces(SlackCall call) => call.Method switch
    {
        "chat.postMessage" or "chat.update" or "chat.postEphemeral" or "response_url" => [(call.Method, call.Args)],
        "views.open" or "views.update" or "views.publish" => [(call.Method, call.Args["view"]!.AsObject())],
        _ => [],
    };

    public static IEnumerable<string> Problems(SlackCall call) =>
        Surfaces(call).SelectMany(s => Problems(s.Surface).Select(p => $"{s.What}: {p}"));

    public static IReadOnlyList<string> Problems(JsonObject surface)
    {
        var problems = new List<string>();
        var type = (string?)surface["type"];
        var blocks = surface["blocks"] as JsonArray ?? [];
        if (blocks.Count > (type is "modal" or "home" ? 100 : 50)) problems.Add($"{blocks.Count} blocks");
        if (type == "modal")
        {
            foreach (var name in new[] { "title", "submit", "close" }) Max(problems, surface[name]?["text"], 24, name);
            Max(problems, surface["private_metadata"], 3000, "private_metadata");
        }
        else if (type != "home")
        {
            Max(problems, surface["text"], 4000, "text");
            Inert(problems, surface["text"], "text");
        }
        var ids = blocks.OfType<JsonObject>().Select(b => (string?)b["block_id"]).OfType<string>().ToList();
        if (ids.Count != ids.Distinct().Count()) problems.Add("a block_id is used twice");
        Walk(problems, blocks, "blocks");
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
        switch ((string?)obj["type"])
        {
            case "mrkdwn":
                Max(problems, obj["text"], 3000, path);
                Inert(problems, obj["text"], path);
                break;
            case "plain_text":
                Max(problems, obj["text"], 3000, path);
                break;
            case "section":
                Max(problems, obj["text"]?["text"], 3000, path);
                if (obj["fields"] is JsonArray fields)
                {
                    if (fields.Count > 10) problems.Add($"{path}: {fields.Count} fields");
                    foreach (var field in fields) Max(problems, field?["text"], 2000, path + ".fields");
                }
                break;
            case "header":
                Max(problems, obj["text"]?["text"], 150, path);
                break;
            case "context":
                if (obj["elements"] is JsonArray { Count: > 10 }) problems.Add($"{path}: over 10 elements");
                break;
            case "actions":
                if (obj["elements"] is JsonArray { Count: > 25 }) problems.Add($"{path}: over 25 elements");
                break;
            case "button":
                Max(problems, obj["text"]?["text"], 75, path);
                Max(problems, obj["value"], 2000, path + ".value");
                break;
            case "input":
                Max(problems, obj["label"]?["text"], 2000, path + ".label");
                Max(problems, obj["hint"]?["text"], 2000, path + ".hint");
                break;
            case "plain_text_input":
                if ((int?)obj["max_length"] > 3000) problems.Add($"{path}: max_length over 3000");
                break;
            case "radio_buttons" or "checkboxes":
                if (obj["options"] is JsonArray { Count: > 10 }) problems.Add($"{path}: over 10 options");
                break;
            case "static_select":
                if (obj["options"] is JsonArray { Count: > 100 }) problems.Add($"{path}: over 100 options");
                break;
        }
        Max(problems, obj["placeholder"]?["text"], 150, path + ".placeholder");
        Max(problems, obj["block_id"], 255, path + ".block_id");
        Max(problems, obj["action_id"], 255, path + ".action_id");
        foreach (var option in (obj["options"] as JsonArray ?? []).OfType<JsonObject>())
        {
            Max(problems, option["text"]?["text"], 75, path + ".option");
            Max(problems, option["value"], 150, path + ".option.value");
        }
        foreach (var (key, child) in obj) Walk(problems, child, $"{path}.{key}");
    }

    private static void Max(List<string> problems, JsonNode? text, int max, string path)
    {
        if (text is JsonValue value && value.GetValueKind() == JsonValueKind.String && ((string)value!).Length > max)
            problems.Add($"{path}: {((string)value!).Length} characters, over {max}");
    }

    private static void Inert(List<string> problems, JsonNode? text, string path)
    {
        if (text is JsonValue value && value.GetValueKind() == JsonValueKind.String
            && ((string)value!).Split('<').Skip(1).Any(after => after.StartsWith('!') || after.StartsWith('@') || after.StartsWith('#')
                || (after.StartsWith("http") && !TrustedLinks.Any(link => ("<" + after).StartsWith(link, StringComparison.Ordinal)))))
            problems.Add($"{path}: live mrkdwn control sequence in “{(string)value!}”");
    }
}
