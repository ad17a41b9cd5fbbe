using System.Text.Json.Nodes;
using ReviewBot.Answers;
using ReviewBot.Conversations.Chat;
using ReviewBot.Tasks;

namespace ReviewBot.Conversations.Tests;

/// <summary>A rubric is written one criterion at a time: Add keeps the list on the card, a refusal keeps what was
/// typed, Remove drops one, Submit records the whole list.</summary>
public sealed class RubricCardTests : IAsyncLifetime
{
    private readonly CoreWorld _world = new();

    public async Task InitializeAsync()
    {
        await _world.InitializeAsync();
        await _world.Import(CoreWorld.MixedBatch() with
        {
            Tasks =
            [
                new ClinicalTask
                {
                    Id = "rb1", Kind = TaskKind.Rubric,
                    Conversation = [new PromptMessage("user", "I take aspirin after a heart attack."), new PromptMessage("assistant", "Any other blood thinners?"), new PromptMessage("user", "No. Stop it before a tooth extraction?")],
                },
            ],
        });
    }

    public Task DisposeAsync() => _world.DisposeAsync();

    /// <summary>Every button on the card submits the list written so far as its text (cards/task-rubric.json).</summary>
    private Task<IReadOnlyList<Reply>> Press(JsonObject card, string action, object inputs)
    {
        var sent = (JsonObject)card.DeepClone();
        sent["criteria"] = (string?)card["criteriaJson"];
        return _world.Press("test:amara", "task-rubric", action, sent, inputs);
    }

    private async Task<JsonObject> Add(JsonObject card, string criterion, string points, string axis) =>
        (await Press(card, "add-criterion", new { criterion, points, axis })).Single<ReplaceCard>().Data;

    [Fact]
    public async Task Criteria_added_one_at_a_time_are_recorded_together()
    {
        var delivered = (await _world.Say("test:amara", "next")).Single<SendCard>();
        Assert.Equal("task-rubric", delivered.Card);
        var card = delivered.Data;
        Assert.Equal(["User", "Assistant", "User"], card["conversation"]!.AsArray().Select(t => (string?)t!["role"]));

        card = await Add(card, "Advises continuing aspirin for a simple extraction", "7", "accuracy");
        card = await Add(card, "Mentions local measures such as pressure and sutures", "4", "completeness");
        Assert.Equal("2 criteria so far.", (string?)card["written"]);
        Assert.Equal(3, (int?)card["criterionNumber"]);

        var replies = await Press(card, "submit",
            new { criterion = "Tells the patient to stop aspirin a week before", points = "-8", axis = "accuracy" });

        Assert.Contains("Your rubric of 3 criteria (2 to reward, 1 to penalise) is recorded.", (string?)replies.Single<ReplaceCard>().Data["summary"]);
        var answers = await _world.Batches.ReadAnswersAsync("mixed").ToListAsync();
        Assert.Equal([7, 4, -8], ((RubricAnswer)Assert.Single(answers).Answer).Criteria.Select(c => c.Points));
    }

    [Fact]
    public async Task A_refused_criterion_keeps_the_list_and_what_was_typed()
    {
        var card = (await _world.Say("test:amara", "next")).Single<SendCard>().Data;
        card = await Add(card, "Advises continuing aspirin for a simple extraction", "7", "accuracy");

        var refused = (await Press(card, "add-criterion",
            new { criterion = "Says to ring 555-867-5309 if it bleeds", points = "3", axis = "completeness" })).Single<ShowFieldErrors>();

        Assert.StartsWith("“555-867-5309” looks like a phone number", refused.Errors["criterion"]);
        Assert.Equal("Says to ring 555-867-5309 if it bleeds", (string?)refused.Data["values"]!["criterion"]);
        Assert.Equal("1 criterion so far.", (string?)refused.Data["written"]);

        var removed = (await Press(refused.Data, "remove-criterion",
            new { index = "0", criterion = "Typed and kept" })).Single<ReplaceCard>().Data;
        Assert.Empty(removed["criteriaList"]!.AsArray());
        Assert.Equal("Typed and kept", (string?)removed["values"]!["criterion"]);
    }
}
