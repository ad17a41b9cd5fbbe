using System.Text.Json;
using System.Text.Json.Nodes;
using ReviewBot.Cards.Templating;

namespace ReviewBot.Cards;

/// <summary>The card templates of one <c>cards/</c> folder (DESIGN §8): <c>&lt;name&gt;.json</c> for Adaptive
/// Cards, <c>slack/&lt;name&gt;.json</c> for Block Kit. All are parsed and compiled when loaded, so a broken
/// template stops the host at start, not a clinician's card later.</summary>
public sealed class CardTemplates
{
    private readonly Dictionary<string, Template> _adaptive;
    private readonly Dictionary<string, Template> _slack;
    private readonly Dictionary<string, int> _versions;

    private CardTemplates(string directory, Dictionary<string, Template> adaptive, Dictionary<string, Template> slack,
        Dictionary<string, int> versions)
    {
        Directory = directory;
        _adaptive = adaptive;
        _slack = slack;
        _versions = versions;
    }

    public string Directory { get; }

    public IReadOnlyCollection<string> AdaptiveNames => _adaptive.Keys;

    /// <summary>Block Kit templates: one message per card name, plus the modal forms (<c>task-rank-form</c>, …).</summary>
    public IReadOnlyCollection<string> SlackNames => _slack.Keys;

    public static CardTemplates Load(string directory)
    {
        if (!System.IO.Directory.Exists(directory))
            throw new CardTemplateException($"No card templates at '{directory}'.");
        var adaptive = LoadFolder(directory, escapeMrkdwn: false, out var adaptiveJson);
        var slack = LoadFolder(Path.Combine(directory, "slack"), escapeMrkdwn: true, out var slackJson);

        var versions = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (name, json) in slackJson.Concat(adaptiveJson))
        {
            if (FindVersion(json) is int version) versions[name] = version;
        }
        return new CardTemplates(Path.GetFullPath(directory), adaptive, slack, versions);
    }

    /// <summary>The templates copied beside the running binaries (see the Cards project file).</summary>
    public static CardTemplates FromOutputDirectory() => Load(Path.Combine(AppContext.BaseDirectory, "cards"));

    /// <summary>The working tree's <c>cards/</c> when run inside the repository, so an edited template shows
    /// without a rebuild; otherwise the copy beside the binaries.</summary>
    public static CardTemplates Locate()
    {
        for (var dir = new DirectoryInfo(Environment.CurrentDirectory); dir is not null; dir = dir.Parent)
        {
            var cards = Path.Combine(dir.FullName, "cards");
            if (File.Exists(Path.Combine(dir.FullName, "ReviewBot.sln")) && System.IO.Directory.Exists(cards)) return Load(cards);
        }
        return FromOutputDirectory();
    }

    /// <summary>The <c>templateVersion</c> every submission of this card carries. It is written in the
    /// template's own submit data and raised whenever a template changes what it submits, so the core can tell
    /// an answer from an older card apart.</summary>
    public int Version(string name) =>
        _versions.TryGetValue(name, out var version) ? version : throw Unknown(name, _versions.Keys);

    internal Template Adaptive(string name) => _adaptive.TryGetValue(name, out var t) ? t : throw Unknown(name, _adaptive.Keys);

    internal Template Slack(string name) => _slack.TryGetValue(name, out var t) ? t : throw Unknown(name, _slack.Keys);

    private static Dictionary<string, Template> LoadFolder(string folder, bool escapeMrkdwn, out Dictionary<string, JsonNode> json)
    {
        var templates = new Dictionary<string, Template>(StringComparer.Ordinal);
        json = new Dictionary<string, JsonNode>(StringComparer.Ordinal);
        if (!System.IO.Directory.Exists(folder)) return templates;
        foreach (var file in System.IO.Directory.EnumerateFiles(folder, "*.json").Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileNameWithoutExtension(file);
            JsonNode node;
            try
            {
                node = JsonNode.Parse(File.ReadAllText(file)) ?? throw new CardTemplateException($"Template '{file}' is empty.");
            }
            catch (JsonException e)
            {
                throw new CardTemplateException($"Template '{file}' is not valid JSON: {e.Message}");
            }
            templates[name] = Template.Compile(name, node, escapeMrkdwn);
            json[name] = node;
        }
        return templates;
    }

    private static int? FindVersion(JsonNode? node) => node switch
    {
        JsonObject obj when obj["templateVersion"] is JsonValue v && v.GetValueKind() == JsonValueKind.Number => v.GetValue<int>(),
        JsonObject obj => obj.Select(p => FindVersion(p.Value)).FirstOrDefault(v => v is not null),
        JsonArray array => array.Select(FindVersion).FirstOrDefault(v => v is not null),
        _ => null,
    };

    private static CardTemplateException Unknown(string name, IEnumerable<string> known) =>
        new($"No card template named '{name}'. Known: {string.Join(", ", known.Order(StringComparer.Ordinal))}.");
}
