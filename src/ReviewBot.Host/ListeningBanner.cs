using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace ReviewBot.Host;

/// <summary>The last line the service prints as it starts: where to go next. It stands in for the framework's own
/// "Now listening on" lines, which are turned down in appsettings.json so that this one stays last.</summary>
internal static class ListeningBanner
{
    public static void Print(WebApplication app)
    {
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        if (address is not null)
        {
            Console.WriteLine($"ReviewBot is running ({app.Environment.EnvironmentName}). Admin API: {address}/api/batches — open {address}/ in a browser.");
        }
    }
}
