using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ReviewBot.Cards.Tests.Support;

namespace ReviewBot.Channels.Teams.Tests.Support;

/// <summary>One call the bot made to the Bot Connector: what (<c>reply</c>, <c>send</c>, <c>update</c>, <c>create</c>,
/// <c>channels</c>), into which conversation, and the body as sent.</summary>
public sealed record ConnectorCall(string Kind, string? ConversationId, string? ActivityId, JsonObject Body, DateTimeOffset At)
{
    /// <summary>The id the connector gave a message it took (the card's message id, for a later press on it).</summary>
    public string? SentId { get; init; }

    public string? Text => (string?)Body["text"];

    /// <summary>The Adaptive Cards the message carries.</summary>
    public IEnumerable<JsonObject> Cards => (Body["attachments"] as JsonArray ?? [])
        .OfType<JsonObject>().Where(a => (string?)a["contentType"] == "application/vnd.microsoft.card.adaptive").Select(a => a["content"]!.AsObject());

    public JsonObject Card => Cards.Single();

    /// <summary>All text of the message and its cards, for a person's eye.</summary>
    public string Shown => Body.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    public bool IsMessage => Kind is "reply" or "send" or "update";
}

/// <summary>
/// A loopback stand-in for the Bot Connector (the <c>serviceUrl</c> of every activity the tests post), answering as
/// its REST reference says: replies and sends into a conversation, card updates, opening a personal chat, listing a
/// team's channels. It keeps every call, can refuse sends with a status (429 with Retry-After, 403
/// MessageWritesBlocked…), and on disposal fails the test if any Adaptive Card it was sent, or that the bot returned
/// in an invoke response, is not valid against the official schema.
/// </summary>
public sealed class FakeConnector : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ConnectorCall> _calls = new();
    private readonly ConcurrentQueue<(int Status, string Body, string? RetryAfter)> _refusals = new();
    private readonly ConcurrentQueue<JsonObject> _invokeCards = new();
    private long _sequence;

    public Uri ServiceUrl { get; }
    public IReadOnlyList<ConnectorCall> Calls => [.. _calls];
    public Dictionary<string, List<(string Id, string? Name)>> TeamChannels { get; } = [];

    /// <summary>Sends refused so far (each also kept in <see cref="Calls"/> as <c>refused</c>).</summary>
    public int Refused => Calls.Count(c => c.Kind == "refused");

    private FakeConnector(WebApplication app, Uri serviceUrl)
    {
        _app = app;
        ServiceUrl = serviceUrl;
    }

    public static async Task<FakeConnector> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        FakeConnector? fake = null;
        app.MapPost("/v3/conversations/{conversationId}/activities/{activityId}", (string conversationId, string activityId, HttpContext c) =>
            fake!.ActivityAsync("reply", conversationId, activityId, c));
        app.MapPost("/v3/conversations/{conversationId}/activities", (string conversationId, HttpContext c) => fake!.ActivityAsync("send", conversationId, null, c));
        app.MapPut("/v3/conversations/{conversationId}/activities/{activityId}", (string conversationId, string activityId, HttpContext c) =>
            fake!.ActivityAsync("update", conversationId, activityId, c));
        app.MapPost("/v3/conversations", (HttpContext c) => fake!.CreateAsync(c));
        app.MapGet("/v3/teams/{teamId}/conversations", (string teamId) => fake!.Channels(teamId));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        fake = new FakeConnector(app, new Uri(address + "/"));
        return fake;
    }

    /// <summary>The next <paramref name="times"/> messages sent outside a turn (the outbox's) are refused with this
    /// status and body.</summary>
    public void Refuse(int status, int times, string body = "{}", string? retryAfter = null)
    {
        for (var i = 0; i < times; i++)
        {
            _refusals.Enqueue((status, body, retryAfter));
        }
    }

    /// <summary>Invoke responses the bot gave, so that their cards are checked with the rest.</summary>
    public void SawInvokeCard(JsonObject card) => _invokeCards.Enqueue(card);

    public IEnumerable<ConnectorCall> MessagesIn(string conversationId) => Calls.Where(c => c.IsMessage && c.ConversationId == conversationId);

    public async Task<ConnectorCall> WaitForAsync(Func<ConnectorCall, bool> match, string what, int after = 0)
    {
        for (var waited = 0; waited < 300; waited++)
        {
            if (Calls.Skip(after).FirstOrDefault(match) is { } call)
            {
                return call;
            }
            await Task.Delay(50);
        }
        throw new TimeoutException($"The connector never got {what}. It got: {string.Join(", ", Calls.Select(c => $"{c.Kind} {c.ConversationId} {c.Text}"))}");
    }

    private async Task ActivityAsync(string kind, string conversationId, string? activityId, HttpContext context)
    {
        var body = await JsonNode.ParseAsync(context.Request.Body) as JsonObject ?? [];
        if (kind == "send" && _refusals.TryDequeue(out var refusal))
        {
            _calls.Enqueue(new ConnectorCall("refused", conversationId, activityId, body, DateTimeOffset.UtcNow));
            context.Response.StatusCode = refusal.Status;
            if (refusal.RetryAfter is not null)
            {
                context.Response.Headers.RetryAfter = refusal.RetryAfter;
            }
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(refusal.Body);
            return;
        }
        var id = kind == "update" ? activityId : Interlocked.Increment(ref _sequence).ToString("D6", CultureInfo.InvariantCulture);
        _calls.Enqueue(new ConnectorCall(kind, conversationId, activityId, body, DateTimeOffset.UtcNow) { SentId = id });
        await context.Response.WriteAsJsonAsync(new { id });
    }

    private async Task CreateAsync(HttpContext context)
    {
        var body = await JsonNode.ParseAsync(context.Request.Body) as JsonObject ?? [];
        _calls.Enqueue(new ConnectorCall("create", null, null, body, DateTimeOffset.UtcNow));
        var member = (string?)body["members"]?[0]?["id"];
        await context.Response.WriteAsJsonAsync(new { id = "a:personal-" + member });
    }

    private IResult Channels(string teamId)
    {
        _calls.Enqueue(new ConnectorCall("channels", teamId, null, [], DateTimeOffset.UtcNow));
        var channels = TeamChannels.GetValueOrDefault(teamId, []).Select(c => new { id = c.Id, name = c.Name });
        return Results.Json(new { conversations = channels });
    }

    public async ValueTask DisposeAsync()
    {
        using (var stop = new CancellationTokenSource(TimeSpan.FromSeconds(2))) { await _app.StopAsync(stop.Token); }
        await _app.DisposeAsync();
        var problems = Calls.SelectMany(c => c.Cards).Concat(_invokeCards)
            .SelectMany(card => AdaptiveCardSchema.Problems(card).Select(p => $"{(string?)card["fallbackText"]}: {p}"))
            .Distinct().ToList();
        Assert.True(problems.Count == 0, "A card the bot sent is not valid against the official Adaptive Card schema:\n" + string.Join("\n", problems));
    }
}
