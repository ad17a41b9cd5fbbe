using System.Text.Json.Nodes;
using ReviewBot.Cards.Tests.Support;

namespace ReviewBot.Cards.Tests;

/// <summary>The template engine on templates written here, one rule at a time. The same rules are checked
/// against the official engine on every real template in <see cref="OfficialTemplatingTests"/>.</summary>
public class TemplateEngineTests
{
    [Fact]
    public void A_value_is_bound_but_never_evaluated()
    {
        var card = TemplateFolder.Render("""{"a":"${x}","b":"said: ${x}"}""", """{"x":"${$root} ${y} <!channel> \"q\" \\ ","y":"no"}""");

        Assert.Equal("""${$root} ${y} <!channel> "q" \ """, (string?)card["a"]);
        Assert.Equal("""said: ${$root} ${y} <!channel> "q" \ """, (string?)card["b"]);
    }

    [Fact]
    public void A_string_that_is_one_expression_keeps_the_value_type()
    {
        var card = TemplateFolder.Render(
            """{"n":"${n}","b":"${b}","o":"${o}","a":"${a}","s":"${n} items"}""",
            """{"n":4,"b":true,"o":{"k":"v"},"a":[1,"x"]}""");

        Assert.Equal(4, (int)card["n"]!);
        Assert.True((bool)card["b"]!);
        Assert.Equal("v", (string?)card["o"]!["k"]);
        Assert.Equal(2, card["a"]!.AsArray().Count);
        Assert.Equal("4 items", (string?)card["s"]);
    }

    [Fact]
    public void Data_built_in_code_binds_like_parsed_json()
    {
        using var folder = new TemplateFolder("""{"n":"${n}","t":"${n} at ${d}"}""");
        var data = new JsonObject { ["n"] = 45, ["d"] = JsonValue.Create(new DateOnly(2026, 12, 1)) };

        var card = new CardRenderer(folder.Load()).RenderAdaptive("t", data);

        Assert.Equal(45, (int)card["n"]!);
        Assert.Equal("45 at 2026-12-01", (string?)card["t"]);
    }

    [Fact]
    public void Data_given_as_a_json_element_renders_the_same_card()
    {
        var data = TestCards.Sample("task-rank");
        using var document = System.Text.Json.JsonDocument.Parse(data.ToJsonString());

        Assert.True(JsonNode.DeepEquals(TestCards.Renderer.RenderAdaptive("task-rank", data), TestCards.Renderer.RenderAdaptive("task-rank", document.RootElement)));
        Assert.True(JsonNode.DeepEquals(TestCards.Renderer.RenderSlack("task-rank", data), TestCards.Renderer.RenderSlack("task-rank", document.RootElement)));
    }

    [Fact]
    public void A_path_that_leads_nowhere_is_written_back_as_the_official_engine_does()
    {
        var card = TemplateFolder.Render("""{"a":"${missing}","b":"x ${values.rationale} y","c":"${if(exists(values.rationale), values.rationale, '')}"}""", "{}");

        Assert.Equal("${missing}", (string?)card["a"]);
        Assert.Equal("x ${values.rationale} y", (string?)card["b"]);
        Assert.Equal("", (string?)card["c"]);
    }

    [Fact]
    public void Data_repeats_an_object_per_item_with_its_index_and_the_root_in_reach()
    {
        var card = TemplateFolder.Render(
            """{"items":[{"type":"head"},{"$data":"${list}","t":"${$index}:${name}:${$root.top}"},{"type":"tail"}]}""",
            """{"list":[{"name":"a"},{"name":"b"}],"top":"T"}""");

        Assert.Equal(["head", "0:a:T", "1:b:T", "tail"],
            card["items"]!.AsArray().Select(i => (string?)i!["t"] ?? (string)i!["type"]!));
    }

    [Fact]
    public void When_keeps_an_object_only_if_its_expression_is_true()
    {
        var card = TemplateFolder.Render(
            """{"items":[{"$when":"${show}","k":1},{"$when":"${!show}","k":2},{"$when":"${name}","k":3},{"$when":"${count(list) == 2 && list[1] > 1}","k":4},{"$when":"${missing.x == 'a' || exists(nope)}","k":5}]}""",
            """{"show":true,"name":"a string is not true","list":[1,2]}""");

        Assert.Equal([1, 4], card["items"]!.AsArray().Select(i => (int)i!["k"]!));
    }

    [Fact]
    public void Text_bound_into_slack_mrkdwn_is_escaped_and_the_template_text_is_not()
    {
        var card = TemplateFolder.Render(
            """{"blocks":[{"type":"section","text":{"type":"mrkdwn","text":"*Q* <${url}|link> ${x}"}},{"type":"section","text":{"type":"plain_text","text":"${x}"}}]}""",
            """{"url":"https://a.example/?b=1&c=2","x":"<!channel> & <b>"}""", slack: true);

        Assert.Equal("*Q* <https://a.example/?b=1&amp;c=2|link> &lt;!channel&gt; &amp; &lt;b&gt;", (string?)card["blocks"]![0]!["text"]!["text"]);
        Assert.Equal("<!channel> & <b>", (string?)card["blocks"]![1]!["text"]!["text"]);
    }

    [Fact]
    public void Adaptive_cards_are_not_escaped_for_slack()
    {
        var card = TemplateFolder.Render("""{"type":"mrkdwn","text":"${x}"}""", """{"x":"a & b"}""");

        Assert.Equal("a & b", (string?)card["text"]);
    }

    [Theory]
    [InlineData("""{"a":"${upper(x)}"}""", "no function upper()")]
    [InlineData("""{"a":"${x + 1}"}""", "unexpected text")]
    [InlineData("""{"a":"`${x}`"}""", "backtick")]
    [InlineData("""{"a":"\\${x}"}""", "backslash")]
    [InlineData("""{"a":"${$host.x}"}""", "unknown name '$host'")]
    public void What_the_engine_cannot_do_is_refused_when_the_templates_load(string template, string reason)
    {
        using var folder = new TemplateFolder(template);

        var error = Assert.Throws<CardTemplateException>(folder.Load);
        Assert.Contains("'t'", error.Message);
        Assert.Contains(reason, error.Message);
    }

    [Fact]
    public void A_preview_ends_at_a_word_and_never_splits_an_emoji()
    {
        var text = string.Concat(Enumerable.Repeat("Dose 5 mg 💊 twice daily, review in a week. ", 20));

        var preview = CardText.Preview(text, 100);

        Assert.True(preview.Length <= 100);
        Assert.EndsWith("…", preview);
        Assert.StartsWith(preview[..^1], text);
        Assert.False(char.IsWhiteSpace(preview[^2]));
        Assert.Equal(" ", text.Substring(preview.Length - 1, 1));
        Assert.Equal("short", CardText.Preview("short"));
    }

    [Fact]
    public void An_unknown_card_name_is_refused_with_the_names_that_exist()
    {
        var error = Assert.Throws<CardTemplateException>(() => TestCards.Renderer.RenderAdaptive("task-rnak", new JsonObject()));

        Assert.Contains("task-rank", error.Message);
    }
}
