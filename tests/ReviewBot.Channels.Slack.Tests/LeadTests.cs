using System.Text.Json.Nodes;
using ReviewBot.Channels.Slack.Tests.Support;

namespace ReviewBot.Channels.Slack.Tests;

/// <summary>Leads run a batch with <c>/review</c>: answers only they see, announcements with a Start button that
/// brings the task to the presser's DM, exports as a file in their DM.</summary>
public sealed class LeadTests : IAsyncLifetime
{
    private FakeSlack _slack = null!;
    private SlackService _service = null!;
    private SlackPerson _lena = null!;

    public async Task InitializeAsync()
    {
        _slack = await FakeSlack.StartAsync();
        _service = new SlackService(_slack);
        _lena = new SlackPerson(_service, _slack, Clinic.Lead);
        await _service.ImportAsync(Clinic.Roster, Clinic.Batch("ed"));
    }

    public async Task DisposeAsync()
    {
        await _service.DisposeAsync();
        await _slack.DisposeAsync();
    }

    [Fact]
    public async Task A_leads_review_progress_answers_ephemerally()
    {
        var response = await _lena.CommandAsync("progress ed", SlackService.LeadChannel);

        var answer = await _slack.WaitForAsync(c => c.Method == "response_url" && c.Arg("response_url") == response, "the answer");
        Assert.Equal("ephemeral", answer.Arg("response_type"));
        Assert.Contains("ED review", answer.Json);
        Assert.DoesNotContain(_slack.Calls, c => c.Method == "chat.postMessage" && c.Arg("channel") == SlackService.LeadChannel);
    }

    [Fact]
    public async Task A_mention_in_a_channel_is_answered_only_to_the_person_who_wrote_it()
    {
        await _lena.SendEventAsync(new JsonObject
        {
            ["type"] = "app_mention", ["user"] = Clinic.Lead, ["text"] = "<@U0REVIEWBOT> progress ed", ["ts"] = "1764000000.000100",
            ["channel"] = SlackService.LeadChannel, ["event_ts"] = "1764000000.000100",
        });

        var answer = await _slack.WaitForAsync(c => c.Method == "chat.postEphemeral", "the ephemeral answer");
        Assert.Equal((SlackService.LeadChannel, Clinic.Lead), (answer.Arg("channel"), answer.Arg("user")));
        Assert.Contains("ED review", answer.Json);
    }

    [Fact]
    public async Task Review_in_the_dm_with_the_bot_answers_there_as_messages()
    {
        await _lena.SayAsync("hello");
        await _slack.WaitForAsync(c => c.Method == "chat.postMessage" && c.Arg("channel") == _lena.Dm, "the first answer in her DM");

        await _lena.CommandAsync("batches", _lena.Dm);

        var answer = await _slack.WaitForAsync(c => c.Method == "chat.postMessage" && c.Arg("channel") == _lena.Dm && c.Arg("text")!.Contains("ED review"),
            "the batches in her DM");
        Assert.StartsWith("• ed — ED review", answer.Arg("text"));
    }

    [Fact]
    public async Task Someone_who_is_not_a_lead_is_refused_politely()
    {
        var amara = new SlackPerson(_service, _slack, Clinic.Amara);

        var response = await amara.CommandAsync("progress ed", SlackService.TeamChannel);

        var answer = await _slack.WaitForAsync(c => c.Method == "response_url" && c.Arg("response_url") == response, "the refusal");
        Assert.Equal("ephemeral", answer.Arg("response_type"));
        Assert.Contains("is for leads", answer.Arg("text"));
    }

    [Fact]
    public async Task An_announcement_in_the_team_channel_has_a_start_button_that_brings_the_task_to_the_pressers_dm()
    {
        await _lena.CommandAsync("announce ed", SlackService.TeamChannel);
        var announcement = await _slack.WaitForAsync(c => c.Method == "chat.postMessage" && c.Arg("channel") == SlackService.TeamChannel, "the announcement");
        Assert.StartsWith("New tasks:", announcement.Arg("text"));

        var priya = new SlackPerson(_service, _slack, Clinic.Priya);
        await priya.PressAsync(announcement, "Start");

        var task = await _slack.WaitForAsync(c => c.Method == "chat.postMessage" && c.Arg("channel") == priya.Dm, "the task in Priya's DM");
        Assert.StartsWith("New task:", task.Arg("text"));
        var note = await _slack.WaitForAsync(c => c.Method == "response_url" && c.Arg("text")!.Contains("direct messages"), "the note only she sees");
        Assert.Equal("ephemeral", note.Arg("response_type"));
    }

    [Fact]
    public async Task An_export_arrives_as_a_file_in_the_leads_dm_by_slacks_two_step_upload()
    {
        await _lena.CommandAsync("export ed csv", SlackService.LeadChannel);

        var completed = await _slack.WaitForAsync(c => c.Method == "files.completeUploadExternal", "the upload completed");
        Assert.Equal("D" + Clinic.Lead[1..], completed.Arg("channel_id"));
        var reserved = _slack.Of("files.getUploadURLExternal").Single();
        Assert.Equal("ed.csv", reserved.Arg("filename"));
        var upload = _slack.Of("upload").Single();
        Assert.Equal(reserved.Arg("length"), System.Text.Encoding.UTF8.GetByteCount(upload.Arg("content")!).ToString());
        Assert.StartsWith("batchId,taskId,kind", upload.Arg("content"));
        Assert.Equal(JsonNode.Parse(completed.Arg("files")!)![0]!["id"]!.GetValue<string>(), upload.Arg("file_id"));
        await _slack.WaitForAsync(c => c.Method == "response_url" && c.Arg("text")!.Contains("ed.csv is in our direct messages"), "the note in the channel");
    }
}
