using System.Text.Json;
using System.Text.Json.Nodes;
using ReviewBot.Cards.Tests.Support;

namespace ReviewBot.Cards.Tests;

/// <summary>DESIGN §8: every card name has an Adaptive Card template, a Block Kit template and sample data, and
/// each card says one template version everywhere it submits.</summary>
public class CardCatalogTests
{
    [Theory]
    [MemberData(nameof(TestCards.AdaptiveTemplates), MemberType = typeof(TestCards))]
    public void Every_card_has_an_adaptive_template_a_slack_template_and_a_sample(string name)
    {
        Assert.Contains(name, TestCards.Templates.AdaptiveNames);
        Assert.Contains(name, TestCards.Templates.SlackNames);
        Assert.True(File.Exists(Path.Combine(Repo.Cards, "samples", name + ".data.json")), $"cards/samples/{name}.data.json is missing");
    }

    [Fact]
    public void Every_template_in_the_cards_folder_is_in_the_catalog_the_tests_iterate()
    {
        Assert.Equal(TestCards.Names.Order(StringComparer.Ordinal), TestCards.Templates.AdaptiveNames.Order(StringComparer.Ordinal));
        Assert.All(TestCards.Templates.SlackNames, name => Assert.Contains(TestCards.BaseCard(name), TestCards.Names));
    }

    [Theory]
    [MemberData(nameof(TaskCards))]
    public void Every_task_card_has_a_slack_form(string name)
    {
        Assert.Contains(name + "-form", TestCards.Templates.SlackNames);
    }

    public static TheoryData<string> TaskCards() => new(TestCards.TaskCards);

    [Fact]
    public void Templates_in_the_output_folder_are_the_ones_in_the_repository()
    {
        foreach (var file in Directory.EnumerateFiles(Repo.Cards, "*.json", SearchOption.AllDirectories))
        {
            var copy = Path.Combine(TestCards.Templates.Directory, Path.GetRelativePath(Repo.Cards, file));
            Assert.Equal(File.ReadAllText(file), File.ReadAllText(copy));
        }
    }

    [Theory]
    [MemberData(nameof(TestCards.SlackTemplates), MemberType = typeof(TestCards))]
    public void A_card_submits_one_template_version_in_teams_and_slack(string slackTemplate)
    {
        var card = TestCards.CardOf(slackTemplate);
        var submissions = Submissions(TestCards.Renderer.RenderSlack(slackTemplate, TestCards.Sample(slackTemplate)));
        if (TestCards.Templates.AdaptiveNames.Contains(card))
            submissions = submissions.Concat(Submissions(TestCards.Renderer.RenderAdaptive(card, TestCards.Sample(card))));

        // Each submission carries the version of the card it names: the harm alert's button submits as progress.
        Assert.All(submissions, s => Assert.Equal(TestCards.Templates.Version((string)s["card"]!), (int)s["templateVersion"]!));
    }

    /// <summary>Every submission payload a card can send: Action.Submit data, and Slack button values and
    /// private_metadata (JSON text).</summary>
    public static IEnumerable<JsonObject> Submissions(JsonNode card)
    {
        foreach (var obj in JsonTree.Objects(card))
        {
            if ((string?)obj["type"] == "Action.Submit" && obj["data"] is JsonObject data) yield return data;
            if ((string?)obj["type"] == "button" && obj["value"] is JsonValue value) yield return JsonNode.Parse((string)value!)!.AsObject();
            if (obj["private_metadata"] is JsonValue meta && meta.GetValueKind() == JsonValueKind.String)
                yield return JsonNode.Parse((string)meta!)!.AsObject();
        }
    }
}
