namespace ReviewBot.Cards.Tests.Support;

/// <summary>Where things are: the repository (found from the test binaries), its cards, the shared schemas and
/// the npm packages installed by <c>npm ci</c>.</summary>
public static class Repo
{
    public static readonly string Root = FindRoot();

    public static string Cards => Path.Combine(Root, "cards");

    public static string NodeModules => Path.Combine(Root, "node_modules");

    public static string Artifacts => Path.Combine(Root, "artifacts", "cards");

    /// <summary>The shared folder lies beside the repository (a checkout's <c>../shared</c>).</summary>
    public static string AdaptiveCardSchema => Path.Combine(Root, "..", "shared", "schemas", "adaptivecards", "adaptive-card-1.5.0.json");

    /// <summary>Fails with the command that fixes it, rather than skipping: these tests are the proof that our
    /// cards match the official packages.</summary>
    public static string RequireNodePackage(string relativePath)
    {
        var path = Path.Combine(NodeModules, relativePath);
        Assert.True(File.Exists(path) || Directory.Exists(path),
            $"{path} is missing: run `npm ci` in {Root} to install the official Adaptive Cards packages.");
        return path;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ReviewBot.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException($"No ReviewBot.sln above {AppContext.BaseDirectory}.");
    }
}
