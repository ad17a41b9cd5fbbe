using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ReviewBot.Channels.Teams.Bot;
using ReviewBot.Channels.Teams.People;
using ReviewBot.Channels.Teams.Replies;
using ReviewBot.Channels.Teams.Sending;
using ReviewBot.Conversations.Chat;

namespace ReviewBot.Channels.Teams;

/// <summary>The Teams channel in the host: <c>AddTeams()</c> and <c>MapTeamsMessages()</c>. It reads the Bot
/// Framework's own settings (DESIGN §6): <c>MicrosoftAppType</c>, <c>MicrosoftAppId</c>, <c>MicrosoftAppPassword</c>,
/// <c>MicrosoftAppTenantId</c>; with no app id, requests are not authenticated (the Emulator).</summary>
public static class TeamsChannel
{
    public static IServiceCollection AddTeams(this IServiceCollection services)
    {
        // Factories: dependency injection finds CloudAdapter's two constructors ambiguous (DESIGN §13).
        services.AddSingleton(sp =>
        {
            var configuration = sp.GetRequiredService<IConfiguration>();
            // A ServiceClientCredentialsFactory in the container (a certificate, a managed identity) replaces the
            // password from MicrosoftAppPassword for the bot's own calls to Teams.
            var sdk = new ConfigurationBotFrameworkAuthentication(configuration, sp.GetService<ServiceClientCredentialsFactory>(),
                logger: sp.GetRequiredService<ILoggerFactory>().CreateLogger<ConfigurationBotFrameworkAuthentication>());
            return new CachedBotAuthentication(sdk, configuration["MicrosoftAppId"]);
        });
        services.AddSingleton<BotFrameworkAuthentication>(sp => sp.GetRequiredService<CachedBotAuthentication>());
        services.AddSingleton(sp => new TeamsAdapter(sp.GetRequiredService<BotFrameworkAuthentication>(), sp.GetRequiredService<ILogger<TeamsAdapter>>()));
        services.AddSingleton<TeamsPeople>();
        services.AddSingleton<TeamsCards>();
        services.AddSingleton<TeamsReplies>();
        services.AddSingleton<TeamsSender>();
        services.AddSingleton<TeamsBot>();
        services.AddSingleton<MessagesEndpoint>();
        services.AddSingleton<IChannelDelivery, TeamsDelivery>();
        return services;
    }

    /// <summary><c>POST /api/messages</c>, for Teams and the Bot Framework Emulator.</summary>
    public static IEndpointRouteBuilder MapTeamsMessages(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/messages", (HttpContext context, MessagesEndpoint endpoint) => endpoint.ReceiveAsync(context)).DisableAntiforgery();
        return app;
    }
}
