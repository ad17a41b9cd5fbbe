using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Extensions.Logging;

namespace ReviewBot.Channels.Teams.Bot;

/// <summary>The SDK's CloudAdapter, opened for <see cref="MessagesEndpoint"/>: the request's authentication and turn
/// are the SDK's; reading the body and writing the answer are ours.</summary>
public sealed class TeamsAdapter(BotFrameworkAuthentication authentication, ILogger<TeamsAdapter> logger) : CloudAdapter(authentication, logger)
{
    /// <summary>Authenticates <paramref name="authHeader"/> for the activity (UnauthorizedAccessException when it is not
    /// valid) and runs the turn; returns the invoke response, if the activity was an invoke.</summary>
    public Task<InvokeResponse> RunAsync(string authHeader, Microsoft.Bot.Schema.Activity activity, BotCallbackHandler bot, CancellationToken cancellationToken) =>
        ProcessActivityAsync(authHeader, activity, bot, cancellationToken);
}
