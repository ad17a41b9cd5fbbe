using System.Text.Json.Nodes;
using ReviewBot.Conversations.Chat;

namespace ReviewBot.Conversations.Tests;

public sealed class PeopleAndLeadsTests : IAsyncLifetime
{
    private readonly CoreWorld _world = new();

    public async Task InitializeAsync()
    {
        await _world.InitializeAsync();
        await _world.Import(CoreWorld.MixedBatch());
    }

    public Task DisposeAsync() => _world.DisposeAsync();

    private static readonly object Profile = new
    {
        name = "Sam Okafor",
        credential = "NP",
        specialties = "Emergency Medicine",
        timeZone = "America/Denver",
        weeklyHours = "8",
    };

    [Fact]
    public async Task Someone_new_gets_a_welcome_and_a_profile_card_whatever_they_first_say()
    {
        var replies = await _world.Say("test:sam", "next");

        Assert.True((bool?)replies.CardNamed("welcome")["pending"]);
        Assert.Equal("Someone New", (string?)replies.CardNamed("profile")["name"]);
    }

    [Fact]
    public async Task A_declared_credential_stays_pending_the_leads_are_told_and_the_clinician_hears_why_no_task_comes()
    {
        await _world.Say("test:sam", "hello");

        var saved = await _world.Press("test:sam", "profile", "submit", new JsonObject(), Profile);
        var next = await _world.Say("test:sam", "next");

        Assert.True((bool?)saved.Single<ReplaceCard>().Data["pending"]);
        var toLeads = saved.OfType<DirectText>().ToList();
        Assert.Equal(["test:configured-lead", "test:lead"], toLeads.Select(t => t.UserKey).Order());
        Assert.Contains("verify test:sam NP emergency-medicine", toLeads[0].Text);
        Assert.Contains("waiting for a lead to verify", next.Text());
    }

    [Fact]
    public async Task A_profile_with_a_wrong_time_zone_comes_back_with_the_error_at_the_field()
    {
        var replies = await _world.Press("test:sam", "profile", "submit", new JsonObject(), new
        {
            name = "Sam Okafor", credential = "NP", specialties = "emergency-medicine", timeZone = "Mountain", weeklyHours = "8",
        });

        var errors = replies.Single<ShowFieldErrors>();
        Assert.Equal(["timeZone"], errors.Errors.Keys);
        Assert.Equal("Mountain", (string?)errors.Data["values"]!["timeZone"]);
    }

    [Fact]
    public async Task A_lead_verifies_and_the_clinician_is_told_they_can_start_and_gets_a_task()
    {
        await _world.Say("test:sam", "hello");
        await _world.Press("test:sam", "profile", "submit", new JsonObject(), Profile);

        var verified = await _world.Say("test:lead", "verify test:sam NP emergency-medicine");
        var next = await _world.Say("test:sam", "next");

        Assert.Contains("Verified Sam Okafor", verified.Text());
        var welcome = verified.Single<DirectMessage>();
        Assert.Equal(("test:sam", "welcome", false), (welcome.UserKey, welcome.Card, (bool?)welcome.Data["pending"]));
        Assert.Equal("task-evaluate", next.Single<SendCard>().Card);
    }

    [Fact]
    public async Task A_non_lead_asking_for_progress_is_refused_politely()
    {
        var replies = await _world.Say("test:amara", "progress mixed");

        Assert.Equal("Sorry, “progress” is for leads. If you need it, ask your lead to add you under Roles:Leads.", replies.Text());
    }

    [Fact]
    public async Task A_lead_sees_progress_change_as_answers_come_in()
    {
        var before = (await _world.Say("test:lead", "progress mixed")).CardNamed("progress");
        var task = (await _world.Say("test:amara", "next")).Single<SendCard>().Data;
        _world.Clock.Advance(TimeSpan.FromMinutes(3));
        await _world.Press("test:amara", "task-evaluate", "submit", task, new { accuracy = "4", completeness = "4", appropriateness = "5", harm = "none" });
        await _world.Say("test:priya", "next");

        var after = (await _world.Say("test:lead", "progress mixed")).CardNamed("progress");

        Assert.Equal((0, 4, 0), ((int?)before["answered"], (int?)before["total"], (int?)before["inProgress"]));
        Assert.Equal((1, 25, 1), ((int?)after["answered"], (int?)after["percent"], (int?)after["inProgress"]));
        Assert.Equal("evaluate 1", (string?)after["byKind"]);
        Assert.Equal("3 min", (string?)after["medianTime"]);
        Assert.Equal("Dr. Amara Osei", (string?)after["slowest"]![0]!["name"]);
    }

    [Fact]
    public async Task An_announcement_goes_to_the_team_channel_and_its_start_button_gives_the_clicker_a_task_in_their_messages()
    {
        var announced = await _world.Say("test:lead", "announce mixed");
        var post = announced.Single<PostToChannel>();

        var started = await _world.Press("test:priya", "announcement", "start", post.Data, inChannel: true);

        Assert.Equal(("test:channel:team", "announcement"), (post.ConversationKey, post.Card));
        Assert.Contains("4 tasks need you", (string?)post.Data["title"]);
        var task = started.Single<DirectMessage>();
        Assert.Equal(("test:priya", "task-evaluate"), (task.UserKey, task.Card));
    }

    [Fact]
    public async Task An_announcement_at_a_time_is_scheduled_for_then()
    {
        var replies = await _world.Say("test:lead", "announce mixed test:channel:other at 09:00");

        var post = replies.Single<PostToChannel>();
        Assert.Equal("test:channel:other", post.ConversationKey);
        Assert.Equal(new DateTimeOffset(2026, 11, 26, 9, 0, 0, TimeSpan.FromHours(-6)), post.At);
    }

    [Fact]
    public async Task A_channel_named_by_its_short_name_is_the_configured_one()
    {
        var replies = await _world.Say("test:lead", "announce mixed #team");

        Assert.Equal("test:channel:team", replies.Single<PostToChannel>().ConversationKey);
        Assert.Equal("Announced mixed in #team.", replies.Text());
    }

    [Fact]
    public async Task Refresh_replaces_a_progress_card_but_a_button_on_an_alert_posts_a_new_one()
    {
        var fromProgress = await _world.Press("test:lead", "progress", "refresh", new JsonObject { ["batchId"] = "mixed" });
        var fromAlert = await _world.Press("test:lead", "harm-alert", "progress", new JsonObject { ["batchId"] = "mixed" });

        Assert.Equal("progress", fromProgress.Single<ReplaceCard>().Card);
        Assert.Equal("progress", fromAlert.Single<SendCard>().Card);
    }

    [Fact]
    public async Task Remind_messages_everyone_holding_an_open_task_in_the_batch()
    {
        await _world.Say("test:amara", "next");
        await _world.Say("test:priya", "next");

        var replies = await _world.Say("test:lead", "remind mixed");

        Assert.Equal(["test:amara", "test:priya"], replies.OfType<DirectMessage>().Select(m => m.UserKey).Order());
        Assert.All(replies.OfType<DirectMessage>(), m => Assert.Equal("reminder", m.Card));
        Assert.Contains("Reminded 2 reviewers", replies.Text());
    }

    [Fact]
    public async Task Export_gives_a_link_to_the_dataset_and_close_stops_new_tasks()
    {
        var export = await _world.Say("test:lead", "export mixed dpo");
        var close = await _world.Say("test:lead", "close mixed");
        var next = await _world.Say("test:amara", "next");

        Assert.Contains("https://reviewbot.example.org/api/batches/mixed/export?format=dpo", export.Text());
        Assert.Contains("Closed mixed", close.Text());
        Assert.Contains("There is no task for you right now", next.Text());
    }

    [Fact]
    public async Task A_lead_sees_the_lead_commands_in_help()
    {
        var replies = await _world.Say("test:lead", "help");

        Assert.True((bool?)replies.CardNamed("help")["lead"]);
    }
}
