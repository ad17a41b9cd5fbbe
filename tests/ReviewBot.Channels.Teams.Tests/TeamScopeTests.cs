using System.Net;
using ReviewBot.Channels.Teams.Tests.Support;

namespace ReviewBot.Channels.Teams.Tests;

/// <summary>The app in a team: its channels remembered when it is added; leads @mention it in a channel; an
/// announcement is a card in the team channel whose Start brings the task to the presser's personal chat (opened by the
/// bot if they never wrote to it), never into the channel; a severe harm evaluation reaches the leads' channel.</summary>
public sealed class TeamScopeTests : IAsyncLifetime
{
    private FakeConnector _connector = null!;
    private TeamsService _service = null!;
    private TeamsPerson _lena = null!;

    public async Task InitializeAsync()
    {
        _connector = await FakeConnector.StartAsync();
        _service = new TeamsService();
        _lena = new TeamsPerson(_service, _connector, Clinic.Lead, "Lena Fischer");
        await _service.ImportAsync(Clinic.Roster, Clinic.Batch("ed"));
        Assert.Equal(HttpStatusCode.OK, (await _lena.AddToTeamAsync(Clinic.Team, (Clinic.TeamChannel, null), (Clinic.LeadsChannel, "Leads"))).StatusCode);
    }

    public async Task DisposeAsync()
    {
        await _service.DisposeAsync();
        await _connector.DisposeAsync();
    }

    [Fact]
    public async Task A_lead_mentions_the_bot_in_a_channel_and_the_mention_is_not_taken_for_a_word()
    {
        await _lena.SayInChannelAsync(Clinic.LeadsChannel, "progress ed");

        var answer = await _connector.WaitForAsync(c => c.IsMessage && c.ConversationId!.StartsWith(Clinic.LeadsChannel), "the progress card in the thread");
        Assert.Equal("reply", answer.Kind);
        Assert.Contains("ED review", answer.Shown);
    }

    [Fact]
    public async Task Someone_who_is_not_a_lead_asking_for_progress_is_refused_politely()
    {
        var amara = new TeamsPerson(_service, _connector, Clinic.Amara, "Amara Osei");

        await amara.SayAsync("progress ed");

        var refusal = await _connector.WaitForAsync(c => c.IsMessage && c.ConversationId == amara.PersonalChat, "the refusal");
        Assert.Contains("is for leads", refusal.Text);
    }

    [Fact]
    public async Task An_announcement_is_a_card_in_the_team_channel_and_start_brings_the_task_to_the_pressers_personal_chat()
    {
        await _lena.SayInChannelAsync(Clinic.TeamChannel, "announce ed");
        await _service.SettledAsync();
        var announcement = await _connector.WaitForAsync(c => c.Kind == "send" && c.ConversationId == Clinic.TeamChannel && c.Cards.Any(), "the announcement");
        Assert.Contains("ED review", announcement.Shown);

        var priya = new TeamsPerson(_service, _connector, Clinic.Priya, "Priya Raman");
        var (response, body) = await priya.ExecuteAsync(announcement, "Start");
        await _service.SettledAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("direct messages", (string?)body!["value"]);
        var opened = await _connector.WaitForAsync(c => c.Kind == "create", "a personal chat opened for Priya");
        Assert.Equal(priya.TeamsId, (string?)opened.Body["members"]![0]!["id"]);
        var task = await _connector.WaitForAsync(c => c.IsMessage && c.ConversationId == priya.PersonalChat && c.Cards.Any(), "the task in her personal chat");
        Assert.Contains("Rate this answer", task.Shown);
        Assert.DoesNotContain(_connector.MessagesIn(Clinic.TeamChannel), c => c.Shown.Contains("Rate this answer"));
    }

    [Fact]
    public async Task A_severe_harm_evaluation_alerts_the_leads_channel()
    {
        var amara = new TeamsPerson(_service, _connector, Clinic.Amara, "Amara Osei");
        await amara.SayAsync("next");
        var task = await _connector.WaitForAsync(c => c.IsMessage && c.ConversationId == amara.PersonalChat && c.Cards.Any(), "the task card");

        await amara.ExecuteAsync(task, "Submit", new()
        {
            ["accuracy"] = "1", ["completeness"] = "2", ["appropriateness"] = "1", ["harm"] = "severe",
            ["errors"] = "Thirty mL/kg in heart failure with this ejection fraction risks pulmonary oedema.",
        });
        await _service.SettledAsync();

        var alert = await _connector.WaitForAsync(c => c.Kind == "send" && c.ConversationId == Clinic.LeadsChannel, "the harm alert");
        Assert.Contains("Severe harm", alert.Shown);
        Assert.Contains("pulmonary oedema", alert.Shown);
    }
}
