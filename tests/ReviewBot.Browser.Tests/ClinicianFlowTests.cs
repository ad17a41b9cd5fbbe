using ReviewBot.Browser.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace ReviewBot.Browser.Tests;

/// <summary>A clinician's shift in the web chat, on the demo batch: tasks come one card at a time, each answer is
/// recorded on the same card with a Next task button, a mistake comes back at its field with nothing lost.</summary>
public class ClinicianFlowTests(WebChat chat) : IClassFixture<WebChat>
{
    private static readonly string[] Kinds = ["task-evaluate", "task-rank", "task-respond", "task-vignette"];

    [Fact]
    public async Task A_clinician_completes_one_task_of_each_kind_fixing_a_field_error_and_skipping_one()
    {
        // Priya (NP, emergency medicine) qualifies for all four kinds in the demo batch.
        var priya = await chat.OpenAsync();
        await priya.SignInAsync("Priya Raman");

        var card = await priya.AskAsync("next");
        await card.ExpectNameAsync("task-evaluate");

        // Harm above none needs the errors or omissions written down: the server says so at the field.
        await TaskAnswers.RateAsync(card, "2", "Could hurt a patient");
        await card.PressAsync("Submit");
        await Expect(card.Text("describe the errors or the omissions")).ToBeVisibleAsync();
        await Expect(card.Text("Please fix the fields marked below.")).ToBeVisibleAsync();
        await card.ExpectNameAsync("task-evaluate");
        await Expect(card.Field("Accuracy")).ToHaveValueAsync("2");
        await Expect(card.Message.GetByLabel("Could hurt a patient", new() { Exact = true })).ToBeCheckedAsync();
        await priya.ScreenshotAsync("desktop-field-error");

        await card.FillAsync("What is wrong?", "It suggests full-dose enoxaparin although the kidney function calls for a reduced dose.");
        await card.PressAsync("Submit");
        await ExpectRecordedAsync(card, "✓ Answer recorded");

        var done = new HashSet<string> { "task-evaluate" };
        var skipped = false;
        while (done.Count < Kinds.Length)
        {
            card = await priya.NewCardAfterAsync(() => card.PressAsync("Next task"));
            var kind = await card.NameAsync();
            Assert.Contains(kind, Kinds);
            if (!skipped && done.Contains(kind!))
            {
                await card.PressAsync("Skip");
                await card.PressAsync("Outside my expertise");
                await ExpectRecordedAsync(card, "✓ Skipped");
                skipped = true;
                continue;
            }
            await TaskAnswers.CompleteAsync(card);
            await ExpectRecordedAsync(card, "✓ Answer recorded");
            done.Add(kind!);
        }

        Assert.True(skipped, "The demo batch gave Priya no second task of a kind she had done, so nothing was skipped.");
        await priya.ScreenshotAsync("desktop-clinician-recorded");
        priya.AssertNoScriptProblems();
    }

    /// <summary>The answered card turns, in place, into the "recorded" card with a Next task button.</summary>
    private static async Task ExpectRecordedAsync(CardMessage card, string heading)
    {
        await card.ExpectNameAsync("task-recorded");
        await Expect(card.Message.GetByText(heading, new() { Exact = true })).ToBeVisibleAsync();
        await Expect(card.Button("Next task")).ToBeVisibleAsync();
    }
}
