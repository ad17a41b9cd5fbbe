using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using ReviewBot.Conversations.Chat;
using ReviewBot.Host.Chat;
using ReviewBot.Host.Scheduling;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using ReviewBot.Conversations.Work;
using ReviewBot.Reviewers;
using ReviewBot.Storage;
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

    /// <summary>The night's end is 07:00 on the reader's clock, whatever the offset that day: on the night clocks
    /// go forward (8 March 2026 in New York) it is 11:00 UTC, on the night they go back (1 November) 12:00 UTC.</summary>
    [Theory]
    [InlineData("2026-03-08T06:30:00Z", "2026-03-08T11:00:00Z")]
    [InlineData("2026-03-08T02:30:00Z", "2026-03-08T11:00:00Z")]
    [InlineData("2026-03-07T23:59:00-05:00", "2026-03-08T11:00:00Z")]
    [InlineData("2026-11-01T05:30:00Z", "2026-11-01T12:00:00Z")]
    [InlineData("2026-11-01T06:30:00Z", "2026-11-01T12:00:00Z")]
    [InlineData("2026-11-01T12:00:00Z", "2026-11-01T12:00:00Z")]
    [InlineData("2026-11-01T11:59:00Z", "2026-11-01T12:00:00Z")]
    public void Quiet_hours_end_at_seven_local_across_a_daylight_saving_change(string when, string expected)
    {
        var allowed = QuietHoursRule.NextAllowed(DateTimeOffset.Parse(when), "America/New_York", QuietHours.Default);

        Assert.Equal(DateTimeOffset.Parse(expected), allowed);
    }

    [Fact]
    public async Task Only_what_is_due_is_sent_and_two_instances_sweeping_at_once_send_each_item_once()
    {
        await garnet.Redis.GetDatabase().KeyDeleteAsync([RedisKeys.Outbox.Items, RedisKeys.Outbox.Due, RedisKeys.Outbox.Attempts, RedisKeys.Outbox.Parked, RedisKeys.Outbox.Claims]);
        var clock = new FakeTimeProvider(Noon.AddHours(-2));
        var channel = new RecordingChannel();
        var (outbox, first) = Instance(clock, channel);
        var (_, second) = Instance(clock, channel);
        for (var i = 0; i < 40; i++)
        {
            await outbox.SendAsync([new DirectText($"test:r{i}", $"message {i}")], null, default);
        }
        await outbox.SendAsync([new PostToChannel("test:channel:team", "announcement", new JsonObject { ["batchId"] = "later" }, Noon.AddHours(1))], null, default);
        clock.SetUtcNow(Noon);

        var sweeps = await Task.WhenAll(first.SweepAsync(default), second.SweepAsync(default));

        Assert.Equal(40, sweeps.Sum());
        Assert.Equal(40, channel.Delivered.OfType<DirectText>().Select(t => t.UserKey).Distinct().Count());
        Assert.Empty(channel.Delivered.OfType<PostToChannel>());
        Assert.Equal(1, await new RedisOutbox(garnet.Redis).WaitingAsync());
    }

    [Fact]
    public async Task A_channel_that_fails_the_first_two_sends_still_delivers_the_message_once()
    {
        await garnet.Redis.GetDatabase().KeyDeleteAsync([RedisKeys.Outbox.Items, RedisKeys.Outbox.Due, RedisKeys.Outbox.Attempts, RedisKeys.Outbox.Parked, RedisKeys.Outbox.Claims]);
        var clock = new FakeTimeProvider(Noon);
        var channel = new RecordingChannel { FailNext = 2 };
        var (outbox, sweeper) = Instance(clock, channel);
        await outbox.SendAsync([new DirectText("test:priya", "Your reminder.")], null, default);

        var sweeps = new List<int>();
        foreach (var wait in new[] { 0, 5, 10, 20, 40 })
        {
            clock.Advance(TimeSpan.FromSeconds(wait));
            sweeps.Add(await sweeper.SweepAsync(default));
        }

        Assert.Equal([0, 0, 1, 0, 0], sweeps);
        Assert.Equal(3, channel.Attempts);
        Assert.Equal("Your reminder.", Assert.IsType<DirectText>(Assert.Single(channel.Delivered)).Text);
    }

    private (Outbox Outbox, OutboxSweeper Sweeper) Instance(TimeProvider clock, IChannelDelivery channel)
    {
        var reviewers = new RedisReviewerStore(garnet.Redis);
        var store = new RedisOutbox(garnet.Redis);
        var outbox = new Outbox([channel], store, reviewers, clock, NullLogger<Outbox>.Instance);
        var reminders = new ReminderCheck(reviewers, new RedisAssignmentStore(garnet.Redis), new RedisBatchStore(garnet.Redis), new ReminderPolicy(), clock);
        return (outbox, new OutboxSweeper(store, outbox, reminders, new SchedulingOptions(), clock, NullLogger<OutboxSweeper>.Instance));
    }
}

/// <summary>A channel that keeps what it was given, for tests to read, after refusing the first
/// <see cref="FailNext"/> sends as a platform in trouble would.</summary>
internal sealed class RecordingChannel(string channel = "test") : IChannelDelivery
{
    private int _attempts;

    public ConcurrentQueue<Reply> Delivered { get; } = new();
    public int FailNext { get; set; }
    public int Attempts => Volatile.Read(ref _attempts);

    public string Channel => channel;

    public Task DeliverAsync(string targetKey, Reply reply, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _attempts);
        if (FailNext > 0)
        {
            FailNext--;
            throw new HttpRequestException("The platform answered 503.");
        }
        Delivered.Enqueue(reply);
        return Task.CompletedTask;
    }
}
