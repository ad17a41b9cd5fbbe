using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ReviewBot.Channels.Slack.Api;
using ReviewBot.Channels.Slack.Inbound;
using ReviewBot.Channels.Slack.People;
using ReviewBot.Channels.Slack.Replies;
using ReviewBot.Channels.Slack.SocketMode;
using ReviewBot.Conversations.Chat;

namespace ReviewBot.Channels.Slack;

/// <summary>The Slack channel in the host: <c>AddSlack()</c> and <c>MapSlackEvents()</c>.</summary>
public static class SlackChannel
{
    public static IServiceCollection AddSlack(this IServiceCollection services)
    {
        services.AddOptions<SlackOptions>().BindConfiguration("Slack").ValidateOnStart();
        services.AddSingleton<IValidateOptions<SlackOptions>, SlackOptionsCheck>();
        services.AddSingleton<ChannelPacing>();
        services.AddSingleton<SlackApi>();
        services.AddSingleton<SlackPeople>();
        services.AddSingleton<DatasetFiles>();
        services.AddSingleton<SlackReplies>();
        services.AddSingleton<SlackHome>();
        services.AddSingleton<FollowUps>();
        services.AddHostedService(sp => sp.GetRequiredService<FollowUps>());
        services.AddSingleton<SlackTurn>();
        services.AddSingleton<SlackEventsEndpoint>();
        services.AddSingleton<IChannelDelivery, SlackDelivery>();
        services.AddHostedService<SocketModeConnection>();
        return services;
    }

    /// <summary><c>POST /slack/events</c>: answers 404 unless Slack:BotToken and Slack:SigningSecret are set.</summary>
    public static IEndpointRouteBuilder MapSlackEvents(this IEndpointRouteBuilder app)
    {
        app.MapPost("/slack/events", (Microsoft.AspNetCore.Http.HttpContext context, SlackEventsEndpoint endpoint) => endpoint.ReceiveAsync(context))
            .DisableAntiforgery();
        return app;
    }
}
