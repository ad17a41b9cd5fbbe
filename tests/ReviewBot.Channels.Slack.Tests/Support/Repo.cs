namespace ReviewBot.Channels.Slack.Tests.Support;

/// <summary>Where things are: the repository (found from the test binaries), its fixtures beside the tests, and the
/// shared schemas beside the repository (a checkout's <c>../shared</c>).</summary>
public static class Repo
{
    public static readonly string Root = FindRoot();

    public static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", name);

    public static IEnumerable<string> Fixtures(string pattern) => Directory.EnumerateFiles(Path.Combine(AppContext.BaseDirectory, "Fixtures"), pattern);

    public static string ManifestSchema => Path.Combine(Root, "..", "shared", "schemas", "slack", "manifest.schema.1.0.0.json");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ReviewBot.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException($"No ReviewBot.sln above {AppContext.BaseDirectory}.");
    }
}
