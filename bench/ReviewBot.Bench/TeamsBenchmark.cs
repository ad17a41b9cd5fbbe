using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using ReviewBot.Assignments;
using ReviewBot.Reviewers;
using ReviewBot.Storage;
using ReviewBot.Tasks;
using ReviewBot.Testing;

namespace ReviewBot.Bench;

/// <summary>
/// Teams' request path, end to end on loopback: the service (its own process, Release, on Debian's redis-server with
/// <c>appendfsync always</c>, no app id as with the Emulator) takes Teams-shaped activities at /api/messages — an
/// <c>Action.Execute</c> invoke answering a task (parse, route, validate, record durably, answer with the recorded card
/// in the invoke response) and a <c>next</c> message (route, find the person's task, render the card, send it to a
/// loopback Bot Connector) — and in the same run the SDK's bare echo bot (<see cref="TeamsEchoPeer"/>, its own
/// process) gets the same activities: it echoes the message through the connector and answers the invoke with a
/// one-line card. Closed loops at 16 and 64 connections give req/s, p50 and p99. The load generator runs in this
/// process, on the same two cores, for both.
/// </summary>
internal static class TeamsBenchmark
{
    private const int Warmup = 500;
    private const int Measured = 4_000;
    private const int PeerMeasured = 1_000;
    private static readonly int[] ConnectionCounts = [16, 64];
    private const int Askers = 256;

    public static async Task RunAsync(TextWriter output)
    {
        var answers = ConnectionCounts.Length * (Warmup + Measured);
        output.WriteLine("teams: Action.Execute invokes and `next` messages at /api/messages, ReviewBot's full path against the SDK's bare echo bot (same activities, same load generator)");
        var redis = new RedisServerProcess();
        await redis.InitializeAsync();
        try
        {
            await using var connector = await QuietConnector.StartAsync();
            var pool = await PrepareAsync(redis.Redis, answers);
            output.WriteLine($"  prepared {answers:N0} leased evaluation tasks and {Askers} people holding a task (redis-server {redis.Port}, appendonly yes, appendfsync always)");
            var ourPort = BenchProcess.FreePort();
            await using var ours = await BenchProcess.StartAsync(new ProcessStartInfo("dotnet",
            [
                Path.Combine(AppContext.BaseDirectory, "ReviewBot.dll"), "--environment", "Production", "--urls", $"http://127.0.0.1:{ourPort}",
                "--ConnectionStrings:Redis", $"127.0.0.1:{redis.Port}", "--Admin:ApiKey", "bench-admin-key", "--Logging:LogLevel:Default", "Warning",
            ])
            { WorkingDirectory = AppContext.BaseDirectory }, "ReviewBot is running");
            var peerPort = BenchProcess.FreePort();
            await using var peer = await BenchProcess.StartAsync(new ProcessStartInfo("dotnet",
                [Path.Combine(AppContext.BaseDirectory, "ReviewBot.Bench.dll"), "teams-echo-peer", peerPort.ToString(System.Globalization.CultureInfo.InvariantCulture)])
            { WorkingDirectory = AppContext.BaseDirectory }, "listening");
            var activities = new Activities(pool, connector.ServiceUrl);
            var ourUrl = new Uri($"http://127.0.0.1:{ourPort}/api/messages");
            var peerUrl = new Uri($"http://127.0.0.1:{peerPort}/api/messages");

            output.WriteLine($"  {"activity",-16} {"conns",5} | {"ReviewBot req/s",15} {"p50 ms",7} {"p99 ms",7} | {"SDK echo req/s",14} {"p50 ms",7} {"p99 ms",7} | ratio");
            foreach (var kind in new[] { "next", "invoke" })
            {
                foreach (var connections in ConnectionCounts)
                {
                    var ourRun = await ClosedLoopAsync(ourUrl, ours, connections, kind, activities, isOurs: true, Measured);
                    var peerRun = await ClosedLoopAsync(peerUrl, peer, connections, kind, activities, isOurs: false, PeerMeasured);
                    output.WriteLine($"  {kind,-16} {connections,5} | {ourRun.PerSecond,15:N0} {ourRun.P50,7:0.0} {ourRun.P99,7:0.0} | " +
                        $"{peerRun.PerSecond,14:N0} {peerRun.P50,7:0.0} {peerRun.P99,7:0.0} | {ourRun.PerSecond / peerRun.PerSecond:0.0}" +
                        $" | CPU ms/request: ReviewBot {ourRun.CpuMs:0.00}, echo {peerRun.CpuMs:0.00}" +
                        (ourRun.Failed + peerRun.Failed > 0 ? $"   FAILED: ReviewBot {ourRun.Failed}, echo {peerRun.Failed}" : ""));
                }
            }
            var recorded = await redis.Redis.GetDatabase().HashLengthAsync(RedisKeys.Batch("bench-answers").Answers);
            output.WriteLine($"  answers recorded in redis-server: {recorded:N0} of {activities.InvokesSentToUs:N0} invokes sent to ReviewBot; " +
                $"messages the loopback connector took: {connector.Calls:N0}");
        }
        finally
        {
            await redis.DisposeAsync();
        }
    }

    private sealed record Pool((string Aad, string TaskId, string AssignmentId)[] Leased, string[] Askers);

    /// <summary>Leased evaluation tasks, one per person (each invoke records a new answer), and people who each hold a
    /// task, so that their <c>next</c> brings that task's card again.</summary>
    private static async Task<Pool> PrepareAsync(StackExchange.Redis.IConnectionMultiplexer redis, int answers)
    {
        var batches = new RedisBatchStore(redis);
        var reviewers = new RedisReviewerStore(redis);
        var assignments = new RedisAssignmentStore(redis);
        object Task(string id) => new
        {
            id, kind = "evaluate",
            prompt = "A 58-year-old man, BP 86/50, lactate 4.6, on apixaban for atrial fibrillation. What are the first steps in the emergency department?",
            response = "Give 30 mL/kg balanced crystalloid, take blood cultures, start broad-spectrum antibiotics within the hour, and reassess perfusion.",
        };
        await batches.ImportAsync(BatchReader.ReadDocument(JsonSerializer.Serialize(new { id = "bench-answers", name = "Benchmark", overlap = 1, leaseMinutes = 240,
            tasks = Enumerable.Range(0, answers).Select(i => Task($"t{i}")) })).Value!);
        await batches.ImportAsync(BatchReader.ReadDocument(JsonSerializer.Serialize(new { id = "bench-next", name = "Benchmark next", overlap = 1, leaseMinutes = 240,
            tasks = Enumerable.Range(0, Askers).Select(i => Task($"n{i}")) })).Value!);
        var people = Enumerable.Range(0, answers).Select(i => Person($"b{i:D7}")).Concat(Enumerable.Range(0, Askers).Select(i => Person($"n{i:D7}"))).ToList();
        foreach (var chunk in people.Chunk(2_000))
        {
            await reviewers.UpsertAsync(chunk);
        }
        var now = DateTimeOffset.UtcNow;
        var leased = new (string, string, string)[answers];
        await Parallel.ForEachAsync(Enumerable.Range(0, answers), new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (i, _) =>
        {
            var claimed = (await assignments.ClaimNextAsync("bench-answers", people[i], now)).Assignment!;
            leased[i] = (people[i].Key["teams:".Length..], claimed.TaskId, claimed.Id);
        });
        for (var i = 0; i < Askers; i++)
        {
            await assignments.ClaimNextAsync("bench-next", people[answers + i], now);
        }
        return new Pool(leased, [.. people.Skip(answers).Select(p => p.Key["teams:".Length..])]);
    }

    private static Reviewer Person(string aad) =>
        new() { Key = "teams:" + aad, Name = "Dr. " + aad, Credential = Credential.MD, Verified = true, TimeZone = "UTC" };

    /// <summary>Teams' activities for the pool, in the shapes of the fixtures (personal chat, <c>from.aadObjectId</c>,
    /// tenant), each with an id of its own; written once as text with placeholders.</summary>
    private sealed class Activities(Pool pool, Uri serviceUrl)
    {
        private readonly string _invoke = Template("invoke", serviceUrl, new JsonObject
        {
            ["name"] = "adaptiveCard/action",
            ["value"] = new JsonObject
            {
                ["action"] = new JsonObject
                {
                    ["type"] = "Action.Execute", ["title"] = "Submit", ["verb"] = "submit",
                    ["data"] = new JsonObject
                    {
                        ["card"] = "task-evaluate", ["action"] = "submit", ["templateVersion"] = 1,
                        ["batchId"] = "bench-answers", ["taskId"] = "QQTASKQQ", ["assignmentId"] = "QQASSIGNMENTQQ",
                        ["accuracy"] = "4", ["completeness"] = "3", ["appropriateness"] = "4", ["harm"] = "suboptimal",
                        ["errors"] = "Misses the apixaban: check for bleeding before any line.", ["omissions"] = "",
                    },
                },
                ["trigger"] = "manual",
            },
            ["replyToId"] = "1764000000000",
        });
        private readonly string _message = Template("message", serviceUrl, new JsonObject { ["text"] = "next" });
        private int _nextInvoke;
        private int _nextAsker;
        private int _invokesToUs;

        public int InvokesSentToUs => _invokesToUs;

        /// <summary>An invoke on a lease not answered yet (for ReviewBot; the echo bot gets the same shape), or a
        /// <c>next</c> from one of the people holding a task.</summary>
        public byte[] Next(string kind, bool ours)
        {
            var id = Guid.NewGuid().ToString("N");
            if (kind == "invoke")
            {
                var (aad, task, assignment) = pool.Leased[ours ? Interlocked.Increment(ref _nextInvoke) - 1 : Random.Shared.Next(pool.Leased.Length)];
                if (ours)
                {
                    Interlocked.Increment(ref _invokesToUs);
                }
                return Encoding.UTF8.GetBytes(_invoke.Replace("QQAADQQ", aad).Replace("QQTASKQQ", task).Replace("QQASSIGNMENTQQ", assignment).Replace("QQIDQQ", id));
            }
            var asker = pool.Askers[Interlocked.Increment(ref _nextAsker) % pool.Askers.Length];
            return Encoding.UTF8.GetBytes(_message.Replace("QQAADQQ", asker).Replace("QQIDQQ", id));
        }

        private static string Template(string type, Uri serviceUrl, JsonObject extra)
        {
            var activity = new JsonObject
            {
                ["type"] = type, ["channelId"] = "msteams", ["id"] = "f:QQIDQQ", ["serviceUrl"] = serviceUrl.AbsoluteUri,
                ["timestamp"] = "2026-12-04T12:00:00.000Z", ["locale"] = "en-US",
                ["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = "72f988bf-0000-4000-8000-00000000c11c" } },
                ["from"] = new JsonObject { ["id"] = "29:QQAADQQ", ["name"] = "Clinician", ["aadObjectId"] = "QQAADQQ" },
                ["recipient"] = new JsonObject { ["id"] = "28:reviewbot-bench", ["name"] = "ReviewBot" },
                ["conversation"] = new JsonObject { ["conversationType"] = "personal", ["tenantId"] = "72f988bf-0000-4000-8000-00000000c11c", ["id"] = "a:QQAADQQ" },
            };
            foreach (var (name, value) in extra)
            {
                activity[name] = value?.DeepClone();
            }
            return activity.ToJsonString();
        }
    }

    /// <summary>A 200; for an invoke, with a card in the body (ours: the recorded card; the echo bot's: its one line).</summary>
    private static async Task<bool> SendAsync(HttpClient client, Uri url, string kind, byte[] body)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        using var response = await client.PostAsync(url, content);
        var answer = await response.Content.ReadAsStringAsync();
        return response.StatusCode == HttpStatusCode.OK && (kind != "invoke" || answer.Contains("application/vnd.microsoft.card.adaptive", StringComparison.Ordinal));
    }

    private static Task<LoadRun> ClosedLoopAsync(Uri url, BenchProcess server, int connections, string kind, Activities activities, bool isOurs, int measured) =>
        ClosedLoop.RunAsync(connections, Warmup, measured, () => activities.Next(kind, isOurs), (client, body) => SendAsync(client, url, kind, body), server);

    /// <summary>The loopback Bot Connector both bots send their replies to: takes every activity at once.</summary>
    private sealed class QuietConnector : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private long _calls;

        private QuietConnector(WebApplication app, Uri serviceUrl)
        {
            _app = app;
            ServiceUrl = serviceUrl;
        }

        public Uri ServiceUrl { get; }
        public long Calls => Interlocked.Read(ref _calls);

        public static async Task<QuietConnector> StartAsync()
        {
            var port = BenchProcess.FreePort();
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
            builder.Logging.ClearProviders();
            var app = builder.Build();
            var connector = new QuietConnector(app, new Uri($"http://127.0.0.1:{port}/"));
            async Task Take(HttpContext context)
            {
                Interlocked.Increment(ref connector._calls);
                await context.Request.Body.CopyToAsync(Stream.Null);
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync("""{"id":"1764000000001"}""");
            }
            app.MapPost("/v3/conversations/{conversationId}/activities/{activityId}", Take);
            app.MapPost("/v3/conversations/{conversationId}/activities", Take);
            await app.StartAsync();
            return connector;
        }

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
