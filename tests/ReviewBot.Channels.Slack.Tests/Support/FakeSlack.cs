using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ReviewBot.Channels.Slack.Tests.Support;

/// <summary>One call the bot made to Slack: the Web API method (or <c>response_url</c>, <c>upload</c>) and its
/// arguments (a JSON body as it was; form fields as strings).</summary>
public sealed record SlackCall(string Method, JsonObject Args, DateTimeOffset At)
{
    private static readonly JsonSerializerOptions Readable = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public string? Arg(string name) => Args[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : Args[name]?.ToJsonString(Readable);

    /// <summary>The arguments as JSON, with text as a person would read it (no \u escapes).</summary>
    public string Json => Args.ToJsonString(Readable);
}

/// <summary>
/// A loopback stand-in for Slack's Web API (what <c>Slack:ApiBaseUrl</c> points at), its response_urls, its file
/// upload URLs and a Socket Mode WebSocket, answering as Slack's reference pages say. It keeps every call for the
/// tests to look at, keeps what was posted per channel (with metadata, for conversations.history), and can refuse
/// calls with 429 or stop answering, as a real platform under load does.
/// </summary>
public sealed class FakeSlack : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<SlackCall> _calls = new();
    private readonly ConcurrentDictionary<string, int> _rateLimited = new();
    private readonly ConcurrentDictionary<string, List<JsonObject>> _history = new();
    private readonly ConcurrentQueue<TaskCompletionSource<WebSocket>> _sockets = new();
    private long _sequence;
    private int _postsBeforeHang = int.MaxValue;

    public Uri Address { get; }
    public Uri ApiBase => new(Address, "/api/");
    public IReadOnlyList<SlackCall> Calls => [.. _calls];
    public Dictionary<string, string> Names { get; } = [];
    public int RetryAfterSeconds { get; set; } = 1;

    private FakeSlack(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    public static async Task<FakeSlack> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.UseWebSockets();
        FakeSlack? fake = null;
        app.MapPost("/api/{method}", (string method, HttpContext context) => fake!.ApiAsync(method, context));
        app.MapPost("/respond/{id}", (string id, HttpContext context) => fake!.RespondAsync(id, context));
        app.MapPost("/upload/{id}", (string id, HttpContext context) => fake!.UploadAsync(id, context));
        app.Map("/socket", (HttpContext context) => fake!.SocketAsync(context));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        fake = new FakeSlack(app, new Uri(address));
        return fake;
    }

    /// <summary>The next <paramref name="times"/> calls of <paramref name="method"/> get 429 with Retry-After.</summary>
    public void RateLimit(string method, int times) => _rateLimited[method] = times;

    /// <summary>After <paramref name="posts"/> more answered chat.postMessage calls, the next one is taken (it is in
    /// the channel's history) but never answered, and nothing after it is: a platform that went quiet mid-call.</summary>
    public void StopAnsweringAfter(int posts) => _postsBeforeHang = posts;

    public void AnswerAgain() => _postsBeforeHang = int.MaxValue;

    public string ResponseUrl(string id) => new Uri(Address, "/respond/" + id).AbsoluteUri;

    public IEnumerable<SlackCall> Of(string method) => Calls.Where(c => c.Method == method);

    /// <summary>Messages posted into <paramref name="channel"/>, oldest first.</summary>
    public IReadOnlyList<JsonObject> PostedIn(string channel) =>
        _history.TryGetValue(channel, out var posted) ? [.. posted] : [];

    public async Task<SlackCall> WaitForAsync(Func<SlackCall, bool> match, string what, int after = 0)
    {
        for (var waited = 0; waited < 200; waited++)
        {
            if (Calls.Skip(after).FirstOrDefault(match) is { } call)
            {
                return call;
            }
            await Task.Delay(50);
        }
        throw new TimeoutException($"Slack never got {what}. It got: {string.Join(", ", Calls.Select(c => c.Method))}");
    }

    public async Task WaitUntilAsync(Func<bool> condition, string what, int tenths = 200)
    {
        for (var waited = 0; waited < tenths && !condition(); waited++)
        {
            await Task.Delay(100);
        }
        Assert.True(condition(), $"Timed out waiting until {what}.");
    }

    /// <summary>The <paramref name="number"/>th WebSocket the bot opened for Socket Mode (after its apps.connections.open).</summary>
    public async Task<WebSocket> SocketAsync(int number = 1)
    {
        for (var waited = 0; waited < 200; waited++)
        {
            if (_sockets.Count >= number)
            {
                return await _sockets.ElementAt(number - 1).Task.WaitAsync(TimeSpan.FromSeconds(10));
            }
            await Task.Delay(50);
        }
        throw new TimeoutException($"The bot never opened Socket Mode WebSocket number {number}.");
    }

    private async Task ApiAsync(string method, HttpContext context)
    {
        var args = await ReadAsync(context.Request);
        if (!context.Request.Headers.Authorization.ToString().StartsWith("Bearer x", StringComparison.Ordinal))
        {
            _calls.Enqueue(new SlackCall(method, args, DateTimeOffset.UtcNow));
            await Json(context, new JsonObject { ["ok"] = false, ["error"] = "not_authed" });
            return;
        }
        if (_rateLimited.TryGetValue(method, out var left) && left > 0)
        {
            _rateLimited[method] = left - 1;
            _calls.Enqueue(new SlackCall(method + " (429)", args, DateTimeOffset.UtcNow));
            context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
            context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
            await Json(context, new JsonObject { ["ok"] = false, ["error"] = "ratelimited" });
            return;
        }
        var answer = method switch
        {
            "chat.postMessage" => Post(args),
            "chat.update" => new JsonObject { ["ok"] = true, ["channel"] = (string?)args["channel"], ["ts"] = (string?)args["ts"] },
            "chat.postEphemeral" => new JsonObject { ["ok"] = true, ["message_ts"] = NextTs() },
            "views.open" or "views.update" or "views.publish" => new JsonObject { ["ok"] = true, ["view"] = new JsonObject { ["id"] = "V" + Interlocked.Increment(ref _sequence) } },
            "conversations.open" => new JsonObject { ["ok"] = true, ["channel"] = new JsonObject { ["id"] = "D" + ((string?)args["users"])![1..] } },
            "users.info" => new JsonObject
            {
                ["ok"] = true,
                ["user"] = new JsonObject { ["id"] = (string?)args["user"], ["real_name"] = Names.GetValueOrDefault((string?)args["user"] ?? "", "Slack Person"), ["tz"] = "America/Chicago" },
            },
            "conversations.history" => History(args),
            "files.getUploadURLExternal" => Reserve(args),
            "files.completeUploadExternal" => new JsonObject { ["ok"] = true, ["files"] = new JsonArray() },
            "apps.connections.open" => new JsonObject { ["ok"] = true, ["url"] = new Uri(Address, "/socket").AbsoluteUri.Replace("http", "ws") },
            _ => new JsonObject { ["ok"] = false, ["error"] = "unknown_method" },
        };
        _calls.Enqueue(new SlackCall(method, args, DateTimeOffset.UtcNow));
        if (answer is null)
        {
            // Taken, but never answered: the caller is left waiting, as with a platform that went quiet.
            await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => { });
            return;
        }
        await Json(context, answer);
    }

    private JsonObject? Post(JsonObject args)
    {
        var channel = (string?)args["channel"] ?? "";
        var ts = NextTs();
        // Kept with the call, so that a test can press a button on the message it posted.
        args["ts"] = ts;
        var message = new JsonObject { ["ts"] = ts, ["text"] = (string?)args["text"] };
        if (args["metadata"] is JsonObject metadata)
        {
            message["metadata"] = metadata.DeepClone();
        }
        message["blocks"] = args["blocks"]?.DeepClone();
        var posted = _history.GetOrAdd(channel, _ => []);
        lock (posted)
        {
            posted.Add(message);
        }
        if (Interlocked.Decrement(ref _postsBeforeHang) < 0)
        {
            return null;
        }
        return new JsonObject { ["ok"] = true, ["channel"] = channel, ["ts"] = ts };
    }

    private JsonObject History(JsonObject args)
    {
        var oldest = double.Parse((string?)args["oldest"] ?? "0", CultureInfo.InvariantCulture);
        var messages = PostedIn((string?)args["channel"] ?? "")
            .Where(m => double.Parse((string)m["ts"]!, CultureInfo.InvariantCulture) >= oldest)
            .Select(m => (JsonNode)new JsonObject { ["ts"] = (string?)m["ts"], ["metadata"] = m["metadata"]?.DeepClone() })
            .Reverse().ToArray();
        return new JsonObject { ["ok"] = true, ["messages"] = new JsonArray(messages) };
    }

    private JsonObject Reserve(JsonObject args)
    {
        var id = "F" + Interlocked.Increment(ref _sequence);
        return new JsonObject { ["ok"] = true, ["upload_url"] = new Uri(Address, "/upload/" + id).AbsoluteUri, ["file_id"] = id };
    }

    private string NextTs() =>
        string.Create(CultureInfo.InvariantCulture, $"{DateTimeOffset.UtcNow.ToUnixTimeSeconds()}.{Interlocked.Increment(ref _sequence):D6}");

    private async Task RespondAsync(string id, HttpContext context)
    {
        var args = await ReadAsync(context.Request);
        args["response_url"] = id;
        _calls.Enqueue(new SlackCall("response_url", args, DateTimeOffset.UtcNow));
        await Json(context, new JsonObject { ["ok"] = true });
    }

    private async Task UploadAsync(string id, HttpContext context)
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body);
        _calls.Enqueue(new SlackCall("upload", new JsonObject { ["file_id"] = id, ["content"] = Encoding.UTF8.GetString(body.ToArray()) }, DateTimeOffset.UtcNow));
        await context.Response.WriteAsync("OK - " + body.Length);
    }

    private async Task SocketAsync(HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }
        var socket = await context.WebSockets.AcceptWebSocketAsync();
        var opened = new TaskCompletionSource<WebSocket>();
        _sockets.Enqueue(opened);
        opened.SetResult(socket);
        // Held open until the test or the bot closes it.
        while (socket.State is WebSocketState.Open or WebSocketState.CloseSent && !context.RequestAborted.IsCancellationRequested)
        {
            await Task.Delay(50);
        }
    }

    private static async Task<JsonObject> ReadAsync(HttpRequest request)
    {
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync();
            return new JsonObject(form.Select(f => KeyValuePair.Create(f.Key, (JsonNode?)f.Value.ToString())));
        }
        using var reader = new StreamReader(request.Body);
        var text = await reader.ReadToEndAsync();
        return text.Length == 0 ? [] : JsonNode.Parse(text) as JsonObject ?? [];
    }

    private static Task Json(HttpContext context, JsonObject answer)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        return context.Response.WriteAsync(answer.ToJsonString());
    }

    /// <summary>Stops the fake, and fails the test if anything the bot sent broke Block Kit's limits or carried live
    /// mrkdwn from data: every test's traffic is checked, not only the one that looks for it.</summary>
    public async ValueTask DisposeAsync()
    {
        using (var stop = new CancellationTokenSource(TimeSpan.FromSeconds(2))) { await _app.StopAsync(stop.Token); }
        await _app.DisposeAsync();
        var problems = Calls.SelectMany(BlockKitChecks.Problems).Distinct().ToList();
        Assert.True(problems.Count == 0, "What the bot sent to Slack broke its rules:\n" + string.Join("\n", problems));
    }
}
