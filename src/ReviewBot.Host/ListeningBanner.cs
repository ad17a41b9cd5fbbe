using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using ReviewBot.Host.WebChat;

namespace ReviewBot.Host;

/// <summary>The last line the service prints as it starts: where to go next. It stands in for the framework's own
/// "Now listening on" lines, which are turned down in appsettings.json so that this one stays last.</summary>
internal static class ListeningBanner
{
    public static void Print(WebApplication app)
    {
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        if (address is null)
        {
            return;
        }
        var webChat = !app.Services.GetRequiredService<IOptions<WebChatOptions>>().Value.IsOnIn(app.Environment) ? ""
            : WebChatOptions.IsLocalOnlyIn(app.Environment)
                ? $" — open {address}/ in a browser on this machine: the web chat answers callers on this machine only"
                : $" — open {address}/ in a browser";
        Console.WriteLine($"ReviewBot is running ({app.Environment.EnvironmentName}). Admin API: {address}/api/batches{webChat}.");
    }
}
