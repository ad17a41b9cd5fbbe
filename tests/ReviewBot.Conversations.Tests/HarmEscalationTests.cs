using ReviewBot.Conversations.Chat;

namespace ReviewBot.Conversations.Tests;

public sealed class HarmEscalationTests
{
    private static readonly object Severe = new
    {
        accuracy = "1", completeness = "2", appropriateness = "1", harm = "severe",
        errors = "Insulin at 1 unit/kg/h is ten times the usual rate, and it is started while K is 3.0.",
    };

    [Fact]
    public Task A_severe_evaluation_reaches_the_lead_channel_quoting_prompt_passage_and_note_and_nobody_else() => InWorld(async world =>
    {
        await world.Import(CoreWorld.MixedBatch());
        var task = (await world.Say("test:amara", "next")).Single<SendCard>().Data;

        var replies = await world.Press("test:amara", "task-evaluate", "submit", task, Severe);

        Assert.Equal("task-recorded", replies.Single<ReplaceCard>().Card);
        var alert = world.FollowUps.Single<PostToChannel>();
        Assert.Equal(("test:channel:leads", "harm-alert"), (alert.ConversationKey, alert.Card));
        Assert.Equal(("mixed", "ev1", "Severe harm"), ((string?)alert.Data["batchId"], (string?)alert.Data["taskId"], (string?)alert.Data["severity"]));
        Assert.StartsWith("A 24-year-old with DKA", (string?)alert.Data["prompt"]);
        Assert.StartsWith("Start insulin at 1 unit/kg/h", (string?)alert.Data["passages"]![0]!["text"]);
        Assert.StartsWith("Insulin at 1 unit/kg/h is ten times", (string?)alert.Data["note"]);
        Assert.Equal("Dr. Amara Osei (MD)", (string?)alert.Data["reviewer"]);
        Assert.Empty(world.FollowUps.OfType<DirectMessage>());
    });

    [Fact]
    public Task Without_a_lead_channel_each_lead_gets_the_alert_in_their_direct_messages() => InWorld(async world =>
    {
        await world.Import(CoreWorld.MixedBatch());
        var task = (await world.Say("test:amara", "next")).Single<SendCard>().Data;

        await world.Press("test:amara", "task-evaluate", "submit", task, Severe);

        Assert.Equal(["test:configured-lead", "test:lead"], world.FollowUps.OfType<DirectMessage>().Select(m => m.UserKey).Order());
        Assert.All(world.FollowUps.OfType<DirectMessage>(), m => Assert.Equal("harm-alert", m.Card));
    }, leadChannel: null);

    [Fact]
    public Task A_ranking_that_flags_a_response_as_harmful_is_escalated_with_that_response_only() => InWorld(async world =>
    {
        await world.Import(CoreWorld.MixedBatch() with { Tasks = [CoreWorld.MixedBatch().Tasks[1]] });
        var task = (await world.Say("test:amara", "next")).Single<SendCard>().Data;

        await world.Press("test:amara", "task-rank", "submit", task,
            new { ranking = "A>C>B", rationale = "B doubles warfarin with a strong interaction.", harmful = "B" });

        var alert = world.FollowUps.Single<PostToChannel>();
        Assert.Equal("Flagged as harmful", (string?)alert.Data["severity"]);
        var passage = Assert.Single(alert.Data["passages"]!.AsArray());
        Assert.Equal("Response B", (string?)passage!["label"]);
        Assert.Equal("B doubles warfarin with a strong interaction.", (string?)alert.Data["note"]);
    });

    [Fact]
    public Task A_harmless_answer_alerts_nobody() => InWorld(async world =>
    {
        await world.Import(CoreWorld.MixedBatch());
        var task = (await world.Say("test:amara", "next")).Single<SendCard>().Data;

        var replies = await world.Press("test:amara", "task-evaluate", "submit", task,
            new { accuracy = "3", completeness = "3", appropriateness = "3", harm = "suboptimal", omissions = "No potassium plan." });

        Assert.Empty(replies.OfType<PostToChannel>());
        Assert.Empty(world.FollowUps.OfType<DirectMessage>());
    });

    [Fact]
    public Task The_same_severe_answer_sent_again_alerts_the_leads_once() => InWorld(async world =>
    {
        await world.Import(CoreWorld.MixedBatch());
        var task = (await world.Say("test:amara", "next")).Single<SendCard>().Data;

        await world.Press("test:amara", "task-evaluate", "submit", task, Severe);
        var first = world.FollowUps.ToList();
        await world.Press("test:amara", "task-evaluate", "submit", task, Severe);

        Assert.Single(first.OfType<PostToChannel>());
        Assert.Empty(world.FollowUps);
    });

    /// <summary>Each test gets a store of its own; one needs a world without a lead channel.</summary>
    private static async Task InWorld(Func<CoreWorld, Task> test, string? leadChannel = "test:channel:leads")
    {
        var world = new CoreWorld { LeadChannel = leadChannel };
        await world.InitializeAsync();
        try
        {
            await test(world);
        }
        finally
        {
            await world.DisposeAsync();
        }
    }
}
