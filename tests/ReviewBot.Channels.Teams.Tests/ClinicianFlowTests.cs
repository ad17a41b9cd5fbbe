using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using ReviewBot.Channels.Teams.Tests.Support;

namespace ReviewBot.Channels.Teams.Tests;

/// <summary>A clinician's work in Teams, through /api/messages only, against a loopback Bot Connector: the app
/// installed, a task card in the personal chat, answered in place with Universal Actions, refused at a field with what
/// was typed kept, recorded once however often Teams retries, and a stale card explained.</summary>
public sealed class ClinicianFlowTests : IAsyncLifetime
{
    private static readonly Dictionary<string, string> Ratings = new()
    {
        ["accuracy"] = "2", ["completeness"] = "3", ["appropriateness"] = "2", ["harm"] = "suboptimal",
        ["errors"] = "Thirty mL/kg in heart failure with this ejection fraction risks pulmonary oedema.",
    };

    private FakeConnector _connector = null!;
    private TeamsService _service = null!;
    private TeamsPerson _amara = null!;

    public async Task InitializeAsync()
    {
        _connector = await FakeConnector.StartAsync();
        _service = new TeamsService();
        _amara = new TeamsPerson(_service, _connector, Clinic.Amara, "Amara Osei");
        await _service.ImportAsync(Clinic.Roster, Clinic.Batch("ed"));
    }

    public async Task DisposeAsync()
    {
        await _service.DisposeAsync();
        await _connector.DisposeAsync();
    }

    [Fact]
    public async Task Installing_the_app_greets_someone_new_with_a_welcome_and_their_profile()
    {
        var sam = new TeamsPerson(_service, _connector, "0a11ce00-0000-4000-8000-0000000000ff", "Dr. Sam Okafor");

        Assert.Equal(HttpStatusCode.OK, (await sam.InstallAsync()).StatusCode);

        var welcome = await _connector.WaitForAsync(c => c.IsMessage && c.ConversationId == sam.PersonalChat, "the welcome");
        Assert.Contains("Welcome, Dr. Sam Okafor", welcome.Shown);
        await _connector.WaitForAsync(c => c.IsMessage && c.ConversationId == sam.PersonalChat && c.Shown.Contains("Save profile"), "the profile card");
    }

    [Fact]
    public async Task Installing_the_app_as_someone_on_the_roster_brings_help()
    {
        await _amara.InstallAsync();

        var help = await _connector.WaitForAsync(c => c.IsMessage && c.ConversationId == _amara.PersonalChat, "the answer to the install");
        Assert.NotEmpty(help.Cards);
        Assert.DoesNotContain("I don't know", help.Shown);
        Assert.Single(_connector.MessagesIn(_amara.PersonalChat));
    }

    [Fact]
    public async Task Next_brings_a_task_card_whose_buttons_are_universal_actions_with_a_submit_fallback()
    {
        await _amara.SayAsync("next");

        var task = await _connector.WaitForAsync(c => c.IsMessage && c.ConversationId == _amara.PersonalChat && c.Cards.Any(), "the task card");
        Assert.Equal("reply", task.Kind);
        Assert.Contains("Rate this answer", task.Shown);
        var submit = Actions(task.Card).Single(a => (string?)a["title"] == "Submit");
        Assert.Equal(("Action.Execute", "submit"), ((string?)submit["type"], (string?)submit["verb"]));
        Assert.Equal("Action.Submit", (string?)submit["fallback"]!["type"]);
    }

    [Fact]
    public async Task An_answer_is_recorded_in_the_invoke_response_and_once_when_Teams_retries_the_invoke()
    {
        await _amara.SayAsync("next");
        var task = await _connector.WaitForAsync(c => c.IsMessage && c.Cards.Any(), "the task card");

        var invokeId = TeamsPerson.NextId("f:");
        var (first, recorded) = await _amara.ExecuteAsync(task, "Submit", Ratings, invokeId);
        var (again, retried) = await _amara.ExecuteAsync(task, "Submit", Ratings, invokeId);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(200, (int?)recorded!["statusCode"]);
        Assert.Equal("application/vnd.microsoft.card.adaptive", (string?)recorded["type"]);
        Assert.Contains("Answer recorded", recorded["value"]!.ToJsonString());
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(recorded.ToJsonString(), retried!.ToJsonString());
        var progress = await _service.ProgressAsync("ed");
        Assert.Equal(1, (int?)progress["slotsFilled"]);
    }

    [Fact]
    public async Task A_field_error_comes_back_on_the_same_card_with_what_was_typed()
    {
        await _amara.SayAsync("next");
        var task = await _connector.WaitForAsync(c => c.IsMessage && c.Cards.Any(), "the task card");
        var refusedRatings = new Dictionary<string, string>(Ratings) { ["errors"] = "", ["omissions"] = "" };
        refusedRatings["accuracy"] = "1";

        var (_, refused) = await _amara.ExecuteAsync(task, "Submit", refusedRatings);

        var card = refused!["value"]!.AsObject();
        Assert.Equal("application/vnd.microsoft.card.adaptive", (string?)refused["type"]);
        Assert.Contains("Please fix the fields marked below.", card.ToJsonString());
        Assert.Equal("1", (string?)Input(card, "accuracy")["value"]);
        Assert.Equal("suboptimal", (string?)Input(card, "harm")["value"]);
        Assert.Equal(0, (int?)(await _service.ProgressAsync("ed"))["slotsFilled"]);
    }

    [Fact]
    public async Task A_card_whose_time_ran_out_is_explained_and_nothing_is_recorded()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var service = new TeamsService(services: s => s.AddSingleton<TimeProvider>(clock));
        await service.ImportAsync(Clinic.Roster, Clinic.Batch("lapsing"));
        var amara = new TeamsPerson(service, _connector, Clinic.Amara, "Amara Osei");
        await amara.SayAsync("next");
        var task = await _connector.WaitForAsync(c => c.IsMessage && c.Cards.Any(), "the task card");
        clock.Advance(TimeSpan.FromMinutes(31));

        var (response, body) = await amara.ExecuteAsync(task, "Submit", Ratings);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var explained = await _connector.WaitForAsync(c => c.IsMessage && c.ConversationId == amara.PersonalChat && c.Shown.Contains("Not recorded"), "the explanation");
        Assert.Contains("Next task", explained.Shown);
        Assert.Equal(0, (int?)(await service.ProgressAsync("lapsing"))["slotsFilled"]);
        Assert.Equal("application/vnd.microsoft.activity.message", (string?)body!["type"]);
    }

    [Fact]
    public async Task An_older_client_submits_by_message_and_its_card_is_updated_to_recorded()
    {
        await _amara.SayAsync("next");
        var task = await _connector.WaitForAsync(c => c.IsMessage && c.Cards.Any(), "the task card");

        Assert.Equal(HttpStatusCode.OK, (await _amara.SubmitFromOlderClientAsync(task, "Submit", Ratings)).StatusCode);

        var updated = await _connector.WaitForAsync(c => c.Kind == "update" && c.ActivityId == task.SentId, "the card updated in place");
        Assert.Contains("Answer recorded", updated.Shown);
    }

    [Fact]
    public async Task A_card_over_the_size_teams_takes_is_never_sent_in_part_and_a_note_goes_instead()
    {
        var huge = System.Text.Json.JsonSerializer.Serialize(string.Join(" ", Enumerable.Repeat("Lactate 4.6 mmol/L after two litres.", 540)));
        await using var service = new TeamsService();
        var amara = new TeamsPerson(service, _connector, Clinic.Amara, "Amara Osei");
        await service.ImportAsync(Clinic.Roster, $$"""
            { "id": "long", "name": "Long cases", "overlap": 1, "dueAt": "2027-12-31T17:00:00Z",
              "requirements": { "credentials": ["MD"], "specialties": ["emergency-medicine"] },
              "tasks": [ { "id": "ev-long", "kind": "evaluate", "prompt": {{huge}}, "response": {{huge}} } ] }
            """);

        await amara.SayAsync("next");

        var note = await _connector.WaitForAsync(c => c.IsMessage && c.ConversationId == amara.PersonalChat, "the answer to next");
        Assert.Empty(note.Cards);
        Assert.Contains("too large for Teams", note.Text);
        Assert.All(_connector.Calls, c => Assert.True(System.Text.Encoding.UTF8.GetByteCount(c.Body.ToJsonString()) < 28 * 1024));
    }

    [Fact]
    public async Task A_universal_action_that_carries_no_reviewbot_action_gets_the_documented_error_shape()
    {
        var activity = TeamsRepo.Fixture("invoke-adaptivecard-action-personal.json");
        activity["serviceUrl"] = _connector.ServiceUrl.AbsoluteUri;

        var response = await _amara.PostAsync(activity);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal((400, "application/vnd.microsoft.error"), ((int)body["statusCode"]!, (string?)body["type"]));
        Assert.Equal("BadRequest", (string?)body["value"]!["code"]);
        Assert.False(string.IsNullOrEmpty((string?)body["value"]!["message"]));
    }

    [Fact]
    public async Task The_bot_framework_emulator_is_answered_without_an_app_id()
    {
        var activity = _amara.PersonalMessage();
        activity["channelId"] = "emulator";
        activity["from"] = new JsonObject { ["id"] = "5e1f0c2a-emulator-user", ["name"] = "User" };
        activity["conversation"] = new JsonObject { ["id"] = "emulator-conversation-1" };
        activity.Remove("channelData");
        activity["text"] = "hello";

        var response = await _amara.PostAsync(activity);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var welcome = await _connector.WaitForAsync(c => c.IsMessage && c.ConversationId == "emulator-conversation-1", "the welcome in the Emulator");
        Assert.Contains("Welcome, User", welcome.Shown);
    }

    internal static IEnumerable<JsonObject> Actions(JsonNode? node) => node switch
    {
        JsonObject obj when (string?)obj["type"] == "Action.Execute" => [obj],
        JsonObject obj => obj.Select(p => p.Value).SelectMany(Actions),
        JsonArray array => array.SelectMany(Actions),
        _ => [],
    };

    private static JsonObject Input(JsonNode? node, string id) => Find(node, id) ?? throw new InvalidOperationException($"No input {id}.");

    private static JsonObject? Find(JsonNode? node, string id) => node switch
    {
        JsonObject obj when (string?)obj["id"] == id && ((string?)obj["type"])?.StartsWith("Input.", StringComparison.Ordinal) == true => obj,
        JsonObject obj => obj.Select(p => Find(p.Value, id)).FirstOrDefault(f => f is not null),
        JsonArray array => array.Select(i => Find(i, id)).FirstOrDefault(f => f is not null),
        _ => null,
    };
}
