using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json.Linq;

namespace ReviewBot.Bench;

/// <summary>
/// The peer of the Teams benchmark: the Bot Framework SDK's echo bot as its samples write it, the SDK's defaults and
/// nothing of ours: <c>CloudAdapter.ProcessAsync</c> over <c>ConfigurationBotFrameworkAuthentication</c>, an
/// ActivityHandler that echoes a message back through the connector, and answers a Universal Action with a one-line
/// card. Run as its own process (<c>ReviewBot.Bench teams-echo-peer PORT</c>).
/// </summary>
internal static class TeamsEchoPeer
{
    public static async Task RunAsync(int port)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var authentication = new ConfigurationBotFrameworkAuthentication(app.Configuration);
        var adapter = new CloudAdapter(authentication, app.Services.GetRequiredService<ILoggerFactory>().CreateLogger<CloudAdapter>());
        var bot = new EchoBot();
        app.MapPost("/api/messages", (HttpRequest request, HttpResponse response) => adapter.ProcessAsync(request, response, bot));
        await app.StartAsync();
        Console.WriteLine("listening");
        await app.WaitForShutdownAsync();
    }

    private sealed class EchoBot : ActivityHandler
    {
        protected override Task OnMessageActivityAsync(ITurnContext<IMessageActivity> turnContext, CancellationToken cancellationToken) =>
            turnContext.SendActivityAsync(MessageFactory.Text("Echo: " + turnContext.Activity.Text), cancellationToken);

        protected override Task<AdaptiveCardInvokeResponse> OnAdaptiveCardInvokeAsync(ITurnContext<IInvokeActivity> turnContext,
            AdaptiveCardInvokeValue invokeValue, CancellationToken cancellationToken) =>
            Task.FromResult(new AdaptiveCardInvokeResponse
            {
                StatusCode = 200,
                Type = "application/vnd.microsoft.card.adaptive",
                Value = new JObject
                {
                    ["type"] = "AdaptiveCard", ["version"] = "1.5",
                    ["body"] = new JArray(new JObject { ["type"] = "TextBlock", ["text"] = "Echo: " + invokeValue.Action.Verb }),
                },
            });
    }
}
