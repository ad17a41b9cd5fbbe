using System.Text.Json.Nodes;
using ReviewBot.Conversations.Chat;
using ReviewBot.Reviewers;

namespace ReviewBot.Conversations.Tests;

/// <summary>One clinician reached on Slack and on Teams (DESIGN §3 <c>alsoKnownAs</c>): whichever key they use, the
/// bot treats them as one person.</summary>
public sealed class OnePersonTests : IAsyncLifetime
{
    private const string Slack = "slack:UKOFI";
    private const string Teams = "teams:kofi";
    private static readonly object GoodEvaluation = new { accuracy = "4", completeness = "4", appropriateness = "5", harm = "none" };

    private readonly CoreWorld _world = new();

    public async Task InitializeAsync()
    {
        await _world.InitializeAsync();
        await _world.Import(CoreWorld.MixedBatch());
    }

    public Task DisposeAsync() => _world.DisposeAsync();

    /// <summary>Both keys on the roster, only the Slack entry naming the other.</summary>
    private Task Kofi(double? weeklyHours = null, bool verified = true)
    {
        var kofi = CoreWorld.Person(Slack, "Dr. Kofi Mensah", Credential.MD) with { WeeklyHours = weeklyHours, Verified = verified };
        return _world.Reviewers.UpsertAsync([kofi with { AlsoKnownAs = [Teams] }, kofi with { Key = Teams }]);
    }

    [Fact]
    public async Task Next_on_the_other_key_returns_the_task_held_on_the_first_and_it_is_recorded_from_there()
    {
        await Kofi();
        var onSlack = (await _world.Say(Slack, "next")).Single<SendCard>().Data;

        var onTeams = (await _world.Say(Teams, "next")).Single<SendCard>().Data;
        var recorded = await _world.Press(Teams, "task-evaluate", "submit", onTeams, GoodEvaluation);

        Assert.Equal((string?)onSlack["assignmentId"], (string?)onTeams["assignmentId"]);
        Assert.False((bool?)recorded.Single<ReplaceCard>().Data["skipped"]);
    }

    [Fact]
    public async Task The_weekly_cap_counts_time_answered_on_either_key()
    {
        await Kofi(weeklyHours: 0.1);
        var task = (await _world.Say(Slack, "next")).Single<SendCard>().Data;
        _world.Clock.Advance(TimeSpan.FromMinutes(7));
        await _world.Press(Slack, "task-evaluate", "submit", task, GoodEvaluation);

        var onTeams = await _world.Say(Teams, "next");

        Assert.Contains("You have reached your 0.1 hours for this week", onTeams.Text());
    }

    [Fact]
    public async Task Status_on_either_key_shows_the_persons_week()
    {
        await Kofi();
        var task = (await _world.Say(Slack, "next")).Single<SendCard>().Data;
        _world.Clock.Advance(TimeSpan.FromMinutes(10));
        await _world.Press(Slack, "task-evaluate", "submit", task, GoodEvaluation);

        var status = (await _world.Say(Teams, "status")).Single<SendCard>().Data;

        Assert.Equal(("$15.00", "1 task"), ((string?)status["weekEarned"], (string?)status["weekAnswered"]));
    }

    [Fact]
    public async Task Starting_another_batch_while_holding_a_task_brings_back_the_held_task_until_it_is_answered()
    {
        await Kofi();
        await _world.Import(CoreWorld.MixedBatch("later") with { DueAt = CoreWorld.Start.AddDays(9) });
        var held = (await _world.Say(Slack, "next")).Single<SendCard>().Data;

        var whileHolding = (await _world.Press(Teams, "announcement", "start", new JsonObject { ["batchId"] = "later" })).Single<SendCard>().Data;
        await _world.Press(Slack, "task-evaluate", "submit", held, GoodEvaluation);
        var afterwards = (await _world.Press(Teams, "announcement", "start", new JsonObject { ["batchId"] = "later" })).Single<SendCard>().Data;

        Assert.Equal("mixed:1", (string?)held["assignmentId"]);
        Assert.Equal("mixed:1", (string?)whileHolding["assignmentId"]);
        Assert.Equal("later:1", (string?)afterwards["assignmentId"]);
    }

    [Fact]
    public async Task A_skip_pressed_on_the_other_key_hands_the_task_back_for_good()
    {
        await Kofi();
        var task = (await _world.Say(Slack, "next")).Single<SendCard>().Data;

        var skipped = await _world.Press(Teams, "task-evaluate", "skip", task, new { skipReason = "unclear" });
        var next = (await _world.Say(Slack, "next")).Single<SendCard>().Data;

        Assert.True((bool?)skipped.Single<ReplaceCard>().Data["skipped"]);
        Assert.Equal("rk1", (string?)next["taskId"]);
    }

    [Fact]
    public async Task A_skip_pressed_by_someone_else_is_refused_saying_whose_card_it_is()
    {
        await Kofi();
        var task = (await _world.Say(Slack, "next")).Single<SendCard>().Data;

        var replies = await _world.Press("test:amara", "task-evaluate", "skip", task, new { skipReason = "unclear" });

        Assert.Contains("belongs to a different task or person", (string?)replies.CardNamed("error")["message"]);
    }

    [Fact]
    public async Task Verifying_one_key_lets_the_person_work_on_the_other()
    {
        await Kofi(verified: false);

        await _world.Say("test:lead", $"verify {Slack} MD emergency-medicine");
        var onTeams = await _world.Say(Teams, "next");

        Assert.Equal("task-evaluate", onTeams.Single<SendCard>().Card);
    }

    [Fact]
    public async Task Remind_invites_a_person_once_and_not_at_all_once_they_started_on_either_key()
    {
        await Kofi();
        var first = await _world.Say("test:lead", "remind mixed");
        var task = (await _world.Say(Teams, "next")).Single<SendCard>().Data;
        await _world.Press(Teams, "task-evaluate", "submit", task, GoodEvaluation);

        var second = await _world.Say("test:lead", "remind mixed");

        Assert.Single(first.OfType<DirectMessage>(), m => m.UserKey is Slack or Teams);
        Assert.DoesNotContain(second.OfType<DirectMessage>(), m => m.UserKey is Slack or Teams);
    }
}
