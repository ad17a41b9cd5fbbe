using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using ReviewBot.Channels.Slack.Tests.Support;

namespace ReviewBot.Channels.Slack.Tests;

/// <summary>Socket Mode (Slack:AppToken set): no public URL; the bot opens a WebSocket from apps.connections.open,
/// Slack sends envelopes over it and each is acknowledged by its envelope_id, against a loopback fake server.</summary>
public sealed class SocketModeTests : IAsyncLifetime
{
    private FakeSlack _slack = null!;
    private SlackService _service = null!;
    private SlackPerson _amara = null!;

    public async Task InitializeAsync()
    {
        _slack = await FakeSlack.StartAsync();
        _service = new SlackService(_slack, settings: new() { ["Slack:AppToken"] = "xapp-1-test", ["Slack:SigningSecret"] = "" });
        _amara = new SlackPerson(_service, _slack, Clinic.Amara);
        await _service.ImportAsync(Clinic.Roster, Clinic.Batch("socket"));
    }

    public async Task DisposeAsync()
    {
        await _service.DisposeAsync();
        await _slack.DisposeAsync();
    }

    [Fact]
    public async Task Envelopes_are_acknowledged_by_envelope_id_and_a_whole_ranking_is_answered_over_the_socket()
    {
        var socket = await _slack.SocketAsync();
        Assert.Single(_slack.Of("apps.connections.open"));
        await SendAsync(socket, new JsonObject { ["type"] = "hello", ["num_connections"] = 1 });

        await SendAsync(socket, Envelope("e-next", "events_api", SlackPerson.Callback(_amara.Message("next"))));
        Assert.Equal("""{"envelope_id":"e-next"}""", await ReceiveAsync(socket));
        var task = await _slack.WaitForAsync(c => c.Method == "chat.postMessage" && c.Arg("channel") == _amara.Dm, "the task");

        await SendAsync(socket, Envelope("e-press", "interactive", _amara.Press(task, "B is better")));
        Assert.Equal("""{"envelope_id":"e-press"}""", await ReceiveAsync(socket));
        var form = await _slack.WaitForAsync(c => c.Method == "views.open", "the modal");

        await SendAsync(socket, Envelope("e-short", "interactive", _amara.Submission(form, new() { ["rationale"] = "B." })));
        var refused = JsonNode.Parse(await ReceiveAsync(socket))!;
        Assert.Equal("e-short", (string?)refused["envelope_id"]);
        Assert.Equal("errors", (string?)refused["payload"]!["response_action"]);
        Assert.NotNull(refused["payload"]!["errors"]!["rationale"]);

        await SendAsync(socket, Envelope("e-submit", "interactive", _amara.Submission(form, new() { ["rationale"] = "B covers the red flags; A does not." })));
        Assert.Equal("""{"envelope_id":"e-submit"}""", await ReceiveAsync(socket));
        var recorded = await _slack.WaitForAsync(c => c.Method == "chat.update" && c.Arg("ts") == task.Arg("ts"), "the message updated");
        Assert.StartsWith("Answer recorded", recorded.Arg("text"));
    }

    [Fact]
    public async Task A_slash_command_comes_as_an_envelope_too()
    {
        var socket = await _slack.SocketAsync();
        await SendAsync(socket, Envelope("e-command", "slash_commands", new JsonObject
        {
            ["token"] = "legacy-fixed-value", ["team_id"] = "T123", ["channel_id"] = SlackService.TeamChannel, ["channel_name"] = "team",
            ["user_id"] = Clinic.Amara, ["user_name"] = "amara", ["command"] = "/review", ["text"] = "help",
            ["response_url"] = _slack.ResponseUrl("socket-command"), ["trigger_id"] = "tr.socket.1",
        }));

        Assert.Equal("""{"envelope_id":"e-command"}""", await ReceiveAsync(socket));
        var help = await _slack.WaitForAsync(c => c.Method == "response_url" && c.Arg("response_url") == "socket-command", "the help card");
        Assert.Equal("ephemeral", help.Arg("response_type"));
    }

    [Fact]
    public async Task When_slack_asks_to_reconnect_the_bot_opens_a_new_connection()
    {
        var first = await _slack.SocketAsync();
        await SendAsync(first, new JsonObject { ["type"] = "disconnect", ["reason"] = "refresh_requested" });

        var second = await _slack.SocketAsync(2);
        Assert.Equal(2, _slack.Of("apps.connections.open").Count());
        await SendAsync(second, Envelope("e-after", "events_api", SlackPerson.Callback(_amara.Message("help"))));
        Assert.Equal("""{"envelope_id":"e-after"}""", await ReceiveAsync(second));
    }

    [Fact]
    public async Task Without_a_signing_secret_there_is_no_public_url()
    {
        var response = await _service.CreateClient().SendAsync(Signed.Json(SlackPerson.Callback(_amara.Message("help")).ToJsonString()));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private static JsonObject Envelope(string id, string type, JsonObject payload) => new()
    {
        ["envelope_id"] = id, ["type"] = type, ["payload"] = payload, ["accepts_response_payload"] = type != "events_api", ["retry_attempt"] = 0, ["retry_reason"] = "",
    };

    private static Task SendAsync(WebSocket socket, JsonObject message) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(message.ToJsonString()), WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);

    private static async Task<string> ReceiveAsync(WebSocket socket)
    {
        var buffer = new byte[64 * 1024];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var received = await socket.ReceiveAsync(buffer, timeout.Token);
        return Encoding.UTF8.GetString(buffer, 0, received.Count);
    }
}
