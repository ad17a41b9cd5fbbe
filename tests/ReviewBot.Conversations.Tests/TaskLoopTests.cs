using System.Text.Json.Nodes;
using ReviewBot.Conversations.Chat;

namespace ReviewBot.Conversations.Tests;

public sealed class TaskLoopTests : IAsyncLifetime
{
    private readonly CoreWorld _world = new();

    public async Task InitializeAsync()
    {
        await _world.InitializeAsync();
        await _world.Import(CoreWorld.MixedBatch());
    }

    public Task DisposeAsync() => _world.DisposeAsync();

    [Fact]
    public async Task Next_delivers_an_eligible_task_card_with_its_ids()
    {
        var replies = await _world.Say("test:amara", "next");

        var card = replies.Single<SendCard>();
        Assert.Equal("task-evaluate", card.Card);
        Assert.Equal("ev1", (string?)card.Data["taskId"]);
        Assert.Equal("mixed:1", (string?)card.Data["assignmentId"]);
        Assert.StartsWith("A 24-year-old with DKA", (string?)card.Data["prompt"]);
    }

    [Fact]
    public async Task An_invalid_answer_comes_back_on_the_same_card_with_errors_at_the_fields_and_nothing_typed_lost()
    {
        var task = (await _world.Say("test:amara", "next")).Single<SendCard>().Data;

        var replies = await _world.Press("test:amara", "task-evaluate", "submit", task,
            new { accuracy = "2", completeness = "9", appropriateness = "1", harm = "severe", omissions = "" });

        var errors = replies.Single<ShowFieldErrors>();
        Assert.Equal("task-evaluate", errors.Card);
        Assert.Contains("completeness", errors.Errors.Keys);
        Assert.Contains("errors", errors.Errors.Keys);
        Assert.Equal("2", (string?)errors.Data["values"]!["accuracy"]);
        Assert.Equal("severe", (string?)errors.Data["values"]!["harm"]);
        Assert.Equal(errors.Errors["completeness"], (string?)errors.Data["errors"]!["completeness"]);
    }

    [Fact]
    public async Task A_recorded_answer_replaces_the_card_with_time_earnings_and_a_next_button_and_a_second_tap_changes_nothing()
    {
        var task = (await _world.Say("test:amara", "next")).Single<SendCard>().Data;
        _world.Clock.Advance(TimeSpan.FromMinutes(4));
        var answer = new { accuracy = "4", completeness = "4", appropriateness = "5", harm = "none" };

        var first = await _world.Press("test:amara", "task-evaluate", "submit", task, answer);
        var second = await _world.Press("test:amara", "task-evaluate", "submit", task, answer);

        var recorded = first.Single<ReplaceCard>();
        Assert.Equal("task-recorded", recorded.Card);
        Assert.Contains("4 min of active time", (string?)recorded.Data["summary"]);
        Assert.Equal("$6.00", (string?)recorded.Data["earned"]);
        Assert.Equal("$6.00 this week · 4 min", (string?)recorded.Data["weekEarned"]);
        Assert.True((bool?)recorded.Data["nextAvailable"]);
        Assert.Equal(recorded.Data.ToJsonString(), second.Single<ReplaceCard>().Data.ToJsonString());
        Assert.Equal(1, (await _world.Batches.GetProgressAsync("mixed", _world.Clock.GetUtcNow()))!.SlotsFilled);
    }

    [Fact]
    public async Task The_next_button_on_the_recorded_card_chains_to_the_next_task()
    {
        var first = (await _world.Say("test:amara", "next")).Single<SendCard>().Data;
        var recorded = (await _world.Press("test:amara", "task-evaluate", "submit", first,
            new { accuracy = "4", completeness = "4", appropriateness = "5", harm = "none" })).Single<ReplaceCard>().Data;

        var next = await _world.Press("test:amara", "task-recorded", "next", recorded);

        Assert.Equal("task-rank", next.Single<SendCard>().Card);
    }

    [Fact]
    public async Task A_skip_hands_the_task_back_and_says_so()
    {
        var task = (await _world.Say("test:amara", "next")).Single<SendCard>().Data;

        var replies = await _world.Press("test:amara", "task-evaluate", "skip", task, new { skipReason = "outside-expertise" });
        var again = await _world.Say("test:amara", "next");

        var skipped = replies.Single<ReplaceCard>();
        Assert.True((bool?)skipped.Data["skipped"]);
        Assert.Contains("outside your expertise", (string?)skipped.Data["summary"]);
        Assert.Equal("rk1", (string?)again.Single<SendCard>().Data["taskId"]);
    }

    [Fact]
    public async Task A_card_whose_time_ran_out_is_explained_and_offers_the_next_task()
    {
        var task = (await _world.Say("test:amara", "next")).Single<SendCard>().Data;
        _world.Clock.Advance(TimeSpan.FromMinutes(31));
        await _world.Say("test:priya", "next");

        var replies = await _world.Press("test:amara", "task-evaluate", "submit", task,
            new { accuracy = "4", completeness = "4", appropriateness = "5", harm = "none" });

        var error = replies.CardNamed("error");
        Assert.Contains("time ran out", (string?)error["message"]);
        Assert.True((bool?)error["showNext"]);
    }

    [Fact]
    public async Task A_card_from_an_older_template_is_refused_with_an_explanation()
    {
        var task = (await _world.Say("test:amara", "next")).Single<SendCard>().Data;
        task["templateVersion"] = 0;

        var replies = await _world.Press("test:amara", "task-evaluate", "submit", task,
            new { accuracy = "4", completeness = "4", appropriateness = "5", harm = "none" });

        Assert.Contains("older version", (string?)replies.CardNamed("error")["message"]);
    }

    [Fact]
    public async Task Next_pressed_in_a_team_channel_sends_the_task_to_the_clickers_direct_messages()
    {
        var replies = await _world.Say("test:amara", "next", inChannel: true);

        var message = replies.Single<DirectMessage>();
        Assert.Equal("test:amara", message.UserKey);
        Assert.Equal("task-evaluate", message.Card);
        Assert.Contains("direct messages", replies.Single<Ephemeral>().Text);
    }

    [Fact]
    public async Task Slacks_quick_ranking_button_opens_the_form_with_the_choice_made()
    {
        await _world.Press("test:amara", "task-evaluate", "skip", (await _world.Say("test:amara", "next")).Single<SendCard>().Data,
            new { skipReason = "unclear" });
        var task = (await _world.Say("test:amara", "next")).Single<SendCard>().Data;

        var replies = await _world.Press("test:amara", "task-rank", "show-form", task, new { form = "task-rank-form", ranking = "A>B" });

        var form = replies.Single<OpenForm>();
        Assert.Equal("task-rank-form", form.Card);
        Assert.Equal("A>B", (string?)form.Data["values"]!["ranking"]);
    }

    [Fact]
    public async Task Status_shows_open_tasks_and_this_weeks_time_and_earnings()
    {
        var first = (await _world.Say("test:amara", "next")).Single<SendCard>().Data;
        _world.Clock.Advance(TimeSpan.FromMinutes(10));
        await _world.Press("test:amara", "task-evaluate", "submit", first, new { accuracy = "4", completeness = "4", appropriateness = "5", harm = "none" });
        await _world.Say("test:amara", "next");

        var status = (await _world.Say("test:amara", "status")).Single<SendCard>();

        Assert.Equal("status", status.Card);
        Assert.Equal("10 min of 15 h", (string?)status.Data["weekActive"]);
        Assert.Equal("$15.00", (string?)status.Data["weekEarned"]);
        Assert.Equal("1 task", (string?)status.Data["weekAnswered"]);
        var open = Assert.Single(status.Data["openTasks"]!.AsArray());
        Assert.Equal("Rank responses", (string?)open!["kind"]);
    }

    [Fact]
    public async Task A_paused_clinician_is_told_until_when_and_resume_brings_tasks_back()
    {
        var paused = await _world.Say("test:amara", "pause 2h");
        var whilePaused = await _world.Say("test:amara", "next");
        await _world.Say("test:amara", "resume");
        var resumed = await _world.Say("test:amara", "next");

        Assert.Contains("Paused until", paused.Text());
        Assert.Contains("paused", whilePaused.Text());
        Assert.Equal("task-evaluate", resumed.Single<SendCard>().Card);
    }

    [Fact]
    public async Task An_unknown_word_gets_help()
    {
        var replies = await _world.Say("test:amara", "gimme work");

        Assert.Contains("I don't know “gimme work”", replies.Text());
        Assert.False((bool?)replies.CardNamed("help")["lead"]);
    }
}
