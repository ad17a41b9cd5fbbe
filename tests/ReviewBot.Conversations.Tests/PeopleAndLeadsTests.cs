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
        Assert.Equal("Before I can send you a task, I need your profile: fill in the card below and press Save profile.", replies.Text());
    }

    [Fact]
    public async Task Someone_new_asking_for_status_is_told_the_profile_comes_first_and_a_greeting_needs_no_explaining()
    {
        var status = await _world.Say("test:sam", "status");
        var hello = await _world.Say("test:sam", "hello");

        Assert.Contains("save your profile below first", status.Text());
        Assert.Equal("", hello.Text());
        Assert.Equal("profile", hello.OfType<SendCard>().Last().Card);
    }

    [Fact]
    public async Task The_profile_offers_the_specialties_open_batches_ask_for_and_other()
    {
        var profile = (await _world.Say("test:sam", "hello")).CardNamed("profile");

        var choices = profile["specialtyChoices"]!.AsArray().Select(c => ((string)c!["value"]!, (string)c["title"]!)).ToList();
        Assert.Equal([("emergency-medicine", "Emergency medicine"), ("other", "Other (say which below)")], choices);
    }

    [Fact]
    public async Task Choosing_other_with_no_specialty_named_is_refused_at_the_box_and_a_named_one_is_saved()
    {
        var missing = await _world.Press("test:sam", "profile", "submit", new JsonObject(), new
        {
            name = "Sam Okafor", credential = "NP", specialties = "other", otherSpecialties = "", timeZone = "America/Denver", weeklyHours = "8",
        });
        var named = await _world.Press("test:sam", "profile", "submit", new JsonObject(), new
        {
            name = "Sam Okafor", credential = "NP", specialties = "emergency-medicine,other", otherSpecialties = "Toxicology",
            timeZone = "America/Denver", weeklyHours = "8",
        });

        Assert.Equal(["otherSpecialties"], missing.Single<ShowFieldErrors>().Errors.Keys);
        Assert.Contains("name the specialty", missing.Single<ShowFieldErrors>().Errors["otherSpecialties"]);
        Assert.Equal(["emergency-medicine", "toxicology"], (await _world.Reviewers.GetAsync("test:sam"))!.Specialties);
        Assert.Contains("verify test:sam NP emergency-medicine toxicology", named.Text());
    }

    [Fact]
    public async Task Saving_the_profile_says_so_on_the_card_it_replaces()
    {
        var saved = await _world.Press("test:sam", "profile", "submit", new JsonObject(), Profile);

        var card = saved.Single<ReplaceCard>();
        Assert.Equal("welcome", card.Card);
        Assert.Equal("Your profile is saved; a lead will verify your credential. Tasks start once it is verified, and I will message you.",
            (string?)card.Data["saved"]);
    }

    [Fact]
    public async Task Unknown_words_are_quoted_back_as_a_short_prefix()
    {
        var pasted = "The patient is a " + string.Concat(Enumerable.Repeat("very long pasted note ", 500));

        var replies = await _world.Say("test:amara", pasted);

        Assert.StartsWith("I don't know “The patient is a very long pasted note", replies.Text());
        Assert.True(replies.Text().Length < 120, $"The reply quoted {replies.Text().Length} characters back.");
        Assert.Contains("…”", replies.Text());
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
        Assert.Equal("Announced mixed in #team: 4 open slots.", replies.Text());
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
    public async Task Remind_reaches_everyone_holding_a_task_and_everyone_qualified_who_has_not_started()
    {
        await _world.Reviewers.UpsertAsync(
        [
            CoreWorld.Person("test:rn", "Robin Nurse", ReviewBot.Reviewers.Credential.RN),
            CoreWorld.Person("test:paused", "Pat Paused", ReviewBot.Reviewers.Credential.MD) with { PausedUntil = CoreWorld.Start.AddDays(1) },
            CoreWorld.Person("test:pending", "Pen Ding", ReviewBot.Reviewers.Credential.MD) with { Verified = false },
        ]);
        await _world.Say("test:amara", "next");

        var replies = await _world.Say("test:lead", "remind mixed");

        var reminders = replies.OfType<DirectMessage>().ToDictionary(m => m.UserKey, m => m.Data);
        Assert.Equal(["test:amara", "test:lead", "test:priya"], reminders.Keys.Order());
        Assert.Equal(1, (int?)reminders["test:amara"]["openCount"]);
        Assert.Equal(0, (int?)reminders["test:priya"]["openCount"]);
        Assert.Equal("Reminded 3 reviewers in mixed: 1 with an open task, 2 who qualify and have not started. 1 paused reviewer was left alone. " +
            "Anyone in their quiet hours gets it in their morning.", replies.Text());
    }

    [Fact]
    public async Task Remind_on_a_full_batch_reaches_only_those_still_holding_a_task()
    {
        await _world.Import(CoreWorld.MixedBatch("tiny") with { Tasks = [CoreWorld.MixedBatch().Tasks[2]] });
        await _world.Press("test:amara", "announcement", "start", new JsonObject { ["batchId"] = "tiny" });

        var replies = await _world.Say("test:lead", "remind tiny");

        Assert.Equal(["test:amara"], replies.OfType<DirectMessage>().Select(m => m.UserKey));
        Assert.StartsWith("Reminded 1 reviewer in tiny: 1 with an open task, 0 who qualify", replies.Text());
    }

    [Fact]
    public async Task Announce_counts_the_open_slots_not_the_tasks()
    {
        await _world.Say("test:amara", "next");
        var replies = await _world.Say("test:lead", "announce mixed");

        Assert.Equal("3 tasks need you: Mixed emergency review", (string?)replies.CardNamed("announcement")["title"]);
    }

    [Fact]
    public async Task With_one_open_batch_bare_batch_commands_use_it_and_with_two_they_ask_which()
    {
        var progress = await _world.Say("test:lead", "progress");
        var export = await _world.Say("test:lead", "export csv");
        await _world.Import(CoreWorld.MixedBatch("second"));
        var ambiguous = await _world.Say("test:lead", "remind");

        Assert.Equal("mixed", (string?)progress.CardNamed("progress")["batchId"]);
        Assert.Equal("mixed.csv", export.Single<ShareFile>().FileName);
        Assert.Equal("Which batch? Say remind <batch id>. Open now: mixed, second.", ambiguous.Text());
    }

    [Fact]
    public async Task Export_shares_the_file_with_a_download_link_and_close_stops_new_tasks()
    {
        var export = await _world.Say("test:lead", "export mixed dpo");
        var close = await _world.Say("test:lead", "close mixed");
        var next = await _world.Say("test:amara", "next");

        var file = export.Single<ShareFile>();
        Assert.Equal(("mixed", ReviewBot.Exports.DatasetFormat.Dpo, "mixed.dpo.jsonl"), (file.BatchId, file.Format, file.FileName));
        Assert.Equal("https://reviewbot.example.org/downloads/exports/mixed?format=dpo", (string?)file.Data["url"]);
        Assert.Equal("0 answers recorded so far", (string?)file.Data["contents"]);
        Assert.Contains("Closed mixed", close.Text());
        Assert.Contains("There is no task for you right now", next.Text());
    }

    [Fact]
    public async Task Close_needs_the_batch_named_even_when_only_one_is_open()
    {
        var replies = await _world.Say("test:lead", "close");

        Assert.Contains("Which batch? Say close <batch id>", replies.Text());
        Assert.Equal("task-evaluate", (await _world.Say("test:amara", "next")).Single<SendCard>().Card);
    }

    [Fact]
    public async Task A_lead_sees_the_lead_commands_in_help()
    {
        var replies = await _world.Say("test:lead", "help");

        Assert.True((bool?)replies.CardNamed("help")["lead"]);
    }
}
