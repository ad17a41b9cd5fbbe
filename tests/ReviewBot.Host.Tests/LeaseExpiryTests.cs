using ReviewBot.Host.Scheduling;

namespace ReviewBot.Host.Tests;

/// <summary>A task whose time runs out goes back to the pool at once, not at the next claim in its batch, and the
/// clinician who held it is told once, politely.</summary>
public sealed class LeaseExpiryTests : IAsyncLifetime
{
    private const string People = """
        [ { "key": "web:amara", "name": "Dr. Amara Osei", "credential": "MD", "specialties": ["emergency-medicine"], "timeZone": "America/Chicago", "verified": true },
          { "key": "web:priya", "name": "Priya Raman", "credential": "NP", "specialties": ["emergency-medicine"], "timeZone": "America/Denver", "verified": true } ]
        """;

    // 16:00 UTC: mid-morning in Chicago and Denver, so no notice waits for the end of quiet hours.
    private readonly ClockedHost _host = new(new DateTimeOffset(2026, 11, 30, 16, 0, 0, TimeSpan.Zero));

    public Task InitializeAsync() => _host.ImportAsync(People, Batches.Document("lapse"));

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task A_lapsed_task_is_free_at_once_and_its_holder_is_told_once()
    {
        var held = WebChatClient.TaskSubmitData(await _host.Chat.SayAsync("web:amara", "next"));
        _host.Clock.Advance(TimeSpan.FromMinutes(31));

        await _host.RunAsync<LeaseExpiryJob>();
        var progress = await (await _host.Client.GetAsync("/api/batches/lapse")).JsonAsync();
        await _host.RunAsync<LeaseExpiryJob>();
        await _host.DeliverDueAsync();
        var next = WebChatClient.TaskSubmitData(await _host.Chat.SayAsync("web:priya", "next"));

        Assert.Equal(0, progress.GetProperty("openAssignments").GetInt32());
        Assert.Equal((string?)held["taskId"], (string?)next["taskId"]);
        var notices = (await _host.Chat.LogAsync("web:amara")).Where(m => m.TryGetProperty("card", out var c) && c.GetString() == "task-lapsed").ToList();
        var notice = Assert.Single(notices).GetProperty("content").GetRawText();
        Assert.Contains("Time ran out on this task", notice);
        Assert.Contains("The evaluation task you had open went back to the pool after 30 minutes", notice);
    }
}
