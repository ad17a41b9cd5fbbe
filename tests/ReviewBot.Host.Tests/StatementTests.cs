using System.Globalization;
using CsvHelper;
using ReviewBot.Host.Scheduling;

namespace ReviewBot.Host.Tests;

/// <summary>
/// Weekly pay, worked out by hand. ISO week 2026-W48 is Mon 23 Nov to Sun 29 Nov; each person's week runs midnight to
/// midnight in their own zone, so the same instant can fall in different weeks for Amara (New York, UTC-5) and Tomo
/// (Tokyo, UTC+9). "priced" pays $4.00 a task; "hourly" pays an MD $90 an hour of active time (an evaluation's time
/// is capped at 20 minutes).
/// </summary>
public sealed class StatementTests : IAsyncLifetime
{
    private const string People = """
        [ { "key": "web:amara", "name": "Dr. Amara Osei", "credential": "MD", "specialties": ["emergency-medicine"], "timeZone": "America/New_York", "verified": true },
          { "key": "web:tomo", "name": "Dr. Tomo Hayashi", "credential": "MD", "specialties": ["emergency-medicine"], "timeZone": "Asia/Tokyo", "verified": true },
          { "key": "web:kiri", "name": "Dr. Teuea Kiri", "credential": "MD", "specialties": ["pediatrics"], "timeZone": "Pacific/Kiritimati", "verified": true },
          { "key": "web:sina", "name": "Dr. Sina Faleolo", "credential": "MD", "specialties": ["pediatrics"], "timeZone": "Pacific/Pago_Pago", "verified": true } ]
        """;

    private readonly ClockedHost _host = new(new DateTimeOffset(2026, 11, 20, 12, 0, 0, TimeSpan.Zero));

    public async Task InitializeAsync()
    {
        await _host.ImportAsync(People, TwoEvaluations("priced", "2026-12-10T00:00:00Z", """, "pay": { "perTask": 4.00 }"""),
            TwoEvaluations("hourly", "2026-12-20T00:00:00Z", ""),
            TwoEvaluations("pediatric", "2026-12-10T00:00:00Z", """, "pay": { "perTask": 4.00 }""", specialty: "pediatrics"));


        await WorkAsync("web:tomo", "2026-11-22T14:40Z", minutes: 10);   // priced: Sun 23:50 in Tokyo, the week before
        await WorkAsync("web:tomo", "2026-11-23T01:00Z", minutes: 30);   // priced: Mon 10:30 in Tokyo; 20 min counted
        await WorkAsync("web:amara", "2026-11-23T01:30Z", minutes: 10);  // priced: Sun 20:40 in New York, the week before
        await WorkAsync("web:amara", "2026-11-24T15:00Z", minutes: 10);  // priced
        await WorkAsync("web:amara", "2026-11-25T16:00Z", minutes: 12);  // hourly: 12 min at $90 = $18.00
        await WorkAsync("web:tomo", "2026-11-26T03:00Z", minutes: 30);   // hourly: capped at 20 min = $30.00
        await WorkAsync("web:amara", "2026-11-30T03:00Z", minutes: 5);   // hourly: Sun 22:05 in New York = $7.50
        await WorkAsync("web:tomo", "2026-11-30T03:10Z", minutes: 10);   // hourly: Mon 12:20 in Tokyo, the week after
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task The_statement_of_last_week_adds_up_per_task_and_hourly_work_in_each_person_s_own_week()
    {
        _host.Clock.SetUtcNow(DateTimeOffset.Parse("2026-11-30T15:00Z", CultureInfo.InvariantCulture));

        var amara = WebChatClient.StatementOf(await _host.Chat.SayAsync("web:amara", "statement last"));
        var tomo = WebChatClient.StatementOf(await _host.Chat.SayAsync("web:tomo", "statement last"));

        Assert.Contains("Mon 23 Nov – Sun 29 Nov", amara);
        Assert.Contains("Total: 3 tasks, 27 min of active time, $29.50", amara);
        Assert.Contains("$4.00 at $4.00 per task", amara);
        Assert.Contains("$25.50 at $90.00 per hour", amara);
        Assert.Contains("Total: 2 tasks, 40 min of active time, $34.00", tomo);
    }

    [Fact]
    public async Task The_payroll_csv_for_the_iso_week_has_the_same_totals_one_row_per_person_and_batch()
    {
        using var reader = new StringReader(await _host.Client.GetStringAsync("/api/statements?week=2026-W48"));
        using var csv = new CsvReader(reader, CultureInfo.InvariantCulture);
        var rows = csv.GetRecords<dynamic>().Cast<IDictionary<string, object>>()
            .Select(r => (Reviewer: (string)r["reviewer"], Batch: (string)r["batchId"], Tasks: int.Parse((string)r["tasks"], CultureInfo.InvariantCulture),
                Seconds: int.Parse((string)r["activeSeconds"], CultureInfo.InvariantCulture), Earned: decimal.Parse((string)r["earnedUsd"], CultureInfo.InvariantCulture)))
            .ToList();

        Assert.Equal(
            [("web:amara", "hourly", 2, 1020, 25.50m), ("web:amara", "priced", 1, 600, 4.00m), ("web:tomo", "hourly", 1, 1200, 30.00m), ("web:tomo", "priced", 1, 1200, 4.00m)],
            rows);
        Assert.Equal(63.50m, rows.Sum(r => r.Earned));
        Assert.Equal(400, (int)(await _host.Client.GetAsync("/api/statements?week=2026-W99")).StatusCode);
    }

    [Fact]
    public async Task Each_person_gets_last_week_s_statement_once_on_monday_morning_in_their_own_zone()
    {
        // 03:30 UTC is Monday 12:30 in Tokyo, and still Sunday in New York.
        await StatementsAtAsync("2026-11-30T03:30Z");
        await StatementsAtAsync("2026-11-30T13:59Z");
        var before = (await StatementCardsAsync("web:amara"), await StatementCardsAsync("web:tomo"));
        await StatementsAtAsync("2026-11-30T14:00Z");
        await StatementsAtAsync("2026-11-30T18:00Z");

        Assert.Equal((0, 1), before);
        Assert.Equal(1, await StatementCardsAsync("web:amara"));
        Assert.Equal(1, await StatementCardsAsync("web:tomo"));
    }

    [Fact]
    public async Task The_statement_reaches_the_zones_furthest_from_utc_at_nine_on_their_own_monday()
    {
        // Week 49 work for the two at the ends of the earth (UTC+14 and UTC-11); only they take pediatric work.
        await WorkAsync("web:kiri", "2026-12-01T13:00Z", minutes: 10);
        await WorkAsync("web:sina", "2026-12-01T14:00Z", minutes: 10);

        // Monday 7 Dec 09:00 is Sunday 19:00 UTC in Kiritimati and Monday 20:00 UTC in Pago Pago.
        await StatementsAtAsync("2026-12-06T18:59Z");
        Assert.Equal(0, await StatementCardsAsync("web:kiri"));
        await StatementsAtAsync("2026-12-06T19:00Z");
        Assert.Equal(1, await StatementCardsAsync("web:kiri"));
        await StatementsAtAsync("2026-12-07T19:59Z");
        Assert.Equal(0, await StatementCardsAsync("web:sina"));
        await StatementsAtAsync("2026-12-07T20:00Z");
        Assert.Equal(1, await StatementCardsAsync("web:sina"));
    }

    /// <summary>At <paramref name="at"/>, the reviewer asks for a task through the work API and answers it
    /// <paramref name="minutes"/> later.</summary>
    private async Task WorkAsync(string reviewer, string at, int minutes)
    {
        _host.Clock.SetUtcNow(DateTimeOffset.Parse(at, CultureInfo.InvariantCulture));
        var next = await (await _host.Client.PostAsync($"/api/reviewers/{reviewer}/next", null)).JsonAsync();
        var assignment = next.GetProperty("assignment").GetProperty("id").GetString();
        var task = next.GetProperty("task").GetProperty("id").GetString();
        _host.Clock.Advance(TimeSpan.FromMinutes(minutes));
        (await _host.Client.PostJsonTextAsync($"/api/assignments/{assignment}/answer",
            $$$"""{"reviewer":"{{{reviewer}}}","taskId":"{{{task}}}","fields":{"accuracy":"4","completeness":"4","appropriateness":"4","harm":"none"}}""")).EnsureSuccessStatusCode();
    }

    private async Task StatementsAtAsync(string at)
    {
        _host.Clock.SetUtcNow(DateTimeOffset.Parse(at, CultureInfo.InvariantCulture));
        await _host.RunAsync<WeeklyStatementsJob>();
        await _host.DeliverDueAsync();
    }

    private Task<int> StatementCardsAsync(string user) => _host.Chat.CountCardsAsync(user, "statement");

    private static string TwoEvaluations(string id, string dueAt, string pay, string specialty = "emergency-medicine") => $$"""
        { "id": "{{id}}", "name": "{{id}} review", "overlap": 2, "dueAt": "{{dueAt}}"{{pay}},
          "requirements": { "credentials": ["MD"], "specialties": ["{{specialty}}"] },
          "tasks": [
            { "id": "e1", "kind": "evaluate", "prompt": "A 58-year-old man, BP 86/50, lactate 4.6. First steps?", "response": "Fluids, cultures, antibiotics within the hour." },
            { "id": "e2", "kind": "evaluate", "prompt": "New AF at 150 bpm, stable. First steps?", "response": "Rate control with a beta-blocker; anticoagulate by CHA2DS2-VASc." } ] }
        """;
}
