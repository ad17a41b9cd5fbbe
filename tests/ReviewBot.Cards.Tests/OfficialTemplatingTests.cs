using System.Diagnostics;
using System.Text.Json.Nodes;
using ReviewBot.Cards.Tests.Support;

namespace ReviewBot.Cards.Tests;

/// <summary>Our engine against the official <c>adaptivecards-templating</c> package (run in Node): for every
/// Adaptive Card template with every sample, and with hostile data, both must give the same JSON.</summary>
public class OfficialTemplatingTests
{
    private static readonly Lazy<Dictionary<string, JsonNode>> Official = new(ExpandAllWithNode);

    [Theory]
    [MemberData(nameof(TestCards.AdaptiveSamples), MemberType = typeof(TestCards))]
    public void Our_engine_expands_every_sample_as_the_official_engine_does(string sampleFile)
    {
        var ours = TestCards.Renderer.RenderAdaptive(TestCards.TemplateOf(sampleFile), TestCards.SampleFile(sampleFile));

        AssertSameJson(Official.Value[sampleFile], ours);
    }

    [Theory]
    [MemberData(nameof(TestCards.AdaptiveTemplates), MemberType = typeof(TestCards))]
    public void Our_engine_expands_hostile_data_as_the_official_engine_does(string name)
    {
        var ours = TestCards.Renderer.RenderAdaptive(name, HostileData.For(name));

        AssertSameJson(Official.Value["hostile:" + name], ours);
    }

    private static void AssertSameJson(JsonNode official, JsonNode ours)
    {
        if (JsonNode.DeepEquals(official, ours)) return;
        var expected = CardJson.ToJson(official, indented: true).Split('\n');
        var actual = CardJson.ToJson(ours, indented: true).Split('\n');
        var line = Enumerable.Range(0, Math.Min(expected.Length, actual.Length)).FirstOrDefault(i => expected[i] != actual[i], Math.Min(expected.Length, actual.Length));
        Assert.Fail($"Differs from the official engine at line {line + 1}:\n official: {expected.ElementAtOrDefault(line)}\n ours:     {actual.ElementAtOrDefault(line)}");
    }

    /// <summary>One Node process expands every case, keyed by sample file name or "hostile:&lt;name&gt;".</summary>
    private static Dictionary<string, JsonNode> ExpandAllWithNode()
    {
        Repo.RequireNodePackage("adaptivecards-templating");
        Repo.RequireNodePackage("adaptive-expressions");

        var cases = new List<(string Key, JsonNode Template, JsonNode Data)>();
        foreach (var file in TestCards.AdaptiveSampleFiles())
        {
            var name = Path.GetFileName(file);
            cases.Add((name, Template(TestCards.TemplateOf(name)), TestCards.SampleFile(name)));
        }
        foreach (var name in TestCards.Names) cases.Add(("hostile:" + name, Template(name), HostileData.For(name)));

        var input = new JsonArray([.. cases.Select(c => new JsonObject { ["template"] = c.Template, ["data"] = c.Data })]);
        var output = RunNode(Path.Combine(AppContext.BaseDirectory, "expand.js"), input.ToJsonString());
        var expanded = JsonNode.Parse(output)!.AsArray();
        return cases.Select((c, i) => (c.Key, Node: expanded[i]!.DeepClone())).ToDictionary(c => c.Key, c => c.Node);
    }

    private static JsonNode Template(string name) => JsonNode.Parse(File.ReadAllText(Path.Combine(TestCards.Templates.Directory, name + ".json")))!;

    private static string RunNode(string script, string stdin)
    {
        var start = new ProcessStartInfo("node", [script, Repo.Root])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var node = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        var stdout = node.StandardOutput.ReadToEndAsync();
        var stderr = node.StandardError.ReadToEndAsync();
        node.StandardInput.Write(stdin);
        node.StandardInput.Close();
        Assert.True(node.WaitForExit(TimeSpan.FromMinutes(1)), "node did not finish within a minute");
        Assert.True(node.ExitCode == 0, $"node failed ({node.ExitCode}): {stderr.Result}");
        return stdout.Result;
    }
}
