using System.Text.Json;
using System.Text.Json.Nodes;
using ReviewBot.Host.Scheduling;

namespace ReviewBot.Host.Tests;

/// <summary>
/// Nudges about a held task come when the policy says (here: first after 4 h, then every 6 h, at most 3), never in
/// the reader's quiet hours, and stop when the task is answered, snoozed, paused, turned off or at the cap; deadline
/// warnings go 24 h and 2 h before the batch is due, once each. The clock is moved, never waited on.
/// </summary>
public sealed class ReminderPolicyTests : IAsyncLifetime
{
    private const string People = """
        [ { "key": "web:lena", "name": "Dr. Lena Fischer", "credential": "MD", "specialties": ["emergency-medicine"], "timeZone": "Europe/Berlin", "verified": true, "lead": true },
          { "key": "web:amara", "name": "Dr. Amara Osei", "credential": "MD", "specialties": ["emergency-medicine"], "timeZone": "America/New_York", "verified": true },
          { "key": "web:priya", "name": "Priya Raman", "credential": "NP", "specialties": ["emergency-medicine"], "timeZone": "America/New_York", "verified": true },
          { "key": "web:noor", "name": "Noor Haddad", "credential": "RN", "specialties": ["pediatrics"], "timeZone": "America/New_York", "verified": true } ]
        """;

    // 14:00 UTC is 09:00 in New York (EST, UTC-5): the task is taken in the morning.
    private static readonly DateTimeOffset Morning = new(2026, 11, 30, 14, 0, 0, TimeSpan.Zero);

    private readonly ClockedHost _host = new(Morning, new Dictionary<string, string>
    {
        ["Reminders:FirstNudgeHours"] = "4",
        ["Reminders:RepeatHours"] = "6",
        ["Reminders:MaxNudges"] = "3",
    });

    // A day's lease, due in two days: long enough for every nudge the policy allows.
    public Task InitializeAsync() => _host.ImportAsync(People, Batches.Document("nudge")
        .Replace("\"overlap\": 1,", "\"overlap\": 1, \"leaseMinutes\": 1440,").Replace("2026-12-01T17:00:00Z", "2026-12-02T14:00:00Z"));

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Nudges_come_at_their_times_wait_out_the_night_and_stop_at_the_cap()
    {
        await _host.Chat.SayAsync("web:amara", "next");

        var seen = new List<(string At, int Nudges)>();
        foreach (var at in new[] { "17:59", "18:00", "23:59", "00:00+1", "06:00+1", "11:59+1", "12:00+1", "23:00+1" })
        {
            await AtAsync(at);
            seen.Add((at, await NudgesAsync("web:amara")));
        }

        // 13:00 and 19:00 in New York; the third falls at 01:00 and waits for 07:00 (12:00 UTC); no fourth.
        Assert.Equal([("17:59", 0), ("18:00", 1), ("23:59", 1), ("00:00+1", 2), ("06:00+1", 2), ("11:59+1", 2), ("12:00+1", 3), ("23:00+1", 3)], seen);
    }

    [Fact]
    public async Task Nudges_stop_once_the_task_is_answered()
    {
        var task = WebChatClient.TaskSubmitData(await _host.Chat.SayAsync("web:amara", "next"));
        await AtAsync("18:00");
        await _host.Chat.PressAsync("web:amara", (string)task["card"]!, "submit",
            WebChatClient.Filled(task, """{"accuracy":"4","completeness":"4","appropriateness":"4","harm":"none"}"""));

        await AtAsync("23:00+1");

        Assert.Equal(1, await NudgesAsync("web:amara"));
    }

    [Fact]
    public async Task A_nudge_snoozed_until_tomorrow_morning_moves_and_none_comes_in_between()
    {
        await _host.Chat.SayAsync("web:amara", "next");
        await AtAsync("18:00");
        var nudge = (await ReminderCardsAsync("web:amara")).Single();

        var snoozed = await _host.Chat.PressAsync("web:amara", "reminder", "snooze", SnoozeData(nudge, "tomorrow"));
        await AtAsync("11:59+1");
        var overnight = await NudgesAsync("web:amara");
        await AtAsync("12:00+1");

        Assert.Contains("I will remind you again at Tue 1 Dec, 07:00 UTC-5.", snoozed.GetRawText());
        Assert.Equal(1, overnight);
        Assert.Equal(2, await NudgesAsync("web:amara"));
    }

    [Fact]
    public async Task Nudges_stop_while_the_reader_is_paused_and_when_reminders_are_off()
    {
        await _host.Chat.SayAsync("web:amara", "next");
        await _host.Chat.SayAsync("web:priya", "next");
        await AtAsync("18:00");
        await _host.Chat.SayAsync("web:amara", "pause 24h");
        var off = await _host.Chat.SayAsync("web:priya", "reminders off");
        await _host.Chat.SayAsync("web:lena", "remind nudge");

        await AtAsync("23:00+1");

        Assert.Equal(1, await NudgesAsync("web:amara"));
        Assert.Equal(1, await NudgesAsync("web:priya"));
        Assert.Contains("Reminders are off", off.GetRawText());
    }

    [Fact]
    public async Task Deadline_warnings_go_a_day_and_two_hours_before_the_due_time_once_each_to_those_with_work()
    {
        await _host.Chat.SayAsync("web:amara", "next");

        await DeadlineAtAsync("13:00+1");
        var early = (await ReminderCardsAsync("web:priya")).Count;
        await DeadlineAtAsync("14:00+1");
        await DeadlineAtAsync("14:30+1");
        var aDayBefore = await ReminderCardsAsync("web:priya");
        await DeadlineAtAsync("12:00+2");

        Assert.Equal(0, early);
        Assert.Contains("This batch is due in 24 hours.", Assert.Single(aDayBefore).GetRawText());
        var warnings = (await ReminderCardsAsync("web:priya")).Select(c => c.GetRawText()).ToList();
        Assert.Equal(2, warnings.Count);
        Assert.Contains("This batch is due in 2 hours.", warnings[1]);
        Assert.Contains(await ReminderCardsAsync("web:amara"), c => c.GetRawText().Contains("This batch is due in 24 hours."));
        // Noor, a nurse in pediatrics, could take none of this emergency batch's work: no warning for her.
        Assert.Empty(await ReminderCardsAsync("web:noor"));
    }

    /// <summary>Moves the clock to <c>HH:mm</c> UTC on the first day (or <c>+n</c> days later) and delivers what is due.</summary>
    private async Task AtAsync(string at)
    {
        var parts = at.Split('+');
        var time = TimeSpan.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture);
        var target = Morning.Date.AddDays(parts.Length > 1 ? int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture) : 0) + time;
        _host.Clock.SetUtcNow(new DateTimeOffset(target, TimeSpan.Zero));
        // A nudge delivered in a sweep schedules the next one; a second sweep delivers what that made due.
        await _host.DeliverDueAsync();
        await _host.DeliverDueAsync();
    }

    private async Task DeadlineAtAsync(string at)
    {
        await AtAsync(at);
        await _host.RunAsync<DeadlineRemindersJob>();
        await AtAsync(at);
    }

    private async Task<List<JsonElement>> ReminderCardsAsync(string user) =>
        (await _host.Chat.LogAsync(user)).Where(m => m.TryGetProperty("card", out var c) && c.GetString() == "reminder").ToList();

    private async Task<int> NudgesAsync(string user) => (await ReminderCardsAsync(user)).Count;

    /// <summary>The data the reminder card's snooze button sends.</summary>
    private static JsonObject SnoozeData(JsonElement reminderMessage, string when)
    {
        var card = JsonNode.Parse(reminderMessage.GetProperty("content").GetRawText())!;
        var snooze = card.Descendants().First(o => (string?)o["type"] == "Action.Submit" && (string?)o["data"]?["snooze"] == when);
        return snooze["data"]!.AsObject();
    }
}
