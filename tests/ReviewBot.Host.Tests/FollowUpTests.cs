using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using ReviewBot.Conversations.Chat;
using ReviewBot.Host.Chat;

namespace ReviewBot.Host.Tests;

/// <summary>
/// What a turn sets off for other people (a harm alert, reminders, an announcement) leaves the turn through the
/// outbox: it arrives even when the first delivery fails, a platform's retry of the same event sends nothing twice,
/// and a reminder is dropped when, by the time it goes, there is nothing left to remind of.
/// </summary>
public sealed class FollowUpTests : IAsyncLifetime
{
    private const string People = """
        [
          { "key": "web:lena", "name": "Dr. Lena Fischer", "credential": "MD", "specialties": ["emergency-medicine"], "timeZone": "Europe/Berlin", "verified": true, "lead": true },
          { "key": "web:amara", "name": "Dr. Amara Osei", "credential": "MD", "specialties": ["emergency-medicine"], "timeZone": "America/Chicago", "verified": true },
          { "key": "web:priya", "name": "Priya Raman", "credential": "NP", "specialties": ["emergency-medicine"], "timeZone": "America/Denver", "verified": true }
        ]
        """;

    private const string Severe = """{"accuracy":"1","completeness":"2","appropriateness":"1","harm":"severe","errors":"Thirty mL/kg in heart failure with this ejection fraction risks pulmonary oedema."}""";

    private readonly FlakyLeadChannel _leads = new();
    private ClockedHost _host = null!;

    public Task InitializeAsync()
    {
        // 16:00 UTC: the middle of the day for everyone above, so no reminder waits for a morning.
        _host = new ClockedHost(new DateTimeOffset(2026, 11, 30, 16, 0, 0, TimeSpan.Zero), new Dictionary<string, string>
        {
            ["Roles:LeadChannel"] = "flaky:channel:leads",
            ["Roles:TeamChannel"] = "web:channel:team",
        }, services => services.AddSingleton<IChannelDelivery>(_leads));
        return _host.ImportAsync(People, Batches.Document("follow"));
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task A_harm_alert_from_the_work_api_reaches_the_leads_although_its_first_delivery_fails()
    {
        _leads.FailNext = 1;
        var next = await (await _host.Client.PostAsync("/api/reviewers/web:amara/next", null)).JsonAsync();
        var assignment = next.GetProperty("assignment").GetProperty("id").GetString();
        var taskId = next.GetProperty("task").GetProperty("id").GetString();

        var answered = await _host.Client.PostJsonTextAsync($"/api/assignments/{assignment}/answer",
            $$"""{"reviewer":"web:amara","taskId":"{{taskId}}","fields":{{Severe}}}""");
        answered.EnsureSuccessStatusCode();
        await Eventually(() => _leads.Attempts >= 1, "the first delivery of the alert was tried");
        await _host.Services.GetRequiredService<OutboxSweeper>().WhenIdleAsync();
        Assert.Empty(_leads.Delivered);

        _host.Clock.Advance(TimeSpan.FromSeconds(6));
        await _host.DeliverDueAsync();

        var alert = Assert.Single(_leads.Delivered);
        Assert.Equal("harm-alert", alert.Card);
        Assert.Equal(("follow", taskId, "Severe harm"), ((string?)alert.Data["batchId"], (string?)alert.Data["taskId"], (string?)alert.Data["severity"]));
        _host.Clock.Advance(TimeSpan.FromMinutes(5));
        await _host.DeliverDueAsync();
        Assert.Single(_leads.Delivered);
    }

    [Fact]
    public async Task Remind_sent_twice_with_one_event_id_reminds_once_and_answers_the_same()
    {
        await _host.Chat.SayAsync("web:amara", "next");

        var first = await _host.Chat.SayAsync("web:lena", "remind follow", eventId: "5b0e6f1c-remind");
        var again = await _host.Chat.SayAsync("web:lena", "remind follow", eventId: "5b0e6f1c-remind");
        await _host.DeliverDueAsync();

        Assert.Equal(first.GetRawText(), again.GetRawText());
        Assert.Equal(1, await _host.Chat.CountCardsAsync("web:amara", "reminder"));
        Assert.Equal(1, await _host.Chat.CountCardsAsync("web:priya", "reminder"));
        Assert.Equal(1, (await _host.Chat.LogAsync("web:lena")).Count(m => m.GetProperty("from").GetString() == "web:lena"));
    }

    [Fact]
    public async Task Announce_sent_twice_with_one_event_id_posts_once()
    {
        await _host.Chat.SayAsync("web:lena", "announce follow", eventId: "c1d2-announce");
        await _host.Chat.SayAsync("web:lena", "announce follow", eventId: "c1d2-announce");
        await _host.DeliverDueAsync();

        Assert.Equal(1, await _host.Chat.CountCardsAsync("web:channel:team", "announcement"));
    }

    [Fact]
    public async Task A_snoozed_reminder_is_dropped_when_its_task_was_answered_before_it_went()
    {
        var task = WebChatClient.TaskSubmitData(await _host.Chat.SayAsync("web:amara", "next"));
        await _host.Chat.SayAsync("web:lena", "remind follow");
        await _host.DeliverDueAsync();
        await _host.Chat.PressAsync("web:amara", "reminder", "snooze", new JsonObject { ["batchId"] = "follow", ["snooze"] = "2h" });
        await _host.Chat.PressAsync("web:amara", (string)task["card"]!, "submit", WebChatClient.Filled(task, """{"accuracy":"4","completeness":"4","appropriateness":"4","harm":"none"}"""));

        _host.Clock.Advance(TimeSpan.FromHours(2) + TimeSpan.FromMinutes(1));
        await _host.DeliverDueAsync();

        Assert.Equal(1, await _host.Chat.CountCardsAsync("web:amara", "reminder"));
        Assert.Equal(0, await new ReviewBot.Storage.RedisOutbox(_host.Services.GetRequiredService<StackExchange.Redis.IConnectionMultiplexer>()).WaitingAsync());
    }

    [Fact]
    public async Task A_snoozed_invitation_is_dropped_when_its_reader_paused_before_it_went()
    {
        await _host.Chat.SayAsync("web:lena", "remind follow");
        await _host.DeliverDueAsync();
        await _host.Chat.PressAsync("web:priya", "reminder", "snooze", new JsonObject { ["batchId"] = "follow", ["snooze"] = "2h" });
        await _host.Chat.SayAsync("web:priya", "pause monday");

        _host.Clock.Advance(TimeSpan.FromHours(3));
        await _host.DeliverDueAsync();

        Assert.Equal(1, await _host.Chat.CountCardsAsync("web:priya", "reminder"));
    }

    private static async Task Eventually(Func<bool> condition, string what)
    {
        for (var waited = 0; waited < 100 && !condition(); waited++)
        {
            await Task.Delay(50);
        }
        Assert.True(condition(), $"Timed out waiting until {what}.");
    }

    /// <summary>The leads' channel on a platform that refuses the next <see cref="FailNext"/> deliveries.</summary>
    private sealed class FlakyLeadChannel : IChannelDelivery
    {
        private int _attempts;

        public int FailNext { get; set; }
        public int Attempts => Volatile.Read(ref _attempts);
        public List<PostToChannel> Delivered { get; } = [];

        public string Channel => "flaky";

        public Task DeliverAsync(string targetKey, Reply reply, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _attempts);
            if (FailNext > 0)
            {
                FailNext--;
                throw new HttpRequestException("The platform answered 503.");
            }
            lock (Delivered)
            {
                Delivered.Add((PostToChannel)reply);
            }
            return Task.CompletedTask;
        }
    }
}
