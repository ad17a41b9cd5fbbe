using System.Text.Json;
using System.Text.Json.Nodes;

namespace ReviewBot.Channels.Slack.Tests.Support;

/// <summary>
/// Someone using ReviewBot in Slack, as Slack reports it: what they type in their DM with the bot, mentions and
/// <c>/review</c> commands, presses on buttons of the messages the bot posted, and modals submitted with what they
/// chose and typed. Each becomes the signed request Slack would send, in the shapes of Slack's reference pages and of
/// the fixtures.
/// </summary>
public sealed class SlackPerson(SlackService service, FakeSlack slack, string userId)
{
    private static int _sequence;
    private readonly HttpClient _client = service.CreateClient();

    public string UserId { get; } = userId;
    public string Key => "slack:" + UserId;
    /// <summary>Their DM with the bot, as the fake's conversations.open names it.</summary>
    public string Dm => "D" + UserId[1..];

    public static string NextId(string prefix) => $"{prefix}{Interlocked.Increment(ref _sequence):D6}";

    public Task<HttpResponseMessage> SayAsync(string text, string? eventId = null, int? retry = null) =>
        SendEventAsync(Message(text), eventId, retry);

    /// <summary>A <c>message.im</c> event: what they wrote in their DM with the bot.</summary>
    public JsonObject Message(string text) => new()
    {
        ["type"] = "message", ["channel"] = Dm, ["user"] = UserId, ["text"] = text, ["ts"] = Ts(), ["event_ts"] = Ts(), ["channel_type"] = "im",
    };

    /// <summary>The Events API's wrapper around an event.</summary>
    public static JsonObject Callback(JsonObject inner, string? eventId = null) => new()
    {
        ["token"] = "legacy-fixed-value", ["team_id"] = "T123", ["api_app_id"] = "A123", ["event"] = inner,
        ["type"] = "event_callback", ["event_id"] = eventId ?? NextId("Ev"), ["event_time"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
    };

    public Task<HttpResponseMessage> OpenHomeAsync() =>
        SendEventAsync(new JsonObject { ["type"] = "app_home_opened", ["user"] = UserId, ["channel"] = Dm, ["tab"] = "home", ["event_ts"] = Ts() });

    public Task<HttpResponseMessage> SendEventAsync(JsonObject inner, string? eventId = null, int? retry = null)
    {
        var request = Signed.Json(Callback(inner, eventId).ToJsonString());
        if (retry is { } attempt)
        {
            request.Headers.Add("X-Slack-Retry-Num", attempt.ToString());
            request.Headers.Add("X-Slack-Retry-Reason", "http_timeout");
        }
        return _client.SendAsync(request);
    }

    /// <summary><c>/review words</c> in <paramref name="channel"/>; returns the response_url's id.</summary>
    public async Task<string> CommandAsync(string words, string channel)
    {
        var responseId = NextId("cmd");
        var response = await _client.SendAsync(Signed.Form(
        [
            KeyValuePair.Create("token", "legacy-fixed-value"), KeyValuePair.Create("team_id", "T123"), KeyValuePair.Create("team_domain", "clinic"),
            KeyValuePair.Create("channel_id", channel), KeyValuePair.Create("channel_name", channel.StartsWith('D') ? "directmessage" : "leads"),
            KeyValuePair.Create("user_id", UserId), KeyValuePair.Create("user_name", UserId.ToLowerInvariant()),
            KeyValuePair.Create("command", "/review"), KeyValuePair.Create("text", words),
            KeyValuePair.Create("response_url", slack.ResponseUrl(responseId)), KeyValuePair.Create("trigger_id", NextId("tr.")),
        ]));
        response.EnsureSuccessStatusCode();
        return responseId;
    }

    /// <summary>Presses the button labelled <paramref name="label"/> on a message the bot posted (or updated).</summary>
    public Task<HttpResponseMessage> PressAsync(SlackCall message, string label) => _client.SendAsync(Signed.Payload(Press(message, label).ToJsonString()));

    /// <summary>The <c>block_actions</c> payload of a press on the button labelled <paramref name="label"/>.</summary>
    public JsonObject Press(SlackCall message, string label)
    {
        var blocks = message.Args["blocks"]!.AsArray();
        var (button, block) = Buttons(blocks).FirstOrDefault(b => (string?)b.Button["text"]?["text"] == label);
        Assert.True(button is not null, $"No “{label}” button on the message; it has {string.Join(", ", Buttons(blocks).Select(b => (string?)b.Button["text"]?["text"]))}.");
        var channel = message.Arg("channel")!;
        var ts = message.Arg("ts")!;
        var payload = new JsonObject
        {
            ["type"] = "block_actions",
            ["user"] = User(),
            ["api_app_id"] = "A123",
            ["token"] = "legacy-fixed-value",
            ["container"] = new JsonObject { ["type"] = "message", ["message_ts"] = ts, ["channel_id"] = channel, ["is_ephemeral"] = false },
            ["trigger_id"] = NextId("tr."),
            ["team"] = new JsonObject { ["id"] = "T123", ["domain"] = "clinic" },
            ["channel"] = new JsonObject { ["id"] = channel, ["name"] = channel.StartsWith('D') ? "directmessage" : "team" },
            ["message"] = new JsonObject { ["type"] = "message", ["ts"] = ts, ["text"] = message.Arg("text"), ["blocks"] = blocks.DeepClone() },
            ["response_url"] = slack.ResponseUrl(NextId("ba")),
            ["actions"] = new JsonArray(new JsonObject
            {
                ["action_id"] = (string?)button!["action_id"], ["block_id"] = block, ["text"] = button["text"]!.DeepClone(),
                ["value"] = (string?)button["value"], ["type"] = "button", ["action_ts"] = Ts(),
            }),
        };
        return payload;
    }

    /// <summary>Submits a modal the bot opened (a views.open call), with <paramref name="choices"/> by field; every
    /// other input keeps what the modal showed, as Slack's state does.</summary>
    public Task<HttpResponseMessage> SubmitAsync(SlackCall opened, Dictionary<string, string?> choices) =>
        _client.SendAsync(Signed.Payload(Submission(opened, choices).ToJsonString()));

    /// <summary>The <c>view_submission</c> payload of the modal with these choices.</summary>
    public JsonObject Submission(SlackCall opened, Dictionary<string, string?> choices)
    {
        var view = opened.Args["view"]!.AsObject();
        var values = new JsonObject();
        foreach (var block in view["blocks"]!.AsArray().OfType<JsonObject>().Where(b => (string?)b["type"] == "input"))
        {
            var element = block["element"]!.AsObject();
            var field = (string)block["block_id"]!;
            var value = choices.TryGetValue(field, out var chosen) ? chosen : Initial(element);
            values[field] = new JsonObject { [(string)element["action_id"]!] = State(element, value) };
        }
        var payload = new JsonObject
        {
            ["type"] = "view_submission",
            ["team"] = new JsonObject { ["id"] = "T123", ["domain"] = "clinic" },
            ["user"] = User(),
            ["api_app_id"] = "A123",
            ["token"] = "legacy-fixed-value",
            ["trigger_id"] = NextId("tr."),
            ["view"] = new JsonObject
            {
                ["id"] = "V" + NextId(""), ["team_id"] = "T123", ["type"] = "modal", ["blocks"] = view["blocks"]!.DeepClone(),
                ["private_metadata"] = (string?)view["private_metadata"], ["callback_id"] = (string?)view["callback_id"],
                ["state"] = new JsonObject { ["values"] = values }, ["hash"] = "1583638467.cd05659d", ["title"] = view["title"]?.DeepClone(),
            },
            ["response_urls"] = new JsonArray(),
        };
        return payload;
    }

    private JsonObject User() => new() { ["id"] = UserId, ["username"] = UserId.ToLowerInvariant(), ["name"] = UserId.ToLowerInvariant(), ["team_id"] = "T123" };

    private static IEnumerable<(JsonObject Button, string? Block)> Buttons(JsonArray blocks) =>
        blocks.OfType<JsonObject>().SelectMany(b => (b["elements"] as JsonArray ?? []).OfType<JsonObject>()
            .Concat(b["accessory"] is JsonObject accessory ? [accessory] : [])
            .Where(e => (string?)e["type"] == "button")
            .Select(e => (e, (string?)b["block_id"])));

    private static string? Initial(JsonObject element) =>
        (string?)element["initial_value"] ?? (string?)element["initial_option"]?["value"]
        ?? (element["initial_options"] is JsonArray options ? string.Join(',', options.Select(o => (string?)o!["value"])) : null);

    private static JsonObject State(JsonObject element, string? value)
    {
        var type = (string)element["type"]!;
        return type switch
        {
            "plain_text_input" or "number_input" => new JsonObject { ["type"] = type, ["value"] = value },
            "checkboxes" or "multi_static_select" => new JsonObject
            {
                ["type"] = type,
                ["selected_options"] = new JsonArray((value ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries)
                    .Select(v => (JsonNode)new JsonObject { ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = v }, ["value"] = v }).ToArray()),
            },
            _ => new JsonObject
            {
                ["type"] = type,
                ["selected_option"] = value is null ? null : new JsonObject { ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = value }, ["value"] = value },
            },
        };
    }

    private static string Ts() => $"{DateTimeOffset.UtcNow.ToUnixTimeSeconds()}.{Interlocked.Increment(ref _sequence):D6}";
}
