using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using ReviewBot.Conversations.Chat;
using ReviewBot.Host.Chat;
using ReviewBot.Storage;
using StackExchange.Redis;

namespace ReviewBot.Host.Tests;

/// <summary>What waits in the outbox is visible (<c>announcements</c> in chat, <c>GET /api/schedule</c>), a scheduled
/// announcement can be taken back before it goes, and a message delivered again after a sweeper died shows once.</summary>
public sealed class ScheduleTests : IAsyncLifetime
{
    private const string People = """
        [ { "key": "web:lena", "name": "Dr. Lena Fischer", "credential": "MD", "specialties": ["emergency-medicine"], "timeZone": "Europe/Berlin", "verified": true, "lead": true },
          { "key": "web:amara", "name": "Dr. Amara Osei", "credential": "MD", "specialties": ["emergency-medicine"], "timeZone": "America/Chicago", "verified": true } ]
        """;

    // 16:00 UTC is 17:00 in Berlin: "at 09:00" is tomorrow morning there, 08:00 UTC.
    private readonly ClockedHost _host = new(new DateTimeOffset(2026, 11, 30, 16, 0, 0, TimeSpan.Zero), new Dictionary<string, string>
    {
        ["Roles:TeamChannel"] = "web:channel:team",
        ["Scheduling:ClaimSeconds"] = "30",
    });

    public Task InitializeAsync() => _host.ImportAsync(People, Batches.Document("later"));

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task A_scheduled_announcement_is_listed_and_once_cancelled_is_never_posted()
    {
        await _host.Chat.SayAsync("web:lena", "announce later at 09:00");

        var listed = WebChatClient.LastText(await _host.Chat.SayAsync("web:lena", "announcements"));
        var schedule = await (await _host.Client.GetAsync("/api/schedule")).JsonAsync();
        var entry = Assert.Single(schedule.EnumerateArray());
        var id = entry.GetProperty("id").GetString()!;
        Assert.Equal(("Waiting", "PostToChannel", "web:channel:team", "announcement"),
            (entry.GetProperty("state").GetString(), entry.GetProperty("kind").GetString(), entry.GetProperty("to").GetString(), entry.GetProperty("card").GetString()));
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero), entry.GetProperty("at").GetDateTimeOffset());
        Assert.Contains($"• {id}: Mixed review in #team, Tue 1 Dec, 09:00 UTC+1. Say cancel {id} to take it back.", listed);

        var cancelled = WebChatClient.LastText(await _host.Chat.SayAsync("web:lena", $"cancel {id}"));
        _host.Clock.Advance(TimeSpan.FromDays(1));
        await _host.DeliverDueAsync();

        Assert.Equal($"Cancelled {id}: it will not be posted.", cancelled);
        Assert.Empty((await (await _host.Client.GetAsync("/api/schedule")).JsonAsync()).EnumerateArray());
        Assert.Equal(0, await _host.Chat.CountCardsAsync("web:channel:team", "announcement"));
        Assert.StartsWith("No announcement is scheduled.", WebChatClient.LastText(await _host.Chat.SayAsync("web:lena", "announcements")));
    }

    [Fact]
    public async Task A_message_sent_again_after_its_sweeper_died_shows_once_in_the_web_chat()
    {
        var store = new RedisOutbox(_host.Services.GetRequiredService<IConnectionMultiplexer>());
        var reminder = new DirectText("web:amara", "Your task in Mixed review is waiting.");
        await store.AddAsync([new OutboxMessage("died-mid-send", reminder.ToJson(), _host.Clock.GetUtcNow())]);
        var claimed = Assert.Single(await store.ClaimDueAsync(RedisKeys.Outbox, _host.Clock.GetUtcNow(), TimeSpan.FromSeconds(30), 10));
        // The sweeper that claimed it got as far as the send, and died before its acknowledgement.
        await _host.Services.GetServices<IChannelDelivery>().Single(c => c.Channel == "web")
            .DeliverAsync("web:amara", reminder, OutboxSweeper.DeliveryId(claimed), default);

        _host.Clock.Advance(TimeSpan.FromSeconds(31));
        await _host.DeliverDueAsync();

        Assert.Equal(1, (await _host.Chat.LogAsync("web:amara")).Count(m => m.TryGetProperty("text", out var t) && t.GetString() == reminder.Text));
        Assert.Empty((await (await _host.Client.GetAsync("/api/schedule")).JsonAsync()).EnumerateArray());
    }

}
