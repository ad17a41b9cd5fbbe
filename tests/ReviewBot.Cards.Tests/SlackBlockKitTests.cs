using System.Text.Json;
using System.Text.Json.Nodes;
using ReviewBot.Cards.Tests.Support;

namespace ReviewBot.Cards.Tests;

/// <summary>The Block Kit messages and modals Slack shows: inside Slack's limits whatever the data, with bound
/// text escaped, and a task answered with a tap in the message and a form in a modal.</summary>
public class SlackBlockKitTests
{
    [Theory]
    [MemberData(nameof(TestCards.SlackTemplates), MemberType = typeof(TestCards))]
    public void Every_slack_template_with_its_sample_stays_within_block_kit_limits(string name)
    {
        Assert.Empty(BlockKitRules.Problems(TestCards.Renderer.RenderSlack(name, TestCards.Sample(name))));
    }

    [Theory]
    [MemberData(nameof(SlackTemplatesWithEverySample))]
    public void Every_slack_template_binds_every_sample_of_its_card_within_block_kit_limits(string name, string sampleFile)
    {
        var card = TestCards.Renderer.RenderSlack(name, TestCards.SampleFile(sampleFile));

        Assert.Empty(BlockKitRules.Problems(card));
        Assert.DoesNotContain(JsonTree.Strings(card), t => t.Contains("${", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(TestCards.SlackTemplates), MemberType = typeof(TestCards))]
    public void Every_slack_template_with_hostile_data_stays_within_block_kit_limits(string name)
    {
        Assert.Empty(BlockKitRules.Problems(TestCards.Renderer.RenderSlack(name, HostileData.For(name))));
    }

    [Theory]
    [MemberData(nameof(SlackTemplatesWithText))]
    public void Hostile_text_shows_literally_and_cannot_mention_anyone(string name)
    {
        var card = TestCards.Renderer.RenderSlack(name, HostileData.For(name));
        var mrkdwn = Mrkdwn(card).ToList();

        Assert.DoesNotContain(mrkdwn, t => t.Contains("<!channel>", StringComparison.Ordinal) || t.Contains("<@U0123>", StringComparison.Ordinal));
        Assert.DoesNotContain("<!channel>", (string?)card["text"] ?? "", StringComparison.Ordinal);
        Assert.All(mrkdwn, t => Assert.DoesNotContain("&amp;amp;amp;", t));
        Assert.Contains(VisibleTexts(card), t => t.Contains(HostileData.Snippet, StringComparison.Ordinal));
        Assert.DoesNotContain(VisibleTexts(card), t => t.Contains("[object Object]", StringComparison.Ordinal));
    }

    [Fact]
    public void Values_are_escaped_for_mrkdwn_and_the_template_formatting_is_kept()
    {
        var data = TestCards.Sample("task-respond");
        data["prompt"] = "Is 5 < 6 & 7 > 2? <!channel>";
        var card = TestCards.Renderer.RenderSlack("task-respond", data);

        Assert.Contains("*Question*\nIs 5 &lt; 6 &amp; 7 &gt; 2? &lt;!channel&gt;", Mrkdwn(card));
        Assert.All(Mrkdwn(card), t => Assert.DoesNotContain("<!channel>", t));
    }

    [Fact]
    public void A_task_message_cuts_long_text_with_a_note_and_its_form_holds_all_of_it()
    {
        var data = HostileData.For("task-rank");
        var message = TestCards.Renderer.RenderSlack("task-rank", data);
        var form = TestCards.Renderer.RenderSlack("task-rank-form", data);

        var cut = JsonTree.OfType(message, "section").Select(s => (string)s["text"]!["text"]!).ToList();
        Assert.Equal(4, cut.Count);
        Assert.All(cut, t => Assert.EndsWith("…(full text in the form)", t));
        Assert.All(cut, t => Assert.True(t.Length <= 3000));

        var formText = Unescape(string.Concat(JsonTree.OfType(form, "section").Select(s => (string)s["text"]!["text"]!)));
        Assert.Contains((string)data["prompt"]!, formText);
        foreach (var response in data["responses"]!.AsArray()) Assert.Contains((string)response!["text"]!, formText);
        Assert.True(form["blocks"]!.AsArray().Count <= 100);
    }

    [Fact]
    public void Long_text_in_a_message_without_a_form_is_split_into_sections()
    {
        var data = TestCards.Sample("announcement");
        data["text"] = HostileData.Long("announcement");
        var card = TestCards.Renderer.RenderSlack("announcement", data);
        var pieces = JsonTree.OfType(card, "section").Select(s => (string?)s["text"]?["text"]).OfType<string>().ToList();

        Assert.True(pieces.Count >= 3, $"{pieces.Count} sections");
        Assert.Equal((string)data["text"]!, Unescape(string.Concat(pieces)));
        Assert.Empty(BlockKitRules.Problems(card));
    }

    [Fact]
    public void A_long_list_keeps_within_fifty_blocks_says_what_was_left_out_and_keeps_the_buttons()
    {
        var data = TestCards.Sample("status");
        data["openTasks"] = new JsonArray([.. Enumerable.Range(1, 80).Select(i => new JsonObject { ["kind"] = "Ranking", ["batchName"] = $"Batch {i}", ["due"] = "today" })]);
        var card = TestCards.Renderer.RenderSlack("status", data);
        var blocks = card["blocks"]!.AsArray();

        Assert.Equal(50, blocks.Count);
        Assert.Equal("…(35 more not shown)", (string?)blocks[^2]!["elements"]![0]!["text"]);
        Assert.Equal("Next task", (string?)blocks[^1]!["elements"]![0]!["text"]!["text"]);
    }

    [Fact]
    public void Two_responses_are_ranked_with_one_tap_that_opens_the_form_with_the_choice_made()
    {
        var data = TestCards.Sample("task-rank");
        var message = TestCards.Renderer.RenderSlack("task-rank", data);
        var buttons = JsonTree.OfType(message, "button").ToList();
        var values = buttons.Select(b => JsonNode.Parse((string)b["value"]!)!).ToList();

        Assert.Equal(["A is better", "B is better", "Tie", "Skip"], buttons.Select(b => (string)b["text"]!["text"]!));
        Assert.Equal(["A>B", "B>A", "A=B"], values.Take(3).Select(v => (string)v["ranking"]!));
        Assert.All(values.Take(3), v => Assert.Equal("task-rank-form", (string?)v["form"]));
        Assert.Equal("task-skip-form", (string?)values[3]["form"]);
        Assert.All(values, v => Assert.Equal("show-form", (string?)v["action"]));

        data["values"] = new JsonObject { ["ranking"] = "B>A" };
        var form = TestCards.Renderer.RenderSlack("task-rank-form", data);
        var ranking = form["blocks"]!.AsArray().Single(b => (string?)b!["block_id"] == "ranking")!["element"]!;
        Assert.Equal("radio_buttons", (string?)ranking["type"]);
        Assert.Equal("B>A", (string?)ranking["initial_option"]!["value"]);
        Assert.Equal("B is better", (string?)ranking["initial_option"]!["text"]!["text"]);
    }

    [Fact]
    public void Three_responses_are_ranked_in_the_form_from_every_order()
    {
        var data = TestCards.SampleFile("task-rank.three-responses.data.json");
        var message = TestCards.Renderer.RenderSlack("task-rank", data);
        var form = TestCards.Renderer.RenderSlack("task-rank-form", data);
        var ranking = form["blocks"]!.AsArray().Single(b => (string?)b!["block_id"] == "ranking")!["element"]!;

        Assert.Equal(["Rank them", "Skip"], JsonTree.OfType(message, "button").Select(b => (string)b["text"]!["text"]!));
        Assert.Equal("static_select", (string?)ranking["type"]);
        Assert.Equal(12, ranking["options"]!.AsArray().Count);
        Assert.Equal("A>C>B", (string?)ranking["initial_option"]!["value"]);
    }

    [Theory]
    [InlineData("task-evaluate-form", "accuracy,completeness,appropriateness,harm,wrongSentences,dangerousSentences,sentenceNote1,sentenceNote2,sentenceNote3,sentenceNote4,sentenceNote5,errors,omissions")]
    [InlineData("task-rank-form", "ranking,rationale,harmful")]
    [InlineData("task-respond-form", "text")]
    [InlineData("task-vignette-form", "title,age,sex,setting,history,exam,labs,question,answer")]
    [InlineData("task-rubric-form", "criterion1,points1,axis1,criterion2,points2,axis2,criterion3,points3,axis3,criterion4,points4,axis4,criterion5,points5,axis5,criterion6,points6,axis6,criterion7,points7,axis7,criterion8,points8,axis8,criterion9,points9,axis9,criterion10,points10,axis10")]
    [InlineData("task-skip-form", "skipReason,skipNote")]
    [InlineData("profile-form", "name,credential,specialties,otherSpecialties,timeZone,weeklyHours")]
    public void Form_fields_are_named_after_the_answer_fields_so_slack_errors_land_beside_them(string form, string fields)
    {
        var card = TestCards.Renderer.RenderSlack(form, TestCards.Sample(form));
        var inputs = JsonTree.OfType(card, "input").ToList();

        Assert.Equal(fields.Split(','), inputs.Select(i => (string)i["block_id"]!));
        Assert.All(inputs, i => Assert.Equal((string?)i["block_id"], (string?)i["element"]!["action_id"]));
    }

    [Theory]
    [InlineData("task-evaluate-form", "task-evaluate", "submit")]
    [InlineData("task-rank-form", "task-rank", "submit")]
    [InlineData("task-respond-form", "task-respond", "submit")]
    [InlineData("task-vignette-form", "task-vignette", "submit")]
    [InlineData("task-skip-form", "task-skip-form", "skip")]
    [InlineData("profile-form", "profile", "submit")]
    public void A_form_carries_the_card_action_ids_and_template_version_in_its_private_metadata(string form, string card, string action)
    {
        var data = TestCards.Sample(form);
        var metadata = JsonNode.Parse((string)TestCards.Renderer.RenderSlack(form, data)["private_metadata"]!)!;

        Assert.Equal(card, (string?)metadata["card"]);
        Assert.Equal(action, (string?)metadata["action"]);
        Assert.Equal((string?)data["batchId"], (string?)metadata["batchId"]);
        Assert.Equal((string?)data["taskId"], (string?)metadata["taskId"]);
        Assert.Equal((string?)data["assignmentId"], (string?)metadata["assignmentId"]);
        Assert.Equal(TestCards.Templates.Version(card), (int)metadata["templateVersion"]!);
    }

    [Fact]
    public void What_was_typed_comes_back_into_the_form()
    {
        var data = TestCards.Sample("task-evaluate");
        data["values"] = new JsonObject { ["accuracy"] = "4", ["harm"] = "potential", ["errors"] = "Dose is wrong" };
        var form = TestCards.Renderer.RenderSlack("task-evaluate-form", data);
        JsonNode Element(string field) => form["blocks"]!.AsArray().Single(b => (string?)b!["block_id"] == field)!["element"]!;

        Assert.Equal("4 · Minor inaccuracies", (string?)Element("accuracy")["initial_option"]!["text"]!["text"]);
        Assert.Equal("potential", (string?)Element("harm")["initial_option"]!["value"]);
        Assert.Equal("Dose is wrong", (string?)Element("errors")["initial_value"]);
        Assert.Null(Element("completeness")["initial_option"]);
        Assert.Null(Element("omissions")["initial_value"]);
    }

    [Fact]
    public void The_profile_message_shows_the_profile_and_opens_its_form_filled_in()
    {
        var data = TestCards.Sample("profile");
        var message = TestCards.Renderer.RenderSlack("profile", data);
        var button = Assert.Single(JsonTree.OfType(message, "button"));
        var value = JsonNode.Parse((string)button["value"]!)!;

        Assert.Equal("Edit profile", (string?)button["text"]!["text"]);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"card":"profile","action":"show-form","form":"profile-form","templateVersion":1}"""), value));
        Assert.Contains("*Credential*\nMD", Mrkdwn(message));
        Assert.Contains("*Hours a week*\n10", Mrkdwn(message));
        Assert.Contains(Mrkdwn(message), t => t.Contains("A new credential or specialty stays pending until a lead verifies it.", StringComparison.Ordinal));

        var form = TestCards.Renderer.RenderSlack("profile-form", data);
        JsonNode Element(string field) => form["blocks"]!.AsArray().Single(b => (string?)b!["block_id"] == field)!["element"]!;
        Assert.Equal("MD — Doctor of Medicine", (string?)Element("credential")["initial_option"]!["text"]!["text"]);
        Assert.Equal(7, Element("credential")["options"]!.AsArray().Count);
        Assert.Equal("Dr. Amara Osei", (string?)Element("name")["initial_value"]);
        Assert.Equal(120, (int)Element("name")["max_length"]!);
        Assert.Equal("Europe/London", (string?)Element("timeZone")["initial_value"]);
        Assert.Equal("number_input", (string?)Element("weeklyHours")["type"]);
        Assert.Equal("10", (string?)Element("weeklyHours")["initial_value"]);
        Assert.Equal(("1", "80"), ((string?)Element("weeklyHours")["min_value"], (string?)Element("weeklyHours")["max_value"]));
    }

    [Fact]
    public void The_profile_form_puts_back_what_was_typed_and_a_new_profile_starts_empty()
    {
        var typed = TestCards.Renderer.RenderSlack("profile-form", TestCards.SampleFile("profile.errors.data.json"));
        var fresh = TestCards.Renderer.RenderSlack("profile-form", TestCards.SampleFile("profile.new.data.json"));
        JsonNode Element(JsonNode form, string field) => form["blocks"]!.AsArray().Single(b => (string?)b!["block_id"] == field)!["element"]!;

        Assert.Equal("GMT Standard Time", (string?)Element(typed, "timeZone")["initial_value"]);
        Assert.Equal("90", (string?)Element(typed, "weeklyHours")["initial_value"]);
        Assert.Null(Element(fresh, "credential")["initial_option"]);
        Assert.Null(Element(fresh, "specialties")["initial_value"]);
        Assert.Null(Element(fresh, "weeklyHours")["initial_value"]);
        Assert.Contains("*Credential*\nNot set", Mrkdwn(TestCards.Renderer.RenderSlack("profile", TestCards.SampleFile("profile.new.data.json"))));
    }

    [Fact]
    public void A_harm_alert_quotes_the_question_each_passage_and_the_note_and_links_to_progress()
    {
        var data = TestCards.Sample("harm-alert");
        var card = TestCards.Renderer.RenderSlack("harm-alert", data);
        var mrkdwn = Mrkdwn(card).ToList();

        Assert.Equal(":warning: Severe harm", (string?)card["blocks"]![0]!["text"]!["text"]);
        Assert.Contains("*Task*\nt7", mrkdwn);
        Assert.Contains("*Assignment*\ncardio-nov:41", mrkdwn);
        Assert.Contains("*Model answer*\n" + (string)data["passages"]![0]!["text"]!, mrkdwn);
        Assert.Contains(mrkdwn, t => t.StartsWith("*Reviewer's note*\nCiprofloxacin", StringComparison.Ordinal));
        var button = Assert.Single(JsonTree.OfType(card, "button"));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"card":"harm-alert","action":"progress","batchId":"cardio-nov","templateVersion":1}"""), JsonNode.Parse((string)button["value"]!)));
    }

    [Fact]
    public void Progress_lists_the_slowest_reviewers_only_when_sent()
    {
        var full = TestCards.Renderer.RenderSlack("progress", TestCards.Sample("progress"));
        var minimal = TestCards.Renderer.RenderSlack("progress", TestCards.SampleFile("progress.minimal.data.json"));

        Assert.Contains("*Slowest reviewers*", Mrkdwn(full));
        Assert.Contains("Dr. Jonas Becker · 11 min 40 s median over 6", Mrkdwn(full));
        Assert.Contains("*Harm flags*\n2 (1 severe)", Mrkdwn(full));
        Assert.DoesNotContain(Mrkdwn(minimal), t => t.Contains("Slowest", StringComparison.Ordinal) || t.Contains("Harm flags", StringComparison.Ordinal));
    }

    [Fact]
    public void A_name_in_a_message_notification_text_cannot_mention_anyone()
    {
        var data = TestCards.Sample("welcome");
        data["name"] = "<!channel> & co";
        var card = TestCards.Renderer.RenderSlack("welcome", data);

        Assert.Equal("Welcome to ReviewBot, &lt;!channel&gt; &amp; co", (string?)card["text"]);
    }

    [Fact]
    public void Ids_too_long_for_a_button_fail_loudly_rather_than_being_cut()
    {
        var data = TestCards.Sample("task-respond");
        data["assignmentId"] = new string('x', 2100);

        var error = Assert.Throws<CardTemplateException>(() => TestCards.Renderer.RenderSlack("task-respond", data));
        Assert.Contains("'value'", error.Message);
    }

    [Fact]
    public void The_limit_check_catches_what_slack_would_refuse()
    {
        var tooManyBlocks = new JsonObject { ["blocks"] = new JsonArray([.. Enumerable.Range(0, 51).Select(_ => new JsonObject { ["type"] = "divider" })]) };
        var longButton = JsonNode.Parse($$"""{"blocks":[{"type":"actions","elements":[{"type":"button","text":{"type":"plain_text","text":"{{new string('b', 76)}}"},"value":"x"}]}]}""")!;
        var strayInitialOption = JsonNode.Parse("""{"blocks":[{"type":"input","label":{"type":"plain_text","text":"L"},"element":{"type":"radio_buttons","options":[{"text":{"type":"plain_text","text":"A"},"value":"a"}],"initial_option":{"value":"a"}}}]}""")!;
        var leftoverTemplate = JsonNode.Parse("""{"blocks":[{"type":"divider","$when":"${x}"}]}""")!;

        Assert.NotEmpty(BlockKitRules.Problems(tooManyBlocks));
        Assert.NotEmpty(BlockKitRules.Problems(longButton));
        Assert.NotEmpty(BlockKitRules.Problems(strayInitialOption));
        Assert.NotEmpty(BlockKitRules.Problems(leftoverTemplate));
    }

    /// <summary>Each Slack template with every sample of its card (a form with its card's samples and its own).</summary>
    public static TheoryData<string, string> SlackTemplatesWithEverySample()
    {
        var cases = new TheoryData<string, string>();
        foreach (var name in TestCards.Templates.SlackNames.Order(StringComparer.Ordinal))
        foreach (var file in TestCards.SampleFiles().Select(Path.GetFileName))
        {
            var sampleOf = TestCards.TemplateOf(file!);
            if (sampleOf == name || sampleOf == TestCards.BaseCard(name)) cases.Add(name, file!);
        }
        return cases;
    }

    public static TheoryData<string> SlackTemplatesWithText() => new(TestCards.Templates.SlackNames.Where(n => n != "help").Order(StringComparer.Ordinal));

    private static IEnumerable<string> Mrkdwn(JsonNode card) =>
        JsonTree.OfType(card, "mrkdwn").Select(t => (string)t["text"]!);

    /// <summary>What a person can end up seeing: plain text as it is, mrkdwn unescaped, what a form puts in its
    /// inputs, and the ids inside button values and private_metadata as the server reads them back.</summary>
    private static IEnumerable<string> VisibleTexts(JsonNode card)
    {
        foreach (var obj in JsonTree.Objects(card))
        {
            var type = obj["type"] is JsonValue t && t.GetValueKind() == JsonValueKind.String ? (string?)t : null;
            if (type == "mrkdwn") yield return Unescape((string)obj["text"]!);
            if (type == "plain_text") yield return (string)obj["text"]!;
            if (obj["initial_value"] is JsonValue initial && initial.GetValueKind() == JsonValueKind.String) yield return (string)initial!;
            foreach (var key in new[] { "value", "private_metadata" })
            {
                if (obj[key] is JsonValue v && v.GetValueKind() == JsonValueKind.String && ((string)v!).StartsWith('{'))
                    foreach (var s in JsonTree.Strings(JsonNode.Parse((string)v!))) yield return s;
            }
        }
    }

    private static string Unescape(string mrkdwn) =>
        mrkdwn.Replace("&lt;", "<", StringComparison.Ordinal).Replace("&gt;", ">", StringComparison.Ordinal).Replace("&amp;", "&", StringComparison.Ordinal);
}
