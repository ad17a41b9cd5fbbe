using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace ReviewBot.Channels.Teams.Tests.Support;

/// <summary>
/// Someone using ReviewBot in Teams, as Teams reports it: installing the app, writing in their personal chat or
/// @mentioning the bot in a channel, pressing a card's Universal Action (an <c>adaptiveCard/action</c> invoke) or, on
/// an older client, its <c>Action.Submit</c> fallback (a message with a value). Each activity starts from Microsoft's
/// documented payloads in Fixtures/teams, with only ids, names and the serviceUrl changed.
/// </summary>
public sealed class TeamsPerson(TeamsService service, FakeConnector connector, string aadObjectId, string name)
{
    private static int _sequence;
    private readonly HttpClient _client = service.CreateClient();

    public string AadObjectId { get; } = aadObjectId;
    public string Key => "teams:" + AadObjectId;
    public string TeamsId => "29:user-" + AadObjectId;
    /// <summary>Their personal chat with the bot, as the fake connector also names one it opens.</summary>
    public string PersonalChat => "a:personal-" + TeamsId;

    /// <summary>Sent as the Authorization header of every activity (none by default, as with the Emulator).</summary>
    public string? Token { get; set; }

    public static string NextId(string prefix = "1:") => prefix + Interlocked.Increment(ref _sequence).ToString("D8");

    public Task<HttpResponseMessage> InstallAsync()
    {
        var activity = TeamsRepo.Fixture("conversation-update-bot-added-to-team.json");
        Address(activity, Personal());
        activity["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = Clinic.Tenant } };
        activity["membersAdded"] = new JsonArray(new JsonObject { ["id"] = Clinic.Bot }, new JsonObject { ["id"] = TeamsId, ["aadObjectId"] = AadObjectId });
        return PostAsync(activity);
    }

    /// <summary>Adds the app to a team whose channels the connector lists.</summary>
    public Task<HttpResponseMessage> AddToTeamAsync(string teamId, params (string Id, string? Name)[] channels)
    {
        connector.TeamChannels[teamId] = [.. channels];
        var activity = TeamsRepo.Fixture("conversation-update-bot-added-to-team.json");
        Address(activity, Channel(teamId));
        activity["channelData"]!["team"]!["id"] = teamId;
        activity["channelData"]!["settings"]!["selectedChannel"]!["id"] = teamId;
        activity["channelData"]!["tenant"]!["id"] = Clinic.Tenant;
        activity["membersAdded"] = new JsonArray(new JsonObject { ["id"] = Clinic.Bot });
        return PostAsync(activity);
    }

    public Task<HttpResponseMessage> SayAsync(string text)
    {
        var activity = PersonalMessage();
        activity["text"] = text;
        return PostAsync(activity);
    }

    /// <summary>A message in a channel thread that @mentions the bot, as Teams writes it.</summary>
    public Task<HttpResponseMessage> SayInChannelAsync(string channelId, string text)
    {
        var activity = TeamsRepo.Fixture("message-channel-thread-mention.json");
        Address(activity, Channel(channelId + ";messageid=" + NextId("")));
        activity["text"] = "<at>ReviewBot</at> " + text;
        activity["channelData"] = new JsonObject
        {
            ["teamsChannelId"] = channelId, ["teamsTeamId"] = Clinic.Team,
            ["channel"] = new JsonObject { ["id"] = channelId }, ["team"] = new JsonObject { ["id"] = Clinic.Team },
            ["tenant"] = new JsonObject { ["id"] = Clinic.Tenant },
        };
        activity["entities"]![0]!["mentioned"] = new JsonObject { ["id"] = Clinic.Bot, ["name"] = "ReviewBot" };
        activity["entities"]![0]!["text"] = "<at>ReviewBot</at>";
        activity.Remove("attachments");
        return PostAsync(activity);
    }

    /// <summary>Presses the Universal Action titled <paramref name="title"/> on a card the bot sent, with what was typed
    /// and chosen; the response is the invoke response Teams would get. <paramref name="activityId"/> again is Teams
    /// retrying the same invoke.</summary>
    public async Task<(HttpResponseMessage Response, JsonObject? Body)> ExecuteAsync(ConnectorCall message, string title,
        Dictionary<string, string>? inputs = null, string? activityId = null)
    {
        var action = ActionTitled(message.Card, title);
        Assert.Equal("Action.Execute", (string?)action["type"]);
        var data = action["data"]!.DeepClone().AsObject();
        foreach (var (field, value) in inputs ?? [])
        {
            data[field] = value;
        }
        var activity = TeamsRepo.Fixture("invoke-adaptivecard-action-personal.json");
        Address(activity, message.ConversationId == PersonalChat ? Personal() : Channel(message.ConversationId!));
        activity["id"] = activityId ?? NextId("f:");
        activity["replyToId"] = message.SentId;
        activity["value"] = new JsonObject
        {
            ["action"] = new JsonObject { ["type"] = "Action.Execute", ["title"] = title, ["verb"] = action["verb"]?.DeepClone(), ["data"] = data },
            ["trigger"] = "manual",
        };
        var response = await PostAsync(activity);
        var text = await response.Content.ReadAsStringAsync();
        var body = text.Length == 0 ? null : JsonNode.Parse(text) as JsonObject;
        if (body is { } answer && (string?)answer["type"] == "application/vnd.microsoft.card.adaptive")
        {
            connector.SawInvokeCard(answer["value"]!.AsObject());
        }
        return (response, body);
    }

    /// <summary>What a client too old for Action.Execute does: runs the action's Action.Submit fallback, which arrives
    /// as a message whose value is the submit's data merged with the inputs, replying to the card's message.</summary>
    public Task<HttpResponseMessage> SubmitFromOlderClientAsync(ConnectorCall message, string title, Dictionary<string, string> inputs)
    {
        var fallback = ActionTitled(message.Card, title)["fallback"]!.AsObject();
        Assert.Equal("Action.Submit", (string?)fallback["type"]);
        var value = fallback["data"]!.DeepClone().AsObject();
        foreach (var (field, typed) in inputs)
        {
            value[field] = typed;
        }
        var activity = TeamsRepo.Fixture("message-messageback-value.json");
        Address(activity, Personal());
        activity.Remove("text");
        activity["value"] = value;
        activity["replyToId"] = message.SentId;
        return PostAsync(activity);
    }

    public async Task<HttpResponseMessage> PostAsync(JsonObject activity)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages")
        {
            Content = new StringContent(activity.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        if (Token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        }
        return await _client.SendAsync(request);
    }

    public JsonObject PersonalMessage()
    {
        var activity = TeamsRepo.Fixture("invoke-adaptivecard-action-personal.json");
        Address(activity, Personal());
        activity["type"] = "message";
        activity["id"] = NextId("");
        foreach (var field in new[] { "name", "value", "replyToId" })
        {
            activity.Remove(field);
        }
        return activity;
    }

    private JsonObject Personal() => new() { ["conversationType"] = "personal", ["tenantId"] = Clinic.Tenant, ["id"] = PersonalChat };

    private static JsonObject Channel(string id) => new() { ["isGroup"] = true, ["conversationType"] = "channel", ["tenantId"] = Clinic.Tenant, ["id"] = id };

    private void Address(JsonObject activity, JsonObject conversation)
    {
        activity["id"] = NextId("");
        activity["serviceUrl"] = connector.ServiceUrl.AbsoluteUri;
        activity["from"] = new JsonObject { ["id"] = TeamsId, ["name"] = name, ["aadObjectId"] = AadObjectId };
        activity["recipient"] = new JsonObject { ["id"] = Clinic.Bot, ["name"] = "ReviewBot" };
        activity["conversation"] = conversation;
        activity["timestamp"] = DateTimeOffset.UtcNow.ToString("O");
        if (activity["channelData"]?["tenant"] is JsonObject tenant)
        {
            tenant["id"] = Clinic.Tenant;
        }
    }

    private static JsonObject ActionTitled(JsonObject card, string title) =>
        Actions(card).FirstOrDefault(a => (string?)a["title"] == title)
        ?? throw new InvalidOperationException($"The card has no action titled '{title}': {string.Join(", ", Actions(card).Select(a => (string?)a["title"]))}");

    private static IEnumerable<JsonObject> Actions(JsonNode? node) => node switch
    {
        JsonObject obj when ((string?)obj["type"])?.StartsWith("Action.", StringComparison.Ordinal) == true && obj["fallback"] is JsonObject => [obj],
        JsonObject obj when (string?)obj["type"] == "Action.Execute" => [obj],
        JsonObject obj => obj.Select(p => p.Value).SelectMany(Actions),
        JsonArray array => array.SelectMany(Actions),
        _ => [],
    };
}
