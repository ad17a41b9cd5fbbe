using System.Text.Json.Nodes;
using ReviewBot.Cards.Tests.Support;

namespace ReviewBot.Cards.Tests;

/// <summary>The Adaptive Cards Teams and the web chat show: valid against the official 1.5 schema whatever the
/// data, and built for a clinician answering on a phone.</summary>
public class AdaptiveCardTests
{
    [Theory]
    [MemberData(nameof(TestCards.AdaptiveSamples), MemberType = typeof(TestCards))]
    public void Every_template_with_its_sample_is_a_valid_adaptive_card_1_5(string sampleFile)
    {
        var card = TestCards.Renderer.RenderAdaptive(TestCards.TemplateOf(sampleFile), TestCards.SampleFile(sampleFile));

        Assert.Empty(AdaptiveCardSchema.Problems(card));
        Assert.True(JsonNode.DeepEquals(card, JsonNode.Parse(CardJson.ToJson(card))));
        Assert.DoesNotContain(JsonTree.Strings(card), t => t.Contains("${", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(TestCards.AdaptiveTemplates), MemberType = typeof(TestCards))]
    public void Every_template_with_hostile_data_is_a_valid_adaptive_card_1_5(string name)
    {
        var card = TestCards.Renderer.RenderAdaptive(name, HostileData.For(name));

        Assert.Empty(AdaptiveCardSchema.Problems(card));
        Assert.True(JsonNode.DeepEquals(card, JsonNode.Parse(CardJson.ToJson(card))));
    }

    [Theory]
    [MemberData(nameof(CardsWithText))]
    public void Hostile_text_appears_literally(string name)
    {
        var data = HostileData.For(name);
        var texts = JsonTree.Strings(TestCards.Renderer.RenderAdaptive(name, data)).ToList();

        Assert.Contains(texts, t => t.Contains(HostileData.Snippet, StringComparison.Ordinal));
        // A long response under evaluation is shown as its numbered sentences (each whole, checked here), not a
        // second time as written: that would take the card past Teams' 28 KB.
        var shownAsSentences = data["sentences"] is not null ? (string?)data["response"] : null;
        foreach (var longText in JsonTree.Strings(data).Where(s => s.Length >= HostileData.LongLength && s != shownAsSentences))
            Assert.Contains(longText, texts);
        Assert.DoesNotContain(texts, t => t.Contains("[object Object]", StringComparison.Ordinal));
    }

    [Fact]
    public void The_schema_check_refuses_what_the_official_schema_refuses()
    {
        var unknownProperty = JsonNode.Parse("""{"type":"AdaptiveCard","version":"1.5","body":[{"type":"TextBlock","text":"x","colour":"red"}]}""")!;
        var stringFallback = JsonNode.Parse("""{"type":"AdaptiveCard","version":"1.5","actions":[{"type":"Action.Submit","title":"x","fallback":"Action.Submit"}]}""")!;
        var noVersion = JsonNode.Parse("""{"type":"AdaptiveCard","body":[]}""")!;

        Assert.NotEmpty(AdaptiveCardSchema.Problems(unknownProperty));
        Assert.NotEmpty(AdaptiveCardSchema.Problems(stringFallback));
        Assert.NotEmpty(AdaptiveCardSchema.Problems(noVersion));
    }

    [Theory]
    [MemberData(nameof(TaskCards))]
    public void Every_submit_carries_the_card_action_ids_and_template_version(string name)
    {
        var data = TestCards.Sample(name);
        var submissions = CardCatalogTests.Submissions(TestCards.Renderer.RenderAdaptive(name, data)).ToList();

        // Submit and three skip reasons; the rubric card's Add button submits too.
        Assert.Equal(name == "task-rubric" ? 5 : 4, submissions.Count);
        Assert.All(submissions, s =>
        {
            Assert.Equal(name, (string?)s["card"]);
            Assert.Equal((string?)data["batchId"], (string?)s["batchId"]);
            Assert.Equal((string?)data["taskId"], (string?)s["taskId"]);
            Assert.Equal((string?)data["assignmentId"], (string?)s["assignmentId"]);
            Assert.Equal(TestCards.Templates.Version(name), (int)s["templateVersion"]!);
        });
        Assert.Single(submissions, s => (string?)s["action"] == "submit");
        Assert.Equal(["content-problem", "outside-expertise", "unclear"],
            submissions.Where(s => (string?)s["action"] == "skip").Select(s => (string)s["skipReason"]!).Order());
    }

    [Fact]
    public void Skipping_does_not_wait_for_the_required_answer_fields()
    {
        var card = TestCards.Renderer.RenderAdaptive("task-rank", TestCards.Sample("task-rank"));
        var skips = JsonTree.OfType(card, "Action.Submit").Where(a => (string?)a["data"]!["action"] == "skip").ToList();

        Assert.Equal(3, skips.Count);
        Assert.All(skips, a => Assert.Equal("none", (string?)a["associatedInputs"]));
    }

    [Theory]
    [InlineData("task-evaluate", "wrongSentences,dangerousSentences,sentenceNote1,sentenceNote2,sentenceNote3,sentenceNote4,sentenceNote5,accuracy,completeness,appropriateness,harm,errors,omissions")]
    [InlineData("task-rank", "ranking,rationale,harmful")]
    [InlineData("task-respond", "text")]
    [InlineData("task-vignette", "title,age,sex,setting,history,exam,labs,question,answer")]
    [InlineData("task-rubric", "criterion,points,axis")]
    [InlineData("profile", "name,credential,specialties,otherSpecialties,timeZone,weeklyHours")]
    public void Inputs_are_named_after_the_answer_fields(string name, string fields)
    {
        var card = TestCards.Renderer.RenderAdaptive(name, TestCards.Sample(name));
        var ids = JsonTree.Objects(card).Where(o => ((string?)o["type"])?.StartsWith("Input.", StringComparison.Ordinal) == true)
            .Select(o => (string)o["id"]!);

        Assert.Equal(fields.Split(','), ids);
    }

    [Fact]
    public void Harm_choices_say_what_each_level_means()
    {
        var card = TestCards.Renderer.RenderAdaptive("task-evaluate", TestCards.Sample("task-evaluate"));
        var harm = Input(card, "harm");
        var choices = harm["choices"]!.AsArray().ToDictionary(c => (string)c!["value"]!, c => (string)c!["title"]!);

        Assert.Equal("expanded", (string?)harm["style"]);
        Assert.Equal(["none", "suboptimal", "potential", "severe"], choices.Keys);
        Assert.Equal("No harm", choices["none"]);
        Assert.Equal("Wrong, but harmless", choices["suboptimal"]);
        Assert.Equal("Could hurt a patient", choices["potential"]);
        Assert.Equal("Could seriously hurt a patient", choices["severe"]);
    }

    [Fact]
    public void Ranking_two_responses_takes_one_tap_a_reason_and_submit()
    {
        var card = TestCards.Renderer.RenderAdaptive("task-rank", TestCards.Sample("task-rank"));
        var ranking = Input(card, "ranking");
        var rationale = Input(card, "rationale");

        Assert.Equal("expanded", (string?)ranking["style"]);
        Assert.Equal(["A>B", "B>A", "A=B"], ranking["choices"]!.AsArray().Select(c => (string)c!["value"]!));
        Assert.Equal(["A is better", "B is better", "About the same (tie)"], ranking["choices"]!.AsArray().Select(c => (string)c!["title"]!));
        Assert.Contains("10–2,000 characters", (string?)rationale["placeholder"]);
        Assert.True((bool)Input(card, "harmful")["isMultiSelect"]!);
        Assert.Equal("Submit", (string?)JsonTree.OfType(card, "Action.Submit").Single(a => (string?)a["data"]!["action"] == "submit")["title"]);
    }

    [Fact]
    public void Ranking_three_responses_offers_every_order_with_ties_between_two()
    {
        var card = TestCards.Renderer.RenderAdaptive("task-rank", TestCards.SampleFile("task-rank.three-responses.data.json"));
        var values = Input(card, "ranking")["choices"]!.AsArray().Select(c => (string)c!["value"]!).ToList();

        Assert.Equal(12, values.Distinct().Count());
        Assert.Equal(6, values.Count(v => !v.Contains('=')));
        Assert.All(values, v =>
        {
            Assert.Equal(["A", "B", "C"], v.Split('>', '=').Order());
            Assert.True(v.Count(c => c == '=') <= 1);
        });
        Assert.Contains("A=B>C", values);
        Assert.Contains("A>B=C", values);
        Assert.Equal(["A", "B", "C"], Input(card, "harmful")["choices"]!.AsArray().Select(c => (string)c!["value"]!));
    }

    [Fact]
    public void Field_errors_show_under_their_field_and_what_was_typed_is_kept()
    {
        var data = TestCards.SampleFile("task-rank.three-responses.data.json");
        var card = TestCards.Renderer.RenderAdaptive("task-rank", data);
        var body = card["body"]!.AsArray();
        var rationaleAt = body.IndexOf(body.First(e => (string?)e!["id"] == "rationale"));
        var below = body[rationaleAt + 1]!;

        Assert.Equal((string?)data["errors"]!["rationale"], (string?)below["text"]);
        Assert.Equal("attention", (string?)below["color"]);
        Assert.Equal((string?)data["values"]!["rationale"], (string?)Input(card, "rationale")["value"]);
        Assert.Equal("A>C>B", (string?)Input(card, "ranking")["value"]);
        Assert.Contains(JsonTree.OfType(card, "Container"), c => (string?)c["style"] == "attention");
        Assert.Single(JsonTree.OfType(card, "TextBlock"), t => (string?)t["color"] == "attention");
    }

    [Fact]
    public void A_fresh_task_card_shows_no_errors_and_empty_fields()
    {
        var card = TestCards.Renderer.RenderAdaptive("task-evaluate", TestCards.Sample("task-evaluate"));

        Assert.DoesNotContain(JsonTree.OfType(card, "TextBlock"), t => (string?)t["color"] == "attention");
        Assert.All(JsonTree.Objects(card).Where(o => o["id"] is not null && ((string)o["type"]!).StartsWith("Input.", StringComparison.Ordinal)),
            input => Assert.Equal("", (string?)input["value"]));
    }

    [Fact]
    public void Long_responses_are_collapsed_behind_show_full_response_and_short_ones_are_not()
    {
        var data = TestCards.Sample("task-rank");
        var card = TestCards.Renderer.RenderAdaptive("task-rank", data);
        var toggles = JsonTree.OfType(card, "Action.ToggleVisibility").Where(t => (string?)t["title"] == "Show full response").ToList();
        var preview = JsonTree.Objects(card).Single(o => (string?)o["id"] == "r0-short");
        var full = JsonTree.Objects(card).Single(o => (string?)o["id"] == "r0-full");

        Assert.True(((string)data["responses"]![0]!["text"]!).Length > 400);
        Assert.True(((string)data["responses"]![1]!["text"]!).Length <= 400);
        Assert.Single(toggles);
        Assert.Equal(["r0-short", "r0-full", "r0-more", "r0-less"], toggles[0]["targetElements"]!.AsArray().Select(t => (string)t!));
        Assert.Equal(6, (int)preview["maxLines"]!);
        Assert.False((bool)full["isVisible"]!);
    }

    [Fact]
    public void With_previews_three_long_responses_fit_in_a_teams_card()
    {
        var data = TestCards.Sample("task-rank");
        data["responses"] = new JsonArray([.. "ABC".Select(id => new JsonObject { ["id"] = $"{id}", ["text"] = HostileData.Long($"response-{id}", 6000) })]);
        var without = System.Text.Encoding.UTF8.GetByteCount(CardJson.ToJson(TestCards.Renderer.RenderAdaptive("task-rank", data)));
        foreach (var response in data["responses"]!.AsArray()) response!["preview"] = CardText.Preview((string)response["text"]!);
        var card = TestCards.Renderer.RenderAdaptive("task-rank", data);

        Assert.True(without > TeamsCardLimit, $"{without} bytes without previews");
        Assert.True(System.Text.Encoding.UTF8.GetByteCount(CardJson.ToJson(card)) < TeamsCardLimit);
        Assert.Equal(CardText.Preview((string)data["responses"]![0]!["text"]!), (string?)JsonTree.Objects(card).Single(o => (string?)o["id"] == "r0-short")["text"]);
        Assert.Equal((string?)data["responses"]![0]!["text"], (string?)JsonTree.Objects(card).Single(o => (string?)o["id"] == "r0-full")["text"]);
    }

    [Fact]
    public void Task_recorded_offers_the_next_task_when_there_is_one()
    {
        var data = TestCards.Sample("task-recorded");
        var withNext = TestCards.Renderer.RenderAdaptive("task-recorded", data);
        data["nextAvailable"] = false;
        var without = TestCards.Renderer.RenderAdaptive("task-recorded", data);

        Assert.Equal("next", (string?)Assert.Single(withNext["actions"]!.AsArray())!["data"]!["action"]);
        Assert.Empty(without["actions"]!.AsArray());
        Assert.Contains(JsonTree.Strings(without), t => t.StartsWith("No more tasks", StringComparison.Ordinal));
    }

    [Fact]
    public void The_profile_shows_the_current_profile_and_submits_as_the_profile_card()
    {
        var data = TestCards.Sample("profile");
        var card = TestCards.Renderer.RenderAdaptive("profile", data);

        Assert.Equal("Dr. Amara Osei", (string?)Input(card, "name")["value"]);
        Assert.Equal("MD", (string?)Input(card, "credential")["value"]);
        Assert.Equal("cardiology,internal-medicine", (string?)Input(card, "specialties")["value"]);
        Assert.Equal("Europe/London", (string?)Input(card, "timeZone")["value"]);
        Assert.Equal(10, (int)Input(card, "weeklyHours")["value"]!);
        Assert.Contains("up to 120 characters", (string?)Input(card, "name")["label"]);
        Assert.DoesNotContain("Amara", (string?)Input(card, "name")["placeholder"]);
        Assert.Equal("1–80", (string?)Input(card, "weeklyHours")["placeholder"]);
        Assert.DoesNotContain(JsonTree.OfType(card, "Container"), c => (string?)c["style"] is "attention" or "warning");

        var submit = Assert.Single(CardCatalogTests.Submissions(card));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"card":"profile","action":"submit","templateVersion":1}"""), submit));
    }

    [Fact]
    public void The_profile_offers_each_credential_by_name_and_says_a_new_one_waits_for_a_lead()
    {
        var card = TestCards.Renderer.RenderAdaptive("profile", TestCards.Sample("profile"));
        var credential = Input(card, "credential");
        var choices = credential["choices"]!.AsArray().ToDictionary(c => (string)c!["value"]!, c => (string)c!["title"]!);

        Assert.Equal("compact", (string?)credential["style"]);
        Assert.Equal(["MD", "DO", "NP", "PA", "RN", "PharmD", "PhD"], choices.Keys);
        Assert.Equal("MD — Doctor of Medicine", choices["MD"]);
        Assert.Equal("PharmD — Doctor of Pharmacy", choices["PharmD"]);
        Assert.Contains("A new credential or specialty stays pending until a lead verifies it.", JsonTree.Strings(card));
    }

    [Fact]
    public void Specialties_are_chosen_from_the_list_the_data_offers_with_the_current_ones_ticked()
    {
        var card = TestCards.Renderer.RenderAdaptive("profile", TestCards.Sample("profile"));
        var specialties = Input(card, "specialties");

        Assert.Equal("Input.ChoiceSet", (string?)specialties["type"]);
        Assert.True((bool)specialties["isMultiSelect"]!);
        Assert.Equal(["cardiology", "emergency-medicine", "internal-medicine", "pediatrics", "other"],
            specialties["choices"]!.AsArray().Select(c => (string)c!["value"]!));
        Assert.Equal("Input.Text", (string?)Input(card, "otherSpecialties")["type"]);
    }

    /// <summary>A check the renderer makes blocks the submission and leaves the server's earlier messages on the
    /// card, so a clinician would see errors that are no longer true. The server judges every submission instead.</summary>
    [Theory]
    [MemberData(nameof(FormCards))]
    public void Form_cards_leave_every_check_to_the_server_so_errors_shown_are_the_last_submission_s(string name)
    {
        var card = TestCards.Renderer.RenderAdaptive(name, TestCards.Sample(name));
        string[] clientChecks = ["isRequired", "regex", "maxLength", "min", "max", "errorMessage"];

        var checkedInputs = JsonTree.Objects(card).Where(o => ((string?)o["type"])?.StartsWith("Input.", StringComparison.Ordinal) == true)
            .Where(o => clientChecks.Any(o.ContainsKey)).Select(o => (string?)o["id"]);

        Assert.Empty(checkedInputs);
    }

    public static TheoryData<string> FormCards() => new(TestCards.FormCards);

    [Theory]
    [InlineData("task-evaluate", "errors", "up to 4,000 characters")]
    [InlineData("task-evaluate", "omissions", "up to 4,000 characters")]
    [InlineData("task-rank", "rationale", "10–2,000 characters")]
    [InlineData("task-respond", "text", "20–8,000 characters")]
    [InlineData("task-vignette", "title", "up to 120 characters")]
    [InlineData("task-vignette", "setting", "up to 4,000 characters")]
    [InlineData("task-vignette", "history", "up to 4,000 characters")]
    [InlineData("task-vignette", "exam", "up to 4,000 characters")]
    [InlineData("task-vignette", "labs", "up to 4,000 characters")]
    [InlineData("task-vignette", "question", "Up to 2,000 characters")]
    [InlineData("task-vignette", "answer", "Up to 2,000 characters")]
    [InlineData("profile", "name", "up to 120 characters")]
    [InlineData("profile", "otherSpecialties", "up to 200 characters")]
    public void Every_text_field_with_a_limit_says_it_on_the_card(string name, string field, string limit)
    {
        var input = Input(TestCards.Renderer.RenderAdaptive(name, TestCards.Sample(name)), field);

        Assert.Contains(limit, $"{(string?)input["label"]} {(string?)input["placeholder"]}");
    }

    [Fact]
    public void A_profile_sent_back_with_errors_keeps_what_was_typed_and_marks_the_fields()
    {
        var data = TestCards.SampleFile("profile.errors.data.json");
        var card = TestCards.Renderer.RenderAdaptive("profile", data);
        var body = card["body"]!.AsArray();
        var timeZoneAt = body.IndexOf(body.First(e => (string?)e!["id"] == "timeZone"));

        Assert.Equal((string?)data["errors"]!["timeZone"], (string?)body[timeZoneAt + 1]!["text"]);
        Assert.Equal("attention", (string?)body[timeZoneAt + 1]!["color"]);
        Assert.Equal("GMT Standard Time", (string?)Input(card, "timeZone")["value"]);
        Assert.Equal(90, (int)Input(card, "weeklyHours")["value"]!);
        Assert.Equal(3, JsonTree.OfType(card, "TextBlock").Count(t => (string?)t["color"] == "attention"));
        Assert.Contains(JsonTree.OfType(card, "Container"), c => (string?)c["style"] == "attention");
        Assert.Contains(JsonTree.OfType(card, "Container"), c => (string?)c["style"] == "warning");
    }

    [Fact]
    public void A_new_profile_has_no_credential_chosen_and_asks_for_hours()
    {
        var card = TestCards.Renderer.RenderAdaptive("profile", TestCards.SampleFile("profile.new.data.json"));
        var hours = Input(card, "weeklyHours");

        Assert.Equal("", (string?)Input(card, "credential")["value"]);
        Assert.Null(hours["value"]);
        Assert.Equal("1–80", (string?)hours["placeholder"]);
    }

    [Fact]
    public void A_harm_alert_is_headed_in_the_attention_colour_and_names_batch_task_and_assignment()
    {
        var data = TestCards.Sample("harm-alert");
        var card = TestCards.Renderer.RenderAdaptive("harm-alert", data);
        var heading = JsonTree.OfType(card, "TextBlock").Single(t => (string?)t["style"] == "heading");
        var facts = JsonTree.OfType(card, "FactSet").Single()["facts"]!.AsArray().ToDictionary(f => (string)f!["title"]!, f => (string)f!["value"]!);

        Assert.Equal("Severe harm", (string?)heading["text"]);
        Assert.Equal("attention", (string?)heading["color"]);
        Assert.Equal(["cardio-nov", "t7", "cardio-nov:41"], [facts["Batch"], facts["Task"], facts["Assignment"]]);
        Assert.Contains("Reported by Dr. Amara Osei (MD)", JsonTree.Strings(card));
        Assert.Contains((string)data["note"]!, JsonTree.Strings(card));

        var submit = Assert.Single(CardCatalogTests.Submissions(card));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"card":"harm-alert","action":"progress","batchId":"cardio-nov","templateVersion":1}"""), submit));

        data["note"] = "";
        Assert.DoesNotContain("Reviewer's note", JsonTree.Strings(TestCards.Renderer.RenderAdaptive("harm-alert", data)));
    }

    [Fact]
    public void A_long_passage_in_a_harm_alert_shows_its_preview_behind_show_full_text()
    {
        var data = TestCards.Sample("harm-alert");
        var card = TestCards.Renderer.RenderAdaptive("harm-alert", data);
        var passage = data["passages"]![0]!;
        var toggle = JsonTree.OfType(card, "Action.ToggleVisibility").Single(t => (string?)t["title"] == "Show full text");

        Assert.True(((string)passage["text"]!).Length > 400);
        Assert.Equal(["p0-short", "p0-full", "p0-more", "p0-less"], toggle["targetElements"]!.AsArray().Select(t => (string)t!));
        Assert.Equal((string?)passage["preview"], (string?)JsonTree.Objects(card).Single(o => (string?)o["id"] == "p0-short")["text"]);
        Assert.Equal((string?)passage["text"], (string?)JsonTree.Objects(card).Single(o => (string?)o["id"] == "p0-full")["text"]);

        var flagged = TestCards.Renderer.RenderAdaptive("harm-alert", TestCards.SampleFile("harm-alert.flagged.data.json"));
        Assert.Empty(JsonTree.OfType(flagged, "Action.ToggleVisibility"));
        Assert.Contains("Response B", JsonTree.Strings(flagged));
    }

    [Fact]
    public void Progress_shows_kinds_time_harm_flags_and_the_slowest_reviewers_only_when_sent()
    {
        var full = TestCards.Renderer.RenderAdaptive("progress", TestCards.Sample("progress"));
        var minimal = TestCards.Renderer.RenderAdaptive("progress", TestCards.SampleFile("progress.minimal.data.json"));
        static IEnumerable<string> FactTitles(JsonNode card) => JsonTree.OfType(card, "FactSet").Single()["facts"]!.AsArray().Select(f => (string)f!["title"]!);

        Assert.Equal(["Reviewers", "By kind", "Median time", "Harm flags", "Due", "Gold agreement"], FactTitles(full));
        Assert.Equal(["Reviewers", "Due"], FactTitles(minimal));
        Assert.Contains("Slowest reviewers", JsonTree.Strings(full));
        Assert.Equal(["Dr. Jonas Becker · 11 min 40 s median over 6", "Priya Nair, NP · 9 min 5 s median over 4", "Dr. Tomás Herrera · 8 min 30 s median over 9"],
            JsonTree.OfType(full, "RichTextBlock").Select(b => string.Concat(b["inlines"]!.AsArray().Select(i => (string)i!["text"]!))));
        Assert.DoesNotContain("Slowest reviewers", JsonTree.Strings(minimal));
        Assert.Empty(JsonTree.OfType(minimal, "RichTextBlock"));
    }

    public static TheoryData<string> TaskCards() => new(TestCards.TaskCards);

    /// <summary>Cards whose data has text to bind (the help card's data is one flag).</summary>
    public static TheoryData<string> CardsWithText() => new(TestCards.Names.Where(n => n != "help"));

    private const int TeamsCardLimit = 28 * 1024;

    private static JsonObject Input(JsonNode card, string id) =>
        JsonTree.Objects(card).Single(o => (string?)o["id"] == id && ((string?)o["type"])!.StartsWith("Input.", StringComparison.Ordinal));
}
