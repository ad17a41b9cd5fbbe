using Microsoft.Extensions.Options;
using ReviewBot.Channels.Slack;
using ReviewBot.Channels.Teams;
using ReviewBot.Host.Admin;
using ReviewBot.Host.Chat;
using ReviewBot.Host.Scheduling;
using ReviewBot.Host.Demo;
using ReviewBot.Host.Downloads;
using ReviewBot.Host.Observability;
using ReviewBot.Host.WebChat;

namespace ReviewBot.Host;

/// <summary>The web service: a table of contents of what it answers to (DESIGN §5).</summary>
public static class ServiceHost
{
    public static async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddReviewBot();
        builder.Services.AddAdminAccess();
        builder.Services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull;
            json.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter());
        });
        builder.Services.AddProblemDetails();
        builder.Services.AddConversations();
        builder.Services.AddReviewBotScheduling(builder.Configuration);
        builder.Services.AddWebChat();
        builder.Services.AddSlack();
        builder.Services.AddTeams();
        builder.Services.AddHostedService<DemoData>();

        var app = builder.Build();
        app.UseExceptionHandler();
        app.MapHealthAndMetrics();
        app.MapBatchesApi();
        app.MapReviewersApi();
        app.MapWorkApi();
        app.MapQualityApi();
        app.MapDownloads();
        app.MapScheduleApi();
        app.MapStatementsApi();
        app.MapWebChat();
        app.MapSlackEvents();
        app.MapTeamsMessages();
        app.Lifetime.ApplicationStarted.Register(() => ListeningBanner.Print(app));

        try
        {
            await app.RunAsync(cancellationToken);
            return 0;
        }
        catch (OptionsValidationException invalid)
        {
            // The host has logged the stack trace; the last thing printed should be what to change.
            Console.Error.WriteLine("ReviewBot did not start: " + string.Join(" ", invalid.Failures));
            return 1;
        }
    }
}
