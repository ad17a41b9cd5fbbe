using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json;

namespace ReviewBot.Channels.Teams.Bot;

/// <summary>
/// <c>POST /api/messages</c> (DESIGN §5). The SDK's CloudAdapter authenticates the request (the Bot Framework token,
/// or none when no app id is configured, as the Emulator expects) and runs the activity through <see cref="TeamsBot"/>;
/// this endpoint only reads the body with the SDK's one static serializer and writes an invoke response as the JSON
/// the bot already made. A request without a valid token gets 401 before anything reaches the core or is stored.
/// </summary>
public sealed class MessagesEndpoint(TeamsAdapter adapter, TeamsBot bot, ILogger<MessagesEndpoint> logger)
{
    public async Task ReceiveAsync(HttpContext context)
    {
        Microsoft.Bot.Schema.Activity? activity;
        try
        {
            using var reader = new StreamReader(context.Request.Body);
            activity = TeamsJson.Read<Microsoft.Bot.Schema.Activity>(await reader.ReadToEndAsync(context.RequestAborted));
        }
        catch (JsonException)
        {
            activity = null;
        }
        if (activity?.Type is null)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }
        Microsoft.Bot.Builder.InvokeResponse? invoke;
        try
        {
            invoke = await adapter.RunAsync(context.Request.Headers.Authorization.ToString(), activity, bot.OnTurnAsync, context.RequestAborted);
        }
        // The SDK says no with UnauthorizedAccessException for a missing or mismatched token, but lets IdentityModel's
        // own exceptions out for a bad signature or none: all of them are a 401, never a 500.
        catch (Exception e) when (e is UnauthorizedAccessException or Microsoft.IdentityModel.Tokens.SecurityTokenException)
        {
            logger.LogWarning("A request to /api/messages was refused: {Reason}", e.Message);
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }
        if (invoke is null)
        {
            context.Response.StatusCode = StatusCodes.Status200OK;
            return;
        }
        context.Response.StatusCode = invoke.Status;
        if (invoke.Body is not null)
        {
            context.Response.ContentType = "application/json; charset=utf-8";
            await context.Response.WriteAsync(invoke.Body is RawJson raw ? raw.Json : TeamsJson.Write(invoke.Body), context.RequestAborted);
        }
    }
}
