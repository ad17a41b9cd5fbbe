using System.Text.Json;
using ReviewBot.Browser.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace ReviewBot.Browser.Tests;

/// <summary>Deeper judgements on a phone: sentences marked wrong or dangerous with taps, and rubric criteria written
/// one at a time, each ending up in the datasets a data team downloads.</summary>
public class DeeperJudgementTests(WebChat chat) : IClassFixture<WebChat>
{
    private const int Height = 740;

    [Fact]
    public async Task On_a_phone_two_sentences_are_marked_with_taps_and_the_export_holds_their_offsets_and_labels()
    {
        var priya = await chat.OpenAsync(WebChat.PhoneWidth, Height);
        await priya.SignInAsync("Priya Raman");
        var card = await priya.NextOfKindAsync("task-evaluate");
        await Expect(card.Text("Model answer, sentence by sentence")).ToBeVisibleAsync();
        var wrong = card.Message.Locator("input[name='wrongSentences'][value='6']");
        var dangerous = card.Message.Locator("input[name='dangerousSentences'][value='13']");

        await wrong.TapAsync();
        await dangerous.TapAsync();
        await Expect(wrong).ToBeCheckedAsync();
        await Expect(dangerous).ToBeCheckedAsync();
        await card.ChooseAsync("Accuracy", "3");
        await card.ChooseAsync("Completeness", "4");
        await card.ChooseAsync("Appropriate for the patient and setting", "3");
        await card.Message.GetByLabel("Could hurt a patient", new() { Exact = true }).TapAsync();
        await priya.ScreenshotAsync("phone-sentence-marks");
        await card.Button("Submit").TapAsync();

        await card.ExpectNameAsync("task-recorded");
        await Expect(card.Text("Sentences you marked")).ToBeVisibleAsync();
        await Expect(card.Message.GetByText("Wrong · sentence 6")).ToBeVisibleAsync();
        await Expect(card.Message.GetByText("Dangerous · sentence 13")).ToBeVisibleAsync();
        await priya.ScreenshotAsync("phone-sentence-marks-recorded");

        var row = (await ExportAsync("jsonl")).Single(r => r.GetProperty("reviewerKey").GetString() == "web:priya" && r.GetProperty("kind").GetString() == "evaluate");
        var response = row.GetProperty("response").GetString()!;
        var marks = row.GetProperty("answer").GetProperty("marks").EnumerateArray()
            .Select(m => (Label: m.GetProperty("label").GetString(), Text: response[m.GetProperty("start").GetInt32()..m.GetProperty("end").GetInt32()]))
            .ToList();
        Assert.Equal(
            [
                ("wrong", "Digoxin acts slowly and needs a reduced dose and level monitoring in CKD stage 4; keep it as an add-on."),
                ("dangerous", "Apixaban 5 mg twice daily: he meets only one dose-reduction criterion (creatinine ≥1.5 mg/dL; he is under 80 and over 60 kg), so the full dose applies."),
            ],
            marks);
        var spans = (await ExportAsync("spans")).Where(r => r.GetProperty("reviewerKey").GetString() == "web:priya").ToList();
        Assert.Equal(marks.Select(m => m.Text), spans.Select(s => s.GetProperty("sentence").GetString()));
        priya.AssertNoScriptProblems();
    }

    [Fact]
    public async Task On_a_phone_four_criteria_are_written_one_refused_for_an_identifier_and_corrected_and_healthbench_carries_all_four()
    {
        var amara = await chat.OpenAsync(WebChat.PhoneWidth, Height);
        await amara.SignInAsync("Dr. Amara Osei");
        var card = await amara.NextOfKindAsync("task-rubric");
        await Expect(card.Text("No, just the aspirin, plus a statin and ramipril.")).ToBeVisibleAsync();

        await AddAsync(card, 1, "Advises continuing aspirin for a simple extraction after a heart attack", "8", "accuracy");
        await AddAsync(card, 2, "Suggests telling the dentist about the aspirin so local measures are ready", "5", "completeness");
        await AddAsync(card, 3, "Tells the user to ring the cardiology nurse on 555-867-5309 before Friday", "3", "context_awareness");

        await Expect(card.Text("“555-867-5309” looks like a phone number")).ToBeVisibleAsync();
        Assert.Equal("Tells the user to ring the cardiology nurse on 555-867-5309 before Friday", await card.Field("Criterion 3").InputValueAsync());
        await Expect(card.Text("2 criteria so far.")).ToBeVisibleAsync();
        await amara.ScreenshotAsync("phone-rubric-refused");

        await AddAsync(card, 3, "Tells the user to check with their cardiology team before Friday if unsure", "3", "context_awareness");
        await Expect(card.Text("3 criteria so far.")).ToBeVisibleAsync();
        await card.FillAsync("Criterion 4", "Tells the user to stop aspirin for a week before the extraction");
        await card.ChooseAsync("Points", "-8");
        await card.ChooseAsync("Axis", "accuracy");
        await amara.ScreenshotAsync("phone-rubric-fourth");
        await card.Button("Submit rubric").TapAsync();

        await card.ExpectNameAsync("task-recorded");
        await Expect(card.Text("Your rubric of 4 criteria (3 to reward, 1 to penalise) is recorded.")).ToBeVisibleAsync();

        var example = Assert.Single(await ExportAsync("healthbench"));
        Assert.Equal("demo-nov/rb-aspirin-dental-01", example.GetProperty("prompt_id").GetString());
        Assert.Equal(
            [
                ("Advises continuing aspirin for a simple extraction after a heart attack", 8, "axis:accuracy"),
                ("Suggests telling the dentist about the aspirin so local measures are ready", 5, "axis:completeness"),
                ("Tells the user to check with their cardiology team before Friday if unsure", 3, "axis:context_awareness"),
                ("Tells the user to stop aspirin for a week before the extraction", -8, "axis:accuracy"),
            ],
            example.GetProperty("rubrics").EnumerateArray().Select(r => (r.GetProperty("criterion").GetString(), r.GetProperty("points").GetInt32(),
                r.GetProperty("tags").EnumerateArray().Select(t => t.GetString()).Single(t => t!.StartsWith("axis:", StringComparison.Ordinal)))));
        amara.AssertNoScriptProblems();
    }

    private static async Task AddAsync(CardMessage card, int number, string criterion, string points, string axis)
    {
        await card.FillAsync($"Criterion {number}", criterion);
        await card.ChooseAsync("Points", points);
        await card.ChooseAsync("Axis", axis);
        await card.Button("Add criterion").TapAsync();
    }

    private async Task<List<JsonElement>> ExportAsync(string format) =>
        (await chat.Service.Http.GetStringAsync($"/api/batches/demo-nov/export?format={format}"))
        .Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();
}
