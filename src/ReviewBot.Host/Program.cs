using ReviewBot.Host.Cli;

// One binary: with no command it runs the service; with one (import, roster, progress, export, cards) it does that
// job against the same configuration and store, and exits.
return await ReviewBotCommandLine.Create(args).Parse(args).InvokeAsync();

/// <summary>Named so that in-process tests can start the service with WebApplicationFactory&lt;Program&gt;.</summary>
public partial class Program;
