using System.CommandLine;

namespace ReviewBot.Host.Cli;

/// <summary>The host binary's command line (System.CommandLine). With no command it runs the service, and passes
/// every argument on to ASP.NET Core (<c>--urls</c>, <c>--environment</c>, configuration keys).</summary>
public static class ReviewBotCommandLine
{
    public static RootCommand Create(string[] args)
    {
        var root = new RootCommand("ReviewBot: clinical review tasks for clinicians, in Teams, Slack and a local web chat. " +
            "With no command, runs the service.")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        root.SetAction((_, cancellationToken) => ServiceHost.RunAsync(args, cancellationToken));
        root.Subcommands.Add(AdminCommands.Import());
        root.Subcommands.Add(AdminCommands.Roster());
        root.Subcommands.Add(AdminCommands.Progress());
        root.Subcommands.Add(AdminCommands.Export());
        root.Subcommands.Add(CardsCommand.Create());
        root.Subcommands.Add(new Command("manifest", "App manifests for the chat platforms.") { ReviewBot.Channels.Slack.Manifest.SlackManifest.Command(), ReviewBot.Channels.Teams.Manifest.TeamsManifest.Command() });
        return root;
    }
}
