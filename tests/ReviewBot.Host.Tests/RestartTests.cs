using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using ReviewBot.Host.Chat;
using ReviewBot.Testing;

namespace ReviewBot.Host.Tests;

/// <summary>What is scheduled lives in the store, not in the process: after a restart a snoozed reminder and a
/// scheduled announcement still go out, once each. The two runs share a <c>redis-server</c>, as instances of a
/// deployment do; the embedded store's own restart is covered by the durability tests.</summary>
public sealed class RestartTests(RedisServerProcess redis) : IClassFixture<RedisServerProcess>
{
    private const string People = """
        [ { "key": "web:lena", "name": "Dr. Lena Fischer", "credential": "MD", "specialties": ["emergency-medicine"], "timeZone": "Europe/Berlin", "verified": true, "lead": true },
          { "key": "web:priya", "name": "Priya Raman", "credential": "NP", "specialties": ["emergency-medicine"], "timeZone": "America/Denver", "verified": true } ]
        """;

    private static readonly DateTimeOffset Start = new(2026, 11, 30, 16, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_snoozed_reminder_and_a_scheduled_announcement_fire_once_after_a_restart()
    {
        await using (var before = new Running(redis.Port, new FakeTimeProvider(Start)))
        {
            (await before.Client.PostJsonTextAsync("/api/reviewers", People)).EnsureSuccessStatusCode();
            (await before.Client.PostJsonTextAsync("/api/batches", Batches.Document("restart", overlap: 2))).EnsureSuccessStatusCode();
            await before.Chat.SayAsync("web:lena", "announce restart at 09:00");
            await before.Chat.SayAsync("web:lena", "remind restart");
            await before.DeliverDueAsync();
            await before.Chat.PressAsync("web:priya", "reminder", "snooze", new JsonObject { ["batchId"] = "restart", ["snooze"] = "2h" });
        }

        await using var after = new Running(redis.Port, new FakeTimeProvider(Start.AddDays(1)));
        await after.DeliverDueAsync();
        await after.DeliverDueAsync();

        Assert.Equal(1, await after.Chat.CountCardsAsync("web:channel:team", "announcement"));
        Assert.Equal(2, await after.Chat.CountCardsAsync("web:priya", "reminder"));
        Assert.Empty((await (await after.Client.GetAsync("/api/schedule")).JsonAsync()).EnumerateArray());
    }

    /// <summary>One run of the service on the test's Redis, on its own clock.</summary>
    private sealed class Running : IAsyncDisposable
    {
        private readonly ReviewBotApp _app;
        private readonly WebApplicationFactory<Program> _host;

        public Running(int redisPort, FakeTimeProvider clock)
        {
            _app = new ReviewBotApp();
            _app.Settings["ConnectionStrings:Redis"] = $"127.0.0.1:{redisPort}";
            _app.Settings["WebChat:Enabled"] = "true";
            _app.Settings["Roles:TeamChannel"] = "web:channel:team";
            _app.Settings["Scheduling:SweepSeconds"] = "3600";
            _host = _app.WithWebHostBuilder(builder => builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(clock)));
            Client = _host.CreateClient();
            Chat = new WebChatClient(Client);
        }

        public HttpClient Client { get; }
        public WebChatClient Chat { get; }

        public async Task DeliverDueAsync()
        {
            var sweeper = _host.Services.GetRequiredService<OutboxSweeper>();
            await sweeper.WhenIdleAsync();
            await sweeper.SweepAsync(default);
        }

        public async ValueTask DisposeAsync()
        {
            await _host.DisposeAsync();
            await _app.DisposeAsync();
        }
    }
}
