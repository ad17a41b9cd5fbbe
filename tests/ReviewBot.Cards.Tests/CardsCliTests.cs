using System.Text.Json.Nodes;
using ReviewBot.Cards.Tests.Support;

namespace ReviewBot.Cards.Tests;

/// <summary><c>cards render NAME --data FILE [--slack]</c> prints the engine's expansion and nothing else.</summary>
public class CardsCliTests
{
    [Theory]
    [InlineData("task-rank", "task-rank.data.json", false)]
    [InlineData("task-rank", "task-rank.three-responses.data.json", false)]
    [InlineData("task-rank-form", "task-rank-form.data.json", true)]
    [InlineData("welcome", "welcome.data.json", true)]
    public void Render_prints_exactly_what_the_engine_renders(string name, string sample, bool slack)
    {
        var dataFile = Path.Combine(Repo.Cards, "samples", sample);
        var output = new StringWriter();

        CardsCli.Render(name, dataFile, slack, output);

        var data = JsonNode.Parse(File.ReadAllText(dataFile));
        var expected = slack ? TestCards.Renderer.RenderSlack(name, data) : TestCards.Renderer.RenderAdaptive(name, data);
        Assert.Equal(CardJson.ToJson(expected, indented: true), output.ToString());
    }

    [Fact]
    public void Render_says_which_data_file_it_could_not_read()
    {
        var missing = Path.Combine(Path.GetTempPath(), Guid.NewGuid() + ".json");

        var error = Assert.Throws<CardTemplateException>(() => CardsCli.Render("welcome", missing, slack: false, new StringWriter()));
        Assert.Contains(missing, error.Message);
    }
}
