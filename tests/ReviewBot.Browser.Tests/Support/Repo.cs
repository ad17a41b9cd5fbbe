namespace ReviewBot.Browser.Tests.Support;

/// <summary>The repository the tests were built from, found from the test binaries.</summary>
public static class Repo
{
    public static readonly string Root = FindRoot();

    /// <summary>Screenshots for a person to look at (gitignored).</summary>
    public static string Artifacts => Path.Combine(Root, "artifacts", "web-chat");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ReviewBot.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException($"No ReviewBot.sln above {AppContext.BaseDirectory}.");
    }
}
