using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using ReviewBot.Assignments;
using ReviewBot.Cards;
using ReviewBot.Reviewers;
using ReviewBot.Storage;
using ReviewBot.Tasks;
using ReviewBot.Testing;

namespace ReviewBot.Bench;

/// <summary>
/// Slack's request path, end to end on loopback: the service (its own process, Release, on Debian's redis-server with
/// <c>appendfsync always</c>) takes signed <c>view_submission</c>s (verify, parse, validate, record the answer durably,
/// answer to close the modal; then the message is updated through a loopback Slack API) and signed
/// <c>block_actions</c> (verify, parse, find the task, record the press once, answer; then the modal is opened), and in
/// the same run a bare Slack Bolt for JavaScript app (bench/slack-bolt/app.js) only acknowledges the same payloads.
/// Closed loops at 16 and 64 connections give req/s, p50 and p99; an open loop at 500 req/s gives the latency a
/// clinic would see. The load generator runs in this process, on the same two cores, for both.
/// </summary>
internal static class SlackBenchmark
{
    private const string Secret = "bench-signing-secret-0123456789";
    private const int Warmup = 2_000;
    private const int Measured = 10_000;
    private const int SteadyRate = 500;
    private static readonly TimeSpan SteadyFor = TimeSpan.FromSeconds(10);
    private static readonly int[] ConnectionCounts = [16, 64];
    private const int Pressers = 64;
    /// <summary>Submissions sent one at a time, for the path's own latency with nothing queued.</summary>
    private const int Alone = 300;

    public static async Task RunAsync(TextWriter output)
    {
        var submissions = ConnectionCounts.Length * (Warmup + Measured) + SteadyRate * (int)SteadyFor.TotalSeconds + Alone;
        output.WriteLine("slack: signed view_submission and block_actions, ReviewBot's full path against a bare Bolt ack (same payloads, same load generator)");
        var redis = new RedisServerProcess();
        await redis.InitializeAsync();
        try
        {
            await using var slackApi = await QuietSlackApi.StartAsync();
            var started = Stopwatch.GetTimestamp();
            var pool = await PrepareAsync(redis.Redis, submissions);
            output.WriteLine($"  prepared {submissions:N0} leased evaluation tasks for {submissions:N0} Slack users in {Stopwatch.GetElapsedTime(started).TotalSeconds:0.0} s " +
                $"(redis-server {redis.Port}, appendonly yes, appendfsync always)");
            await using var ours = await ServerProcess.StartReviewBotAsync(redis.Port, slackApi.Address);
            await using var bolt = await ServerProcess.StartBoltAsync();
            var payloads = new Payloads(pool);

            var server = redis.Redis.GetServer(redis.Redis.GetEndPoints()[0]);
            await server.ExecuteAsync("CONFIG", "RESETSTAT");
            var alone = await ClosedLoopAsync(ours.Events, 1, "view_submission", payloads, consume: true, warmup: 0, measured: Alone);
            var commands = (await server.InfoAsync("commandstats")).SelectMany(g => g)
                .Select(kv => (Command: kv.Key.Replace("cmdstat_", ""), Calls: long.Parse(kv.Value.Split(',')[0].Split('=')[1], CultureInfo.InvariantCulture)))
                .Where(c => c.Command is not ("config" or "info")).OrderByDescending(c => c.Calls).ToList();
            output.WriteLine($"  one submission at a time: p50 {alone.P50:0.0} ms, p99 {alone.P99:0.0} ms; redis-server commands per submission " +
                $"(INFO commandstats, with the background outbox sweeps): {commands.Sum(c => c.Calls) / (double)Alone:0.0} — " +
                string.Join(", ", commands.Take(8).Select(c => $"{c.Command} {c.Calls / (double)Alone:0.0}")));
            output.WriteLine($"  {"payload",-16} {"conns",5} | {"ReviewBot req/s",15} {"p50 ms",7} {"p99 ms",7} | {"Bolt req/s",10} {"p50 ms",7} {"p99 ms",7} | ratio");
            foreach (var kind in new[] { "view_submission", "block_actions" })
            {
                foreach (var connections in ConnectionCounts)
                {
                    var ourRun = await ClosedLoopAsync(ours.Events, connections, kind, payloads, consume: true);
                    var boltRun = await ClosedLoopAsync(bolt.Events, connections, kind, payloads, consume: false);
                    output.WriteLine($"  {kind,-16} {connections,5} | {ourRun.PerSecond,15:N0} {ourRun.P50,7:0.0} {ourRun.P99,7:0.0} | " +
                        $"{boltRun.PerSecond,10:N0} {boltRun.P50,7:0.0} {boltRun.P99,7:0.0} | {ourRun.PerSecond / boltRun.PerSecond:0.00}" +
                        (ourRun.Failed + boltRun.Failed > 0 ? $"   FAILED: ReviewBot {ourRun.Failed}, Bolt {boltRun.Failed}" : ""));
                }
            }
            var steadyOurs = await OpenLoopAsync(ours.Events, "view_submission", payloads, consume: true);
            var steadyBolt = await OpenLoopAsync(bolt.Events, "view_submission", payloads, consume: false);
            output.WriteLine($"  view_submission at {SteadyRate} req/s for {SteadyFor.TotalSeconds:0} s (open loop, latency from each request's scheduled time): " +
                $"ReviewBot p50 {steadyOurs.P50:0.0} ms, p99 {steadyOurs.P99:0.0} ms; Bolt p50 {steadyBolt.P50:0.0} ms, p99 {steadyBolt.P99:0.0} ms" +
                (steadyOurs.Failed + steadyBolt.Failed > 0 ? $"   FAILED: ReviewBot {steadyOurs.Failed}, Bolt {steadyBolt.Failed}" : ""));

            var recorded = await redis.Redis.GetDatabase().HashLengthAsync(RedisKeys.Batch("bench-eval").Answers);
            output.WriteLine($"  answers recorded in redis-server: {recorded:N0} of {payloads.SubmissionsSentToUs:N0} submissions ReviewBot acknowledged; " +
                $"loopback Slack API calls after the acks: {slackApi.Calls:N0}");
        }
        finally
        {
            await redis.DisposeAsync();
        }
    }

    /// <summary>Leased evaluation tasks, one per Slack user (a submission records a new answer each time), and a few
    /// ranking tasks whose quick buttons are pressed over and over.</summary>
    private static async Task<Pool> PrepareAsync(StackExchange.Redis.IConnectionMultiplexer redis, int submissions)
    {
        var batches = new RedisBatchStore(redis);
        var reviewers = new RedisReviewerStore(redis);
        var assignments = new RedisAssignmentStore(redis);
        var evaluate = Enumerable.Range(0, submissions).Select(i => new
        {
            id = $"t{i}", kind = "evaluate",
            prompt = "A 58-year-old man, BP 86/50, lactate 4.6, on apixaban for atrial fibrillation. What are the first steps in the emergency department?",
            response = "Give 30 mL/kg balanced crystalloid, take blood cultures, start broad-spectrum antibiotics within the hour, and reassess perfusion.",
        });
        await batches.ImportAsync(BatchReader.ReadDocument(JsonSerializer.Serialize(new { id = "bench-eval", name = "Benchmark", overlap = 1, leaseMinutes = 240, tasks = evaluate })).Value!);
        var rank = Enumerable.Range(0, Pressers).Select(i => new
        {
            id = $"r{i}", kind = "rank", prompt = "First-line treatment for uncomplicated cystitis?",
            responses = new[] { new { id = "A", text = "Nitrofurantoin for 5 days." }, new { id = "B", text = "Ciprofloxacin for 7 days." } },
        });
        await batches.ImportAsync(BatchReader.ReadDocument(JsonSerializer.Serialize(new { id = "bench-rank", name = "Benchmark ranks", overlap = 1, leaseMinutes = 240, tasks = rank })).Value!);

        var people = Enumerable.Range(0, submissions).Select(i => Person($"UB{i:D7}")).Concat(Enumerable.Range(0, Pressers).Select(i => Person($"UR{i:D7}"))).ToList();
        foreach (var chunk in people.Chunk(2_000))
        {
            await reviewers.UpsertAsync(chunk);
        }
        var now = DateTimeOffset.UtcNow;
        var leased = new (string UserId, string TaskId, string AssignmentId)[submissions];
        await Parallel.ForEachAsync(Enumerable.Range(0, submissions), new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (i, _) =>
        {
            var claimed = (await assignments.ClaimNextAsync("bench-eval", people[i], now)).Assignment!;
            leased[i] = (people[i].Key[6..], claimed.TaskId, claimed.Id);
        });
        var pressed = new (string UserId, string TaskId, string AssignmentId)[Pressers];
        for (var i = 0; i < Pressers; i++)
        {
            var claimed = (await assignments.ClaimNextAsync("bench-rank", people[submissions + i], now)).Assignment!;
            pressed[i] = (people[submissions + i].Key[6..], claimed.TaskId, claimed.Id);
        }
        return new Pool(leased, pressed);
    }

    private static Reviewer Person(string userId) =>
        new() { Key = "slack:" + userId, Name = "Dr. " + userId, Credential = Credential.MD, Verified = true, TimeZone = "UTC" };

    private sealed record Pool((string UserId, string TaskId, string AssignmentId)[] Leased, (string UserId, string TaskId, string AssignmentId)[] Pressed);

    /// <summary>Slack's payloads for the pool, built as Slack sends them (the form's real blocks, state.values by
    /// field), each with its own trigger_id, signed at the moment it is sent.</summary>
    private sealed class Payloads
    {
        private readonly Pool _pool;
        /// <summary>The form bodies, URL-encoded once; the placeholders are letters, which encoding leaves as they are.</summary>
        private readonly string _submission;
        private readonly string _press;
        private int _nextSubmission;
        private int _nextPress;
        private int _sentToUs;

        public Payloads(Pool pool)
        {
            _pool = pool;
            var renderer = new CardRenderer(CardTemplates.FromOutputDirectory());
            var form = (JsonObject)renderer.RenderSlack("task-evaluate-form", JsonNode.Parse("""
                {"batchId":"bench-eval","batchName":"Benchmark","taskId":"QQTASKQQ","assignmentId":"QQASSIGNMENTQQ",
                 "prompt":"A 58-year-old man, BP 86/50, lactate 4.6, on apixaban for atrial fibrillation. What are the first steps in the emergency department?",
                 "response":"Give 30 mL/kg balanced crystalloid, take blood cultures, start broad-spectrum antibiotics within the hour, and reassess perfusion."}
                """));
            var metadata = JsonNode.Parse((string)form["private_metadata"]!)!.AsObject();
            metadata["slack"] = new JsonObject { ["channel"] = "DQQUSERQQ", ["ts"] = "1764000000.000100" };
            static JsonObject Choice(string type, string value) => new() { ["type"] = type, ["selected_option"] = new JsonObject { ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = value }, ["value"] = value } };
            var values = new JsonObject
            {
                ["accuracy"] = new JsonObject { ["accuracy"] = Choice("static_select", "4") },
                ["completeness"] = new JsonObject { ["completeness"] = Choice("static_select", "3") },
                ["appropriateness"] = new JsonObject { ["appropriateness"] = Choice("static_select", "4") },
                ["harm"] = new JsonObject { ["harm"] = Choice("radio_buttons", "suboptimal") },
                ["errors"] = new JsonObject { ["errors"] = new JsonObject { ["type"] = "plain_text_input", ["value"] = "Misses the apixaban: check for bleeding before any line." } },
                ["omissions"] = new JsonObject { ["omissions"] = new JsonObject { ["type"] = "plain_text_input", ["value"] = null } },
            };
            _submission = Encoded(new JsonObject
            {
                ["type"] = "view_submission", ["team"] = new JsonObject { ["id"] = "T0BENCH", ["domain"] = "clinic" },
                ["user"] = new JsonObject { ["id"] = "QQUSERQQ", ["username"] = "clinician", ["name"] = "clinician", ["team_id"] = "T0BENCH" },
                ["api_app_id"] = "A0BENCH", ["token"] = "legacy-fixed-value", ["trigger_id"] = "QQTRIGGERQQ",
                ["view"] = new JsonObject
                {
                    ["id"] = "V0BENCH", ["team_id"] = "T0BENCH", ["type"] = "modal", ["blocks"] = form["blocks"]!.DeepClone(),
                    ["private_metadata"] = metadata.ToJsonString(), ["callback_id"] = "task-evaluate-form",
                    ["state"] = new JsonObject { ["values"] = values }, ["hash"] = "1764000000.abcdef12",
                    ["title"] = form["title"]!.DeepClone(), ["submit"] = form["submit"]!.DeepClone(), ["close"] = form["close"]!.DeepClone(),
                    ["clear_on_close"] = false, ["notify_on_close"] = false, ["root_view_id"] = "V0BENCH", ["app_id"] = "A0BENCH", ["bot_id"] = "B0BENCH",
                },
                ["response_urls"] = new JsonArray(),
            });
            var value = """{"card":"task-rank","action":"show-form","form":"task-rank-form","ranking":"A>B","batchId":"bench-rank","taskId":"QQTASKQQ","assignmentId":"QQASSIGNMENTQQ","templateVersion":1}""";
            _press = Encoded(new JsonObject
            {
                ["type"] = "block_actions", ["user"] = new JsonObject { ["id"] = "QQUSERQQ", ["username"] = "clinician", ["name"] = "clinician", ["team_id"] = "T0BENCH" },
                ["api_app_id"] = "A0BENCH", ["token"] = "legacy-fixed-value",
                ["container"] = new JsonObject { ["type"] = "message", ["message_ts"] = "1764000000.000200", ["channel_id"] = "DQQUSERQQ", ["is_ephemeral"] = false },
                ["trigger_id"] = "QQTRIGGERQQ", ["team"] = new JsonObject { ["id"] = "T0BENCH", ["domain"] = "clinic" },
                ["channel"] = new JsonObject { ["id"] = "DQQUSERQQ", ["name"] = "directmessage" },
                ["response_url"] = "https://hooks.slack.com/actions/T0BENCH/1/QQTRIGGERQQ",
                ["actions"] = new JsonArray(new JsonObject
                {
                    ["action_id"] = "rank-first", ["block_id"] = "task", ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = "A is better" },
                    ["value"] = value, ["type"] = "button", ["action_ts"] = "1764000000.000300",
                }),
            });
        }

        private static string Encoded(JsonObject payload) => "payload=" + Uri.EscapeDataString(payload.ToJsonString());

        public int SubmissionsSentToUs => _sentToUs;

        /// <summary>The next body of this kind: a submission on a lease not answered yet (for ReviewBot; Bolt gets the
        /// same shape), or a press on one of the ranking tasks, each with a trigger_id of its own.</summary>
        public byte[] Next(string kind, bool consume)
        {
            string payload;
            if (kind == "view_submission")
            {
                var (user, task, assignment) = _pool.Leased[consume ? Interlocked.Increment(ref _nextSubmission) - 1 : Random.Shared.Next(_pool.Leased.Length)];
                if (consume)
                {
                    Interlocked.Increment(ref _sentToUs);
                }
                payload = _submission.Replace("QQUSERQQ", user).Replace("QQTASKQQ", task).Replace("QQASSIGNMENTQQ", Uri.EscapeDataString(assignment))
                    .Replace("QQTRIGGERQQ", $"{Guid.NewGuid():N}.bench");
            }
            else
            {
                var (user, task, assignment) = _pool.Pressed[Interlocked.Increment(ref _nextPress) % _pool.Pressed.Length];
                payload = _press.Replace("QQUSERQQ", user).Replace("QQTASKQQ", task).Replace("QQASSIGNMENTQQ", Uri.EscapeDataString(assignment))
                    .Replace("QQTRIGGERQQ", $"{Guid.NewGuid():N}.bench");
            }
            return Encoding.UTF8.GetBytes(payload);
        }
    }

    private static HttpRequestMessage Signed(Uri events, byte[] body)
    {
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var basestring = new byte[3 + timestamp.Length + 1 + body.Length];
        Encoding.ASCII.GetBytes("v0:" + timestamp + ":").CopyTo(basestring, 0);
        body.CopyTo(basestring, 3 + timestamp.Length + 1);
        var request = new HttpRequestMessage(HttpMethod.Post, events) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/x-www-form-urlencoded");
        request.Headers.Add("X-Slack-Request-Timestamp", timestamp);
        request.Headers.Add("X-Slack-Signature", "v0=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), basestring)));
        return request;
    }

    /// <summary>A 200 whose body is empty (the modal closes: the answer was recorded) or Bolt's empty ack.</summary>
    private static async Task<bool> SendAsync(HttpClient client, Uri events, byte[] body)
    {
        using var request = Signed(events, body);
        using var response = await client.SendAsync(request);
        var answer = await response.Content.ReadAsByteArrayAsync();
        return response.StatusCode == HttpStatusCode.OK && answer.Length == 0;
    }

    private static Task<LoadRun> ClosedLoopAsync(Uri events, int connections, string kind, Payloads payloads, bool consume,
        int warmup = Warmup, int measured = Measured) =>
        ClosedLoop.RunAsync(connections, warmup, measured, () => payloads.Next(kind, consume), (client, body) => SendAsync(client, events, body));

    /// <summary>Requests at a fixed rate whatever the answers take, each timed from when it was due, so a slow answer
    /// cannot hide the ones queued behind it.</summary>
    private static async Task<LoadRun> OpenLoopAsync(Uri events, string kind, Payloads payloads, bool consume)
    {
        using var client = BenchProcess.Client(64);
        var count = (int)(SteadyRate * SteadyFor.TotalSeconds);
        var latencies = new double[count];
        var failed = 0;
        var inFlight = new List<Task>(count);
        var started = Stopwatch.GetTimestamp();
        var interval = Stopwatch.Frequency / SteadyRate;
        var ticker = new Thread(() =>
        {
            for (var i = 0; i < count; i++)
            {
                var due = started + i * interval;
                while (Stopwatch.GetTimestamp() < due)
                {
                    Thread.Sleep(1);
                }
                var index = i;
                var body = payloads.Next(kind, consume);
                lock (inFlight)
                {
                    inFlight.Add(Task.Run(async () =>
                    {
                        if (!await SendAsync(client, events, body))
                        {
                            Interlocked.Increment(ref failed);
                        }
                        latencies[index] = (Stopwatch.GetTimestamp() - due) * 1000.0 / Stopwatch.Frequency;
                    }));
                }
            }
        });
        ticker.Start();
        ticker.Join();
        Task[] all;
        lock (inFlight)
        {
            all = [.. inFlight];
        }
        await Task.WhenAll(all);
        Array.Sort(latencies);
        return new LoadRun(SteadyRate, BenchProcess.Percentile(latencies, 0.50), BenchProcess.Percentile(latencies, 0.99), failed);
    }

    /// <summary>The loopback Slack Web API the service posts its follow-ups to (chat.update, views.open): answers
    /// every call at once, as Slack would.</summary>
    private sealed class QuietSlackApi : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private long _calls;

        private QuietSlackApi(WebApplication app) => _app = app;

        public Uri Address { get; private set; } = null!;
        public long Calls => Interlocked.Read(ref _calls);

        public static async Task<QuietSlackApi> StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            var port = BenchProcess.FreePort();
            builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
            builder.Logging.ClearProviders();
            var app = builder.Build();
            var api = new QuietSlackApi(app) { Address = new Uri($"http://127.0.0.1:{port}/api/") };
            app.MapPost("/api/{method}", async (HttpContext context) =>
            {
                Interlocked.Increment(ref api._calls);
                await context.Request.Body.CopyToAsync(Stream.Null);
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync("""{"ok":true,"channel":"D0BENCH","ts":"1764000000.000900","view":{"id":"V0BENCH"}}""");
            });
            await app.StartAsync();
            return api;
        }

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    /// <summary>A server under test in its own process: the ReviewBot service binary, or the Bolt app under Node.</summary>
    private sealed class ServerProcess : IAsyncDisposable
    {
        private readonly BenchProcess _process;

        private ServerProcess(BenchProcess process, Uri events)
        {
            _process = process;
            Events = events;
        }

        public Uri Events { get; }

        public static Task<ServerProcess> StartReviewBotAsync(int redisPort, Uri slackApi)
        {
            var port = BenchProcess.FreePort();
            return StartAsync(new ProcessStartInfo("dotnet",
            [
                Path.Combine(AppContext.BaseDirectory, "ReviewBot.dll"), "--environment", "Production", "--urls", $"http://127.0.0.1:{port}",
                "--ConnectionStrings:Redis", $"127.0.0.1:{redisPort}", "--Admin:ApiKey", "bench-admin-key",
                "--Slack:BotToken", "xoxb-bench", "--Slack:SigningSecret", Secret, "--Slack:ApiBaseUrl", slackApi.AbsoluteUri,
                "--Logging:LogLevel:Default", "Warning",
            ])
            { WorkingDirectory = AppContext.BaseDirectory }, port, "ReviewBot is running");
        }

        public static Task<ServerProcess> StartBoltAsync()
        {
            var port = BenchProcess.FreePort();
            var start = new ProcessStartInfo("node", [Path.Combine(RepositoryRoot(), "bench", "slack-bolt", "app.js")]) { WorkingDirectory = RepositoryRoot() };
            start.Environment["PORT"] = port.ToString(CultureInfo.InvariantCulture);
            start.Environment["SIGNING_SECRET"] = Secret;
            start.Environment["NODE_ENV"] = "production";
            return StartAsync(start, port, "listening");
        }

        private static async Task<ServerProcess> StartAsync(ProcessStartInfo start, int port, string ready) =>
            new(await BenchProcess.StartAsync(start, ready), new Uri($"http://127.0.0.1:{port}/slack/events"));

        public ValueTask DisposeAsync() => _process.DisposeAsync();
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ReviewBot.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException($"No ReviewBot.sln above {AppContext.BaseDirectory}.");
    }
}
