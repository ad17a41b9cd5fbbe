using System.Text.Json.Nodes;

namespace ReviewBot.Cards.Tests.Support;

/// <summary>The cards under test: the names DESIGN §8 promises plus <c>profile</c>, <c>harm-alert</c>, <c>export</c>, <c>task-lapsed</c> and <c>statement</c>, their
/// templates as built beside the tests, and their sample data files.</summary>
public static class TestCards
{
    public static readonly string[] Names =
    [
        "task-evaluate", "task-rank", "task-respond", "task-vignette", "task-rubric", "task-recorded",
        "welcome", "help", "status", "progress", "announcement", "reminder", "error", "profile", "harm-alert", "export", "task-lapsed", "statement",
    ];

    public static readonly string[] TaskCards = ["task-evaluate", "task-rank", "task-respond", "task-vignette", "task-rubric"];

    /// <summary>Cards with inputs the server checks, which come back with <c>errors</c> and <c>values</c>.</summary>
    public static readonly string[] FormCards = [.. TaskCards, "profile"];

    public static readonly CardTemplates Templates = CardTemplates.FromOutputDirectory();

    public static readonly CardRenderer Renderer = new(Templates);

    /// <summary>Every sample file: <c>&lt;template&gt;.data.json</c> and variants <c>&lt;template&gt;.&lt;variant&gt;.data.json</c>.</summary>
    public static IEnumerable<string> SampleFiles() =>
        Directory.EnumerateFiles(Path.Combine(Templates.Directory, "samples"), "*.data.json").Order(StringComparer.Ordinal);

    public static string TemplateOf(string sampleFile)
    {
        var name = Path.GetFileName(sampleFile)[..^".data.json".Length];
        var dot = name.IndexOf('.');
        return dot < 0 ? name : name[..dot];
    }

    public static JsonNode Sample(string template)
    {
        var file = Path.Combine(Templates.Directory, "samples", template + ".data.json");
        return JsonNode.Parse(File.ReadAllText(File.Exists(file) ? file : Path.Combine(Templates.Directory, "samples", BaseCard(template) + ".data.json")))!;
    }

    /// <summary>A Slack form is opened with the data of the card it belongs to (the skip form with any task's).</summary>
    public static string BaseCard(string slackTemplate) =>
        slackTemplate == "task-skip-form" ? "task-evaluate" : slackTemplate.EndsWith("-form", StringComparison.Ordinal) ? slackTemplate[..^"-form".Length] : slackTemplate;

    /// <summary>The card a Slack template's submissions name: a form submits as its card, while the skip form,
    /// shared by all task cards, is a card of its own.</summary>
    public static string CardOf(string slackTemplate) => slackTemplate == "task-skip-form" ? slackTemplate : BaseCard(slackTemplate);

    public static TheoryData<string> AdaptiveTemplates() => new(Names);

    public static TheoryData<string> SlackTemplates() => new(Templates.SlackNames.Order(StringComparer.Ordinal));

    /// <summary>Samples of Adaptive Card templates (the Slack forms have samples of their own too).</summary>
    public static IEnumerable<string> AdaptiveSampleFiles() => SampleFiles().Where(f => Templates.AdaptiveNames.Contains(TemplateOf(f)));

    public static TheoryData<string> AdaptiveSamples() => new(AdaptiveSampleFiles().Select(Path.GetFileName)!);

    public static JsonNode SampleFile(string fileName) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(Templates.Directory, "samples", fileName)))!;
}
