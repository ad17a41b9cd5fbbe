namespace ReviewBot.Browser.Tests.Support;

/// <summary>What a clinician fills in on each kind of task card (cards/README.md), in words that pass the identifier
/// guard: clinical detail, no names with dates, no phone numbers.</summary>
public static class TaskAnswers
{
    public static async Task RateAsync(CardMessage card, string rating, string harm)
    {
        await card.ChooseAsync("Accuracy", rating);
        await card.ChooseAsync("Completeness", rating);
        await card.ChooseAsync("Appropriate for the patient and setting", rating);
        await card.PickAsync(harm);
    }

    /// <summary>Fills the card the way its kind asks and submits it; <paramref name="instead"/> gives other text for
    /// some fields, by label.</summary>
    public static async Task CompleteAsync(CardMessage card, IReadOnlyDictionary<string, string>? instead = null)
    {
        Task FillAsync(string label, string text) => card.FillAsync(label, instead?.GetValueOrDefault(label) ?? text);

        switch (await card.NameAsync())
        {
            case "task-evaluate":
                await RateAsync(card, "4", "No harm");
                break;
            case "task-rank":
                if (await card.Message.Locator("select").CountAsync() > 0)
                {
                    await card.ChooseAsync("Your ranking", "A>B>C");
                }
                else
                {
                    await card.PickAsync("A is better");
                }
                await FillAsync("Why?", "Response A gives a safer, stepwise plan and names the monitoring needed.");
                break;
            case "task-respond":
                await FillAsync("Your answer",
                    "Hold further doses, assess haemodynamics, send a full blood count and coagulation screen, and give a "
                    + "specific reversal agent or four-factor prothrombin complex concentrate if the bleeding is life-threatening.");
                break;
            case "task-vignette":
                await FillAsync("Title", "Older adult with urinary sepsis at triage");
                await FillAsync("Age (years)", "79");
                await card.PickAsync("Female");
                await FillAsync("Setting", "Emergency department triage, evening shift.");
                await FillAsync("History", "Two days of new confusion and dysuria; lives alone; on metformin and amlodipine.");
                await FillAsync("Examination", "Temperature 38.9 C, heart rate 118, blood pressure 92/54, respiratory rate 24, dry mucous membranes.");
                await FillAsync("Investigations", "Lactate 4.1 mmol/L, white cell count 17, creatinine raised from baseline, urine dipstick nitrite positive.");
                break;
            case var other:
                throw new InvalidOperationException($"Not a task card: {other}.");
        }
        await card.PressAsync("Submit");
    }
}
