using System.Text.Json.Nodes;

namespace ReviewBot.Cards.Tests.Support;

/// <summary>A throwaway <c>cards/</c> folder holding one template, to try the engine on a template of the
/// test's own.</summary>
public sealed class TemplateFolder : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), "reviewbot-cards-" + Guid.NewGuid().ToString("N"));

    public TemplateFolder(string template, bool slack = false)
    {
        Directory.CreateDirectory(Path.Combine(_path, "slack"));
        File.WriteAllText(Path.Combine(_path, slack ? "slack" : "", "t.json"), template);
    }

    public static JsonNode Render(string template, string data, bool slack = false)
    {
        using var folder = new TemplateFolder(template, slack);
        var renderer = new CardRenderer(folder.Load());
        return slack ? renderer.RenderSlack("t", JsonNode.Parse(data)) : renderer.RenderAdaptive("t", JsonNode.Parse(data));
    }

    public CardTemplates Load() => CardTemplates.Load(_path);

    public void Dispose() => Directory.Delete(_path, recursive: true);
}
