using System.Text.Json;
using ReviewBot.Conversations.Chat;
using ReviewBot.Reviewers;
using ReviewBot.Tasks;

namespace ReviewBot.Conversations.Tests;

/// <summary>Gold tasks, agreement in progress, and adjudication, through the router as every channel drives it.</summary>
public sealed class QualityTests : IAsyncLifetime
{
    private readonly CoreWorld _world = new();

    public async Task InitializeAsync()
    {
        await _world.InitializeAsync();
        await _world.Reviewers.UpsertAsync(
        [
            CoreWorld.Person("test:jonah", "Jonah Brandt", Credential.PA),
            CoreWorld.Person("test:ines", "Ines Duarte", Credential.RN),
        ]);
    }

    public Task DisposeAsync() => _world.DisposeAsync();

    private static readonly ModelResponse[] Responses =
    [
        new("A", "Nitrofurantoin for 5 days; no interaction of note with warfarin."),
        new("B", "Trimethoprim-sulfamethoxazole and double the warfarin dose."),
    ];

    private static ClinicalTask Ranking(string id, JsonElement? gold = null) => new()
    {
        Id = id, Kind = TaskKind.Rank, Prompt = "A patient on warfarin needs treatment for cystitis. What do you prescribe?", Responses = Responses, Gold = gold,
    };

    [Fact]
    public async Task A_gold_task_looks_like_any_other_until_the_answer_is_recorded_and_then_shows_the_expected_answer_and_why()
    {
        var gold = JsonDocument.Parse("""{"ranking": ["A", "B"], "rationale": "TMP-SMX raises the INR; doubling warfarin is dangerous."}""").RootElement;
        await _world.Import(CoreWorld.MixedBatch("gold") with { Tasks = [Ranking("g1", gold), Ranking("r1")] });

        var goldCard = (await _world.Say("test:amara", "next")).Single<SendCard>();
        var recorded = (await _world.Press("test:amara", "task-rank", "submit", goldCard.Data,
            new { ranking = "B>A", rationale = "B treats the infection faster." })).Single<ReplaceCard>().Data;
        var regularCard = (await _world.Press("test:amara", "task-recorded", "next", recorded)).Single<SendCard>();
        var regularRecorded = (await _world.Press("test:amara", "task-rank", "submit", regularCard.Data,
            new { ranking = "A>B", rationale = "A is safe with warfarin." })).Single<ReplaceCard>().Data;

        Assert.Equal(regularCard.Data.Select(p => p.Key).Order(), goldCard.Data.Select(p => p.Key).Order());
        Assert.DoesNotContain("TMP-SMX raises", goldCard.Data.ToJsonString());
        Assert.Equal("Differs from the expected answer", (string?)recorded["gold"]!["verdict"]);
        Assert.Equal("A ranked best", (string?)recorded["gold"]!["expected"]);
        Assert.Equal("TMP-SMX raises the INR; doubling warfarin is dangerous.", (string?)recorded["gold"]!["rationale"]);
        Assert.Null(regularRecorded["gold"]);
    }

    [Fact]
    public async Task Progress_says_the_agreement_per_question_in_words()
    {
        await _world.Import(CoreWorld.MixedBatch("agree", overlap: 2) with { Tasks = [Ranking("r1"), Ranking("r2")] });
        foreach (var (user, ranking) in new[] { ("test:amara", "A>B"), ("test:priya", "A>B"), ("test:amara", "B>A"), ("test:priya", "B>A") })
        {
            var card = (await _world.Say(user, "next")).Single<SendCard>();
            await _world.Press(user, "task-rank", "submit", card.Data, new { ranking, rationale = "Safer with warfarin on board." });
        }

        var progress = (await _world.Say("test:lead", "progress agree")).Single<SendCard>().Data;

        Assert.Equal("best: α 1.00, good", (string?)progress["agreement"]);
    }

    [Fact]
    public async Task A_lead_adjudicates_a_task_split_at_max_and_a_second_decision_is_refused()
    {
        await _world.Import(CoreWorld.MixedBatch("split", overlap: 2) with { OverlapMax = 4, Requirements = null, Tasks = [Ranking("r1")] });
        foreach (var (user, ranking) in new[] { ("test:amara", "A>B"), ("test:priya", "B>A"), ("test:jonah", "A>B"), ("test:ines", "B>A") })
        {
            var task = (await _world.Say(user, "next")).Single<SendCard>();
            await _world.Press(user, "task-rank", "submit", task.Data, new { ranking, rationale = "Safer with warfarin on board." });
        }

        var refused = await _world.Say("test:amara", "adjudicate split");
        var card = (await _world.Say("test:lead", "adjudicate split")).Single<SendCard>();
        var unreasoned = await _world.Press("test:lead", "adjudicate", "submit", card.Data, new { decision = "b:A", reason = "" });
        var decided = await _world.Press("test:lead", "adjudicate", "submit", card.Data, new { decision = "b:A", reason = "B doubles warfarin: unsafe." });
        var again = await _world.Press("test:lead", "adjudicate", "submit", card.Data, new { decision = "b:B", reason = "Changed my mind." });
        var nothingLeft = await _world.Say("test:lead", "adjudicate split");

        Assert.Contains("is for leads", refused.Text());
        Assert.Equal("adjudicate", card.Card);
        var reviewers = card.Data["answerRows"]!.AsArray().SelectMany(r => r!["answers"]!.AsArray()).Select(a => (string)a!["reviewer"]!).ToList();
        Assert.Equal(["Reviewer 1: MD · Emergency medicine", "Reviewer 2: NP · Emergency medicine", "Reviewer 3: PA · Emergency medicine",
            "Reviewer 4: RN · Emergency medicine"], reviewers);
        Assert.DoesNotContain("Amara", card.Data.ToJsonString());
        Assert.Contains("reason", unreasoned.Single<ShowFieldErrors>().Errors.Keys);
        Assert.Contains("Recorded for r1: A ranked best", decided.Text());
        Assert.Contains("no longer waiting", again.Text());
        Assert.Contains("Nothing in split waits for a decision", nothingLeft.Text());
    }

    [Fact]
    public async Task Quality_tells_a_lead_a_reviewer_s_gold_accuracy_time_and_skips()
    {
        var gold = JsonDocument.Parse("""{"ranking": ["A", "B"]}""").RootElement;
        await _world.Import(CoreWorld.MixedBatch("rated") with { Tasks = [Ranking("g1", gold), Ranking("g2", gold), Ranking("r1")] });
        foreach (var ranking in new[] { "A>B", "B>A" })
        {
            var card = (await _world.Say("test:amara", "next")).Single<SendCard>();
            _world.Clock.Advance(TimeSpan.FromMinutes(3));
            await _world.Press("test:amara", "task-rank", "submit", card.Data, new { ranking, rationale = "Safer with warfarin on board." });
        }
        var last = (await _world.Say("test:amara", "next")).Single<SendCard>();
        await _world.Press("test:amara", "task-rank", "skip", last.Data, new { skipReason = "unclear" });

        var told = (await _world.Say("test:lead", "quality test:amara")).Text();
        var unknown = (await _world.Say("test:lead", "quality test:nobody")).Text();

        Assert.Contains("Dr. Amara Osei (test:amara): 2 answers, 1 skipped.", told);
        Assert.Contains("Gold accuracy: 50% on 2 gold answers.", told);
        Assert.Contains("Agreement with final labels: no adjudicated items yet.", told);
        Assert.Contains("Median time: 3 min.", told);
        Assert.Contains("nobody “test:nobody” on the roster", unknown);
    }

    [Fact]
    public async Task An_answer_from_a_card_keeps_the_card_version_and_the_reviewer_s_specialties()
    {
        await _world.Import(CoreWorld.MixedBatch("kept") with { Tasks = [Ranking("r1")] });
        var card = (await _world.Say("test:amara", "next")).Single<SendCard>();

        await _world.Press("test:amara", "task-rank", "submit", card.Data, new { ranking = "A>B", rationale = "Safer with warfarin on board." });

        var stored = Assert.Single(await _world.Batches.ReadAnswersAsync("kept").ToListAsync());
        Assert.Equal((1, "emergency-medicine"), (stored.TemplateVersion, Assert.Single(stored.Specialties!)));
    }

    [Fact]
    public async Task A_reviewer_gets_regular_work_only_after_passing_the_screening_and_may_retry_after_the_delay()
    {
        var gold = JsonDocument.Parse("""{"ranking": ["A", "B"], "rationale": "Nitrofurantoin does not raise the INR."}""").RootElement;
        await _world.Import(CoreWorld.MixedBatch("screen") with
        {
            DueAt = null, Screening = new ReviewBot.Quality.Screening(0.8, 14), Tasks = [Ranking("g1", gold), Ranking("g2", gold)],
        });
        await _world.Import(CoreWorld.MixedBatch("work") with { DueAt = null });

        async Task<string> Next() => (await _world.Say("test:amara", "next")).Text();
        async Task Rank(string ranking)
        {
            var card = (await _world.Say("test:amara", "next")).Single<SendCard>();
            Assert.Equal("screen", (string?)card.Data["batchId"]);
            await _world.Press("test:amara", "task-rank", "submit", card.Data, new { ranking, rationale = "Safer with warfarin on board." });
        }

        await Rank("B>A");
        await Rank("A>B");
        var failed = await Next();
        var stillFailed = await Next();
        var board = (await _world.Say("test:lead", "screening")).Text();
        _world.Clock.Advance(TimeSpan.FromDays(14));
        await Rank("A>B");
        await Rank("A>B");
        var regular = (await _world.Say("test:amara", "next")).Single<SendCard>();
        var passedBoard = (await _world.Say("test:lead", "screening screen")).Text();

        Assert.Contains("You had 50% of the checked answers as expected", failed);
        Assert.Contains("from 2026-12-09", failed);
        Assert.Equal(failed, stillFailed);
        Assert.Contains("test:amara: failed, 50% on 2 gold", board);
        Assert.Equal("work", (string?)regular.Data["batchId"]);
        Assert.Contains("test:amara: passed, 100% on 2 gold", passedBoard);
    }

    [Fact]
    public async Task A_reviewer_who_already_did_regular_work_is_not_sent_to_a_screening_added_later()
    {
        await _world.Import(CoreWorld.MixedBatch("work") with { DueAt = null });
        var first = (await _world.Say("test:amara", "next")).Single<SendCard>();
        await _world.Press("test:amara", "task-evaluate", "submit", first.Data,
            new { accuracy = "4", completeness = "4", appropriateness = "5", harm = "none" });
        var gold = JsonDocument.Parse("""{"ranking": ["A", "B"]}""").RootElement;
        await _world.Import(CoreWorld.MixedBatch("screen") with { DueAt = null, Screening = new ReviewBot.Quality.Screening(0.8, 14), Tasks = [Ranking("g1", gold)] });

        var veteran = (await _world.Say("test:amara", "next")).Single<SendCard>();
        var newcomer = (await _world.Say("test:priya", "next")).Single<SendCard>();

        Assert.Equal("work", (string?)veteran.Data["batchId"]);
        Assert.Equal("screen", (string?)newcomer.Data["batchId"]);
    }
}
