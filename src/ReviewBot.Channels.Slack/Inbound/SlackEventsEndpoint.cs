using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ReviewBot.Channels.Slack.Inbound;

/// <summary>
/// <c>POST /slack/events</c>, one URL for everything Slack sends, as Bolt does: Events API, interactivity and the
/// <c>/review</c> command. The signature is checked on the raw body before anything is read from it; a request that
/// fails it gets 401 and touches nothing.
/// </summary>
public sealed class SlackEventsEndpoint(IOptions<SlackOptions> options, TimeProvider clock, SlackTurn turn, IHostApplicationLifetime lifetime,
    ILogger<SlackEventsEndpoint> logger)
{
    /// <summary>Slack's payloads are a few kilobytes; a modal with long texts stays well under this.</summary>
    private const int MaxBody = 1 << 20;

    private readonly RequestSignature? _signature = options.Value.TakesRequests ? new RequestSignature(options.Value.SigningSecret!, clock) : null;

    public async Task ReceiveAsync(HttpContext context)
    {
        if (_signature is null)
        {
            await Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Slack is not configured here",
                detail: "Set Slack:BotToken and Slack:SigningSecret to take requests from Slack.").ExecuteAsync(context);
            return;
        }
        var request = context.Request;
        if (request.ContentLength > MaxBody)
        {
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            return;
        }
        var body = await ReadAsync(request);
        if (body is null)
        {
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            return;
        }
        if (!_signature.IsValid(body, request.Headers["X-Slack-Request-Timestamp"], request.Headers["X-Slack-Signature"]))
        {
            logger.LogWarning("A request to /slack/events failed the signature check and was refused.");
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }
        SlackRequest slack;
        try
        {
            slack = SlackRequests.FromHttp(request.ContentType, body);
        }
        catch (Exception e) when (e is FormatException or System.Text.Json.JsonException)
        {
            await Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Not a Slack request", detail: e.Message).ExecuteAsync(context);
            return;
        }
        if (request.Headers["X-Slack-Retry-Num"] is [{ } retry, ..])
        {
            logger.LogInformation("Slack retried a request (attempt {Retry}, {Reason}).", retry, request.Headers["X-Slack-Retry-Reason"].ToString());
        }
        var ack = await turn.HandleAsync(slack, lifetime.ApplicationStopping);
        context.Response.StatusCode = StatusCodes.Status200OK;
        if (ack.Json is { } json)
        {
            context.Response.ContentType = "application/json; charset=utf-8";
            await context.Response.WriteAsync(json);
        }
    }

    private static async Task<byte[]?> ReadAsync(HttpRequest request)
    {
        using var buffer = new MemoryStream(request.ContentLength is { } length ? (int)length : 4096);
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk)) > 0)
        {
            if (buffer.Length + read > MaxBody)
            {
                return null;
            }
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }
}
