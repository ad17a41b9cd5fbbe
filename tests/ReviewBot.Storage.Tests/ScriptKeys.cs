using System.Text.RegularExpressions;

namespace ReviewBot.Storage.Tests;

/// <summary>Every key a Lua script touches is passed to it in KEYS, never built inside it: Redis Cluster routes a
/// script by its declared keys, and Garnet's <c>--lua-transaction-mode</c> locks exactly those keys while the script
/// runs, so a key the script builds itself is open to another connection's script halfway through.</summary>
public sealed partial class ScriptKeys
{
    private static readonly string Root = FindRoot();

    public static TheoryData<string> Scripts() =>
    [
        .. Directory.GetFiles(Path.Combine(Root, "src"), "*.lua", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(Root, path))
            .Where(path => !path.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"))
            .Order(),
    ];

    [Theory]
    [MemberData(nameof(Scripts))]
    public void Every_key_a_script_touches_is_one_of_its_KEYS(string script)
    {
        var calls = RedisCall().Matches(File.ReadAllText(Path.Combine(Root, script)));

        Assert.NotEmpty(calls);
        // KEYS[i] is a loop over the declared keys (claim-task.lua reads a seen set per merged person id).
        Assert.All(calls, call => Assert.Matches(@"^KEYS\[(\d+|i)\]$", call.Groups["key"].Value));
    }

    /// <summary>A command and its first argument, which is the key for every command the scripts use.</summary>
    [GeneratedRegex(@"redis\.p?call\(\s*['""](?<command>\w+)['""]\s*,\s*(?<key>[^,)]+?)\s*[,)]")]
    private static partial Regex RedisCall();

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
