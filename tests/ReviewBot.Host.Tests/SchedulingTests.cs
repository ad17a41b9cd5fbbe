using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using ReviewBot.Conversations.Chat;
using ReviewBot.Host.Chat;
using ReviewBot.Host.Scheduling;
using ReviewBot.Reviewers;
using ReviewBot.Testing;

namespace ReviewBot.Host.Tests;

public sealed class SchedulingTests(EmbeddedGarnetServer garnet) : IClassFixture<EmbeddedGarnetServer>
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 25, 18, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("2026-11-25T22:30:00-06:00", "2026-11-26T07:00:00-06:00")]
    [InlineData("2026-11-26T03:15:00-06:00", "2026-11-26T07:00:00-06:00")]
    [InlineData("2026-11-25T12:00:00-06:00", "2026-11-25T12:00:00-06:00")]
    [InlineData("2026-11-25T20:59:00-06:00", "2026-11-25T20:59:00-06:00")]
    public void A_reminder_inside_quiet_hours_waits_for_the_morning(string when, string expected)
    {
        var allowed = QuietHoursRule.NextAllowed(DateTimeOffset.Parse(when), "America/Chicago", QuietHours.Default);

        Assert.Equal(DateTimeOffset.Parse(expected), allowed);
    }

    [Fact]
    public async Task Only_what_is_due_is_sent_and_two_instances_sweeping_at_once_send_each_item_once()
    {
        await garnet.Redis.GetDatabase().KeyDeleteAsync(ReviewBot.Storage.RedisKeys.Due);
        var schedule = new ScheduledDeliveries(garnet.Redis);
        for (var i = 0; i < 40; i++)
        {
            await schedule.AddAsync(new DirectText($"web:r{i}", $"message {i}"), Noon.AddMinutes(-i), default);
        }
        await schedule.AddAsync(new PostToChannel("web:channel:team", "announcement", new JsonObject { ["batchId"] = "later" }), Noon.AddHours(1), default);

        var sent = new ConcurrentBag<Reply>();
        var sweeps = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => schedule.SweepAsync(Noon, reply =>
        {
            sent.Add(reply);
            return Task.CompletedTask;
        })));

        Assert.Equal(40, sweeps.Sum());
        Assert.Equal(40, sent.OfType<DirectText>().Select(t => t.UserKey).Distinct().Count());
        Assert.Empty(sent.OfType<PostToChannel>());
        Assert.Equal(1, await schedule.CountAsync());
    }
}
