using ReviewBot.Cards;
using ReviewBot.Conversations.Chat;
using ReviewBot.Tasks;

namespace ReviewBot.Conversations.Tests;

/// <summary>An evaluation card offers the response's sentences to tap; the marks come back on the recorded card.</summary>
public sealed class SentenceMarkTests : IAsyncLifetime
{
    private const string Response = "Start insulin at 0.1 units/kg/h. Give bicarbonate at once. Replace potassium first, e.g. 20 mmol/h.";
    private readonly CoreWorld _world = new();

    public async Task InitializeAsync()
    {
        await _world.InitializeAsync();
        await _world.Import(CoreWorld.MixedBatch() with
        {
            Tasks = [new ClinicalTask { Id = "ev2", Kind = TaskKind.Evaluate, Prompt = "DKA with K 3.0: how do you start?", Response = Response }],
        });
    }

    public Task DisposeAsync() => _world.DisposeAsync();

    [Fact]
    public async Task The_card_numbers_the_sentences_and_the_recorded_card_shows_the_marks()
    {
        var task = (await _world.Say("test:amara", "next")).Single<SendCard>().Data;
        Assert.Equal(["1", "2", "3"], task["sentences"]!.AsArray().Select(s => (string?)s!["number"]));
        Assert.Equal("Replace potassium first, e.g. 20 mmol/h.", (string?)task["sentences"]![2]!["text"]);

        var replies = await _world.Press("test:amara", "task-evaluate", "submit", task,
            new { accuracy = "2", completeness = "3", appropriateness = "2", harm = "severe", wrongSentences = "1", dangerousSentences = "2", sentenceNote2 = "Not at pH 7.08." });

        var marks = replies.Single<ReplaceCard>().Data["marks"]!.AsArray();
        Assert.Equal([("Wrong", "sentence 1", "Start insulin at 0.1 units/kg/h."), ("Dangerous", "sentence 2", "Give bicarbonate at once.")],
            marks.Select(m => ((string?)m!["label"], (string?)m["where"], (string?)m["text"])));
        Assert.Equal("Not at pH 7.08.", (string?)marks[1]!["note"]);
    }

    [Fact]
    public async Task A_long_answer_is_grouped_said_so_and_its_card_stays_under_the_teams_limit()
    {
        var world = new CoreWorld();
        await world.InitializeAsync();
        try
        {
            var longAnswer = string.Join(" ", Enumerable.Range(1, 80).Select(i => $"Step {i}: give fluids at 10 mL/kg over 15 minutes and reassess perfusion, lactate and urine output."));
            await world.Import(CoreWorld.MixedBatch() with
            {
                Tasks = [new ClinicalTask { Id = "ev3", Kind = TaskKind.Evaluate, Prompt = "Septic shock: fluids?", Response = longAnswer }],
            });
            var data = (await world.Say("test:amara", "next")).Single<SendCard>().Data;
            var card = CardJson.ToJson(new CardRenderer(CardTemplates.FromOutputDirectory()).RenderAdaptive("task-evaluate", data));

            Assert.Equal(20, data["sentences"]!.AsArray().Count);
            Assert.StartsWith("This answer has 80 sentences; to fit the card they are shown in 20 groups of up to 4.", (string?)data["sentenceGrouping"]);
            Assert.True(System.Text.Encoding.UTF8.GetByteCount(card) < 28 * 1024, $"{System.Text.Encoding.UTF8.GetByteCount(card)} bytes for a {longAnswer.Length}-character answer");
            Assert.DoesNotContain("${", card);
        }
        finally
        {
            await world.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_refused_note_comes_back_beside_its_sentence_with_the_taps_and_text_kept()
    {
        var task = (await _world.Say("test:amara", "next")).Single<SendCard>().Data;

        var replies = await _world.Press("test:amara", "task-evaluate", "submit", task,
            new { accuracy = "2", completeness = "3", appropriateness = "2", harm = "potential", wrongSentences = "1", sentenceNote3 = "Seen before." });

        var data = replies.Single<ShowFieldErrors>().Data;
        Assert.Equal("1", (string?)data["values"]!["wrongSentences"]);
        Assert.Equal("Seen before.", (string?)data["sentences"]![2]!["note"]);
        Assert.StartsWith("Sentence 3 has a note but is not marked", (string?)data["sentences"]![2]!["error"]);
    }
}
