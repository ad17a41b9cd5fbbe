using System.Net;
using System.Text.Json.Nodes;
using ReviewBot.Channels.Slack.Tests.Support;

namespace ReviewBot.Channels.Slack.Tests;

/// <summary>A clinician's work in Slack, through signed requests only, against a loopback Slack: the task in their
/// DM with quick buttons, a short modal, the message updated to "recorded" with Next.</summary>
public sealed class ClinicianFlowTests : IAsyncLifetime
{
    private FakeSlack _slack = null!;
    private SlackService _service = null!;
    private SlackPerson _amara = null!;

    public async Task InitializeAsync()
    {
        _slack = await FakeSlack.StartAsync();
        _service = new SlackService(_slack);
        _amara = new SlackPerson(_service, _slack, Clinic.Amara);
    }

    public async Task DisposeAsync()
    {
        await _service.DisposeAsync();
        await _slack.DisposeAsync();
    }

    [Fact]
    public async Task A_ranking_is_a_quick_button_then_a_short_modal_and_the_message_becomes_recorded_with_next()
    {
        await _service.ImportAsync(Clinic.Roster, Clinic.Batch("rank-first"));

        Assert.Equal(HttpStatusCode.OK, (await _amara.SayAsync("next")).StatusCode);
        var task = await _slack.WaitForAsync(c => c.Method == "chat.postMessage" && c.Arg("channel") == _amara.Dm, "the task in Amara's DM");
        Assert.StartsWith("New task: rank model responses", task.Arg("text"));

        Assert.Equal(HttpStatusCode.OK, (await _amara.PressAsync(task, "A is better")).StatusCode);
        var form = await _slack.WaitForAsync(c => c.Method == "views.open", "the ranking modal");
        var view = form.Args["view"]!.AsObject();
        Assert.Equal("task-rank-form", (string?)view["callback_id"]);
        Assert.Equal("A>B", (string?)Input(view, "ranking")["initial_option"]?["value"]);

        var submitted = await _amara.SubmitAsync(form, new() { ["rationale"] = "Nitrofurantoin is first line; save fluoroquinolones." });
        Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);
        Assert.Equal("", await submitted.Content.ReadAsStringAsync());

        var recorded = await _slack.WaitForAsync(c => c.Method == "chat.update" && c.Arg("ts") == task.Arg("ts"), "the task message updated");
        Assert.Equal(_amara.Dm, recorded.Arg("channel"));
        Assert.StartsWith("Answer recorded", recorded.Arg("text"));

        await _amara.PressAsync(recorded, "Next task");
        var next = await _slack.WaitForAsync(c => c.Method == "chat.postMessage" && c.Arg("channel") == _amara.Dm && c.Arg("ts") != task.Arg("ts"),
            "the next task");
        Assert.StartsWith("New task: rate a model answer", next.Arg("text"));
    }

    [Fact]
    public async Task An_evaluation_refused_at_a_field_is_corrected_and_recorded_and_its_severe_harm_reaches_the_leads_channel()
    {
        await _service.ImportAsync(Clinic.Roster, Clinic.Batch("evaluate-first", firstKind: "evaluate"));
        await _amara.SayAsync("next");
        var task = await _slack.WaitForAsync(c => c.Method == "chat.postMessage" && c.Arg("channel") == _amara.Dm, "the evaluation task");
        await _amara.PressAsync(task, "Rate it");
        var form = await _slack.WaitForAsync(c => c.Method == "views.open", "the evaluation modal");
        var ratings = new Dictionary<string, string?> { ["accuracy"] = "1", ["completeness"] = "2", ["appropriateness"] = "1", ["harm"] = "severe" };

        var refused = await _amara.SubmitAsync(form, ratings);
        var errors = JsonNode.Parse(await refused.Content.ReadAsStringAsync())!;
        Assert.Equal("errors", (string?)errors["response_action"]);
        // Only the field that needs it: Slack keeps every input as typed and shows the message under it.
        var field = Assert.Single(errors["errors"]!.AsObject());
        Assert.Equal("errors", field.Key);
        Assert.DoesNotContain(_slack.Calls, c => c.Method == "chat.update");

        ratings["errors"] = "Thirty mL/kg in heart failure with this ejection fraction risks pulmonary oedema.";
        var accepted = await _amara.SubmitAsync(form, ratings);
        Assert.Equal("", await accepted.Content.ReadAsStringAsync());
        var recorded = await _slack.WaitForAsync(c => c.Method == "chat.update" && c.Arg("ts") == task.Arg("ts"), "the task message updated");
        Assert.StartsWith("Answer recorded", recorded.Arg("text"));

        var alert = await _slack.WaitForAsync(c => c.Method == "chat.postMessage" && c.Arg("channel") == SlackService.LeadChannel, "the harm alert");
        Assert.Contains("Severe harm", alert.Json);
        Assert.Contains("pulmonary oedema", alert.Json);
    }

    [Fact]
    public async Task Skipping_is_a_short_modal_with_the_reason_and_the_message_says_skipped()
    {
        await _service.ImportAsync(Clinic.Roster, Clinic.Batch("skipping"));
        await _amara.SayAsync("next");
        var task = await _slack.WaitForAsync(c => c.Method == "chat.postMessage" && c.Arg("channel") == _amara.Dm, "the task");

        await _amara.PressAsync(task, "Skip");
        var form = await _slack.WaitForAsync(c => c.Method == "views.open", "the skip modal");
        Assert.Equal("task-skip-form", (string?)form.Args["view"]!["callback_id"]);
        var skipped = await _amara.SubmitAsync(form, new() { ["skipReason"] = "outside-expertise" });

        Assert.Equal("", await skipped.Content.ReadAsStringAsync());
        var updated = await _slack.WaitForAsync(c => c.Method == "chat.update" && c.Arg("ts") == task.Arg("ts"), "the task message updated");
        Assert.StartsWith("Skipped", updated.Arg("text"));
    }

    [Fact]
    public async Task The_home_tab_shows_my_open_tasks_and_this_weeks_time_and_earnings()
    {
        await _service.ImportAsync(Clinic.Roster, Clinic.Batch("home"));
        await _amara.SayAsync("next");
        await _slack.WaitForAsync(c => c.Method == "chat.postMessage", "the task");

        await _amara.OpenHomeAsync();

        var home = await _slack.WaitForAsync(c => c.Method == "views.publish", "the home view");
        Assert.Equal(Clinic.Amara, home.Arg("user_id"));
        var view = home.Json;
        Assert.Contains("\"type\":\"home\"", view);
        Assert.Contains("Your week", view);
        Assert.Contains("Rank responses · ED review", view);
        Assert.Contains("$0.00", view);
    }

    [Fact]
    public async Task Someone_new_gets_a_welcome_edits_their_profile_in_a_modal_and_the_leads_are_told()
    {
        await _service.ImportAsync(Clinic.Roster, Clinic.Batch("newcomer"));
        _slack.Names["UNEW0001"] = "Dr. Sam Okafor";
        var sam = new SlackPerson(_service, _slack, "UNEW0001");

        await sam.SayAsync("hello");
        var profile = await _slack.WaitForAsync(c => c.Method == "chat.postMessage" && c.Arg("text") == "Your ReviewBot profile", "the profile message");
        var welcome = _slack.Of("chat.postMessage").First(c => c.Arg("channel") == sam.Dm);
        Assert.Equal("Welcome to ReviewBot, Dr. Sam Okafor", welcome.Arg("text"));

        await sam.PressAsync(profile, "Edit profile");
        var form = await _slack.WaitForAsync(c => c.Method == "views.open", "the profile modal");
        Assert.Equal("profile-form", (string?)form.Args["view"]!["callback_id"]);
        var saved = await sam.SubmitAsync(form, new()
        {
            ["name"] = "Dr. Sam Okafor", ["credential"] = "MD", ["specialties"] = "emergency-medicine", ["timeZone"] = "Europe/London", ["weeklyHours"] = "6",
        });

        Assert.Equal("", await saved.Content.ReadAsStringAsync());
        var updated = await _slack.WaitForAsync(c => c.Method == "chat.update" && c.Arg("ts") == profile.Arg("ts"), "the profile message replaced");
        Assert.Contains("Your profile is saved", updated.Json);
        var told = await _slack.WaitForAsync(c => c.Method == "chat.postMessage" && c.Arg("channel") == "D" + Clinic.Lead[1..], "the lead told");
        Assert.Contains("verify slack:UNEW0001 MD emergency-medicine", told.Arg("text"));
    }

    private static JsonObject Input(JsonObject view, string field) =>
        view["blocks"]!.AsArray().OfType<JsonObject>().Single(b => (string?)b["block_id"] == field)["element"]!.AsObject();
}
