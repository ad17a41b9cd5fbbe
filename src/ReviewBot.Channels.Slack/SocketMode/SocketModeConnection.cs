using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ReviewBot.Channels.Slack.Api;
using ReviewBot.Channels.Slack.Inbound;

namespace ReviewBot.Channels.Slack.SocketMode;

/// <summary>
/// Socket Mode, when Slack:AppToken is set: a team can try the bot without a public URL. The app asks Slack for a
/// WebSocket URL (apps.connections.open) and Slack sends every event, interaction and command over it as an envelope;
/// each is answered with its <c>envelope_id</c> (and, for a modal's submission, the response), through the same
/// <see cref="SlackTurn"/> as HTTP requests. The WebSocket is itself authenticated, so there is no signature. Slack
/// refreshes connections now and then (<c>disconnect</c>); the app then connects again at once, and after a failure
/// waits a little longer each time.
/// </summary>
public sealed class SocketModeConnection(IOptions<SlackOptions> options, SlackApi api, SlackTurn turn, TimeProvider clock,
    ILogger<SocketModeConnection> logger) : BackgroundService
{
    private static readonly TimeSpan LongestWait = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.UsesSocketMode)
        {
            return;
        }
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var url = await api.OpenSocketAsync(stoppingToken);
                using var socket = new ClientWebSocket();
                await socket.ConnectAsync(url, stoppingToken);
                failures = 0;
                await ServeAsync(socket, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                var wait = TimeSpan.FromSeconds(Math.Min(LongestWait.TotalSeconds, 1 << Math.Min(++failures, 5)));
                logger.LogWarning(e, "Socket Mode is not connected; trying again in {Wait}.", wait);
                await Task.Delay(wait, clock, stoppingToken);
            }
        }
    }

    private async Task ServeAsync(ClientWebSocket socket, CancellationToken stoppingToken)
    {
        using var sending = new SemaphoreSlim(1);
        while (socket.State == WebSocketState.Open && await ReceiveAsync(socket, stoppingToken) is { } message)
        {
            using var envelope = JsonDocument.Parse(message);
            var root = envelope.RootElement;
            var type = root.TryGetProperty("type", out var t) ? t.GetString() : null;
            if (type == "disconnect")
            {
                logger.LogInformation("Slack asked to reconnect Socket Mode ({Reason}).", root.TryGetProperty("reason", out var r) ? r.GetString() : "no reason");
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "reconnecting", stoppingToken);
                return;
            }
            if (type is null || !root.TryGetProperty("envelope_id", out var id) || id.GetString() is not { } envelopeId)
            {
                continue;
            }
            var payload = root.TryGetProperty("payload", out var p) ? p.Clone() : default;
            // Envelopes are answered as each is done, not in order: one slow turn must not hold up the rest.
            _ = AnswerAsync(socket, sending, envelopeId, type, payload, stoppingToken);
        }
    }

    private async Task AnswerAsync(ClientWebSocket socket, SemaphoreSlim sending, string envelopeId, string type, JsonElement payload,
        CancellationToken stoppingToken)
    {
        SlackAck ack;
        try
        {
            ack = await turn.HandleAsync(SlackRequests.FromSocket(type, payload), stoppingToken);
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            logger.LogWarning(e, "A Socket Mode envelope of type {Type} could not be read; acknowledged and ignored.", type);
            ack = SlackAck.Empty;
        }
        catch (Exception e)
        {
            // Not acknowledged: Slack sends an event again; a person sees that their action did not go through.
            logger.LogError(e, "A Socket Mode envelope of type {Type} failed.", type);
            return;
        }
        var answer = ack.Json is null
            ? JsonSerializer.Serialize(new { envelope_id = envelopeId })
            : $"{{\"envelope_id\":{JsonSerializer.Serialize(envelopeId)},\"payload\":{ack.Json}}}";
        await sending.WaitAsync(stoppingToken);
        try
        {
            await socket.SendAsync(Encoding.UTF8.GetBytes(answer), WebSocketMessageType.Text, endOfMessage: true, stoppingToken);
        }
        catch (Exception e) when (e is WebSocketException or ObjectDisposedException or OperationCanceledException)
        {
            // Slack sends an unacknowledged event again on the next connection; the event id makes it run once.
            logger.LogWarning(e, "Socket Mode closed before envelope {Envelope} was acknowledged.", envelopeId);
        }
        finally
        {
            sending.Release();
        }
    }

    /// <summary>One whole text message, however many frames it came in; null when Slack closed the socket.</summary>
    private static async Task<byte[]?> ReceiveAsync(ClientWebSocket socket, CancellationToken cancellationToken)
    {
        using var message = new MemoryStream();
        var buffer = new byte[16 * 1024];
        while (true)
        {
            var received = await socket.ReceiveAsync(buffer, cancellationToken);
            if (received.MessageType == WebSocketMessageType.Close)
            {
                return null;
            }
            message.Write(buffer, 0, received.Count);
            if (received.EndOfMessage)
            {
                return message.ToArray();
            }
        }
    }
}
