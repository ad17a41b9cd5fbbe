using System.Text.Json.Nodes;
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
        await using (var before = Running(Start))
        {
            await before.ImportAsync(People, Batches.Document("restart", overlap: 2));
            await before.Chat.SayAsync("web:lena", "announce restart at 09:00");
            await before.Chat.SayAsync("web:lena", "remind restart");
            await before.DeliverDueAsync();
            await before.Chat.PressAsync("web:priya", "reminder", "snooze", new JsonObject { ["batchId"] = "restart", ["snooze"] = "2h" });
        }

        await using var after = Running(Start.AddDays(1));
        await after.DeliverDueAsync();
        await after.DeliverDueAsync();

        Assert.Equal(1, await after.Chat.CountCardsAsync("web:channel:team", "announcement"));
        Assert.Equal(2, await after.Chat.CountCardsAsync("web:priya", "reminder"));
        Assert.Empty((await (await after.Client.GetAsync("/api/schedule")).JsonAsync()).EnumerateArray());
    }

    /// <summary>One run of the service on the test's Redis, at its own moment.</summary>
    private ClockedHost Running(DateTimeOffset now) => new(now, new Dictionary<string, string>
    {
        ["ConnectionStrings:Redis"] = $"127.0.0.1:{redis.Port}",
        ["Roles:TeamChannel"] = "web:channel:team",
    });
}
