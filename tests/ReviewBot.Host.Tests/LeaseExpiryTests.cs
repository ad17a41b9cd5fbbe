using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using ReviewBot.Host.Chat;
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
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 30, 16, 0, 0, TimeSpan.Zero));
    private readonly ReviewBotApp _app = new();
    private WebApplicationFactory<Program> _host = null!;
    private HttpClient _client = null!;
    private WebChatClient _chat = null!;

    public async Task InitializeAsync()
    {
        _app.Settings["WebChat:Enabled"] = "true";
        _app.Settings["Scheduling:SweepSeconds"] = "3600";
        _host = _app.WithWebHostBuilder(builder => builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(_clock)));
        _client = _host.CreateClient();
        _chat = new WebChatClient(_client);
        (await _client.PostJsonTextAsync("/api/reviewers", People)).EnsureSuccessStatusCode();
        (await _client.PostJsonTextAsync("/api/batches", Batches.Document("lapse"))).EnsureSuccessStatusCode();
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task A_lapsed_task_is_free_at_once_and_its_holder_is_told_once()
    {
        var held = WebChatClient.TaskSubmitData(await _chat.SayAsync("web:amara", "next"));
        _clock.Advance(TimeSpan.FromMinutes(31));

        await RunLeaseExpiryAsync();
        var progress = await (await _client.GetAsync("/api/batches/lapse")).JsonAsync();
        await RunLeaseExpiryAsync();
        await DeliverDueAsync();
        var next = WebChatClient.TaskSubmitData(await _chat.SayAsync("web:priya", "next"));

        Assert.Equal(0, progress.GetProperty("openAssignments").GetInt32());
        Assert.Equal((string?)held["taskId"], (string?)next["taskId"]);
        var notices = (await _chat.LogAsync("web:amara")).Where(m => m.TryGetProperty("card", out var c) && c.GetString() == "task-lapsed").ToList();
        var notice = Assert.Single(notices).GetProperty("content").GetRawText();
        Assert.Contains("Time ran out on this task", notice);
        Assert.Contains("The evaluation task you had open went back to the pool after 30 minutes", notice);
    }

    private async Task RunLeaseExpiryAsync() =>
        await ActivatorUtilities.CreateInstance<LeaseExpiryJob>(_host.Services).Execute(null!, default);

    private async Task DeliverDueAsync()
    {
        var sweeper = _host.Services.GetRequiredService<OutboxSweeper>();
        await sweeper.WhenIdleAsync();
        await sweeper.SweepAsync(default);
    }
}
