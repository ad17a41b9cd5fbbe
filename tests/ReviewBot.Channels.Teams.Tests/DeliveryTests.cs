using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using ReviewBot.Channels.Teams.Tests.Support;

namespace ReviewBot.Channels.Teams.Tests;

/// <summary>What the outbox sends to Teams: a 429 waited out as Retry-After says and the message sent once; a person
/// who blocked the bot gets nothing more and the leads hear of it; a reminder scheduled before a restart reaches,
/// after it, someone who installed the app earlier, by the conversation reference kept in Redis.</summary>
public sealed class DeliveryTests : IAsyncLifetime
{
    private const string Blocked = """{"error":{"code":"MessageWritesBlocked","message":"Bot is not allowed to send messages to this user."}}""";

    private FakeConnector _connector = null!;

    public async Task InitializeAsync() => _connector = await FakeConnector.StartAsync();

    public async Task DisposeAsync() => await _connector.DisposeAsync();

    [Fact]
    public async Task A_429_with_retry_after_is_waited_out_and_the_message_arrives_exactly_once()
    {
        await using var service = new TeamsService();
        await service.ImportAsync(Clinic.Roster, Clinic.Batch("ed"));
        var (lena, amara, priya) = People(service);
        await lena.InstallAsync();
        await amara.InstallAsync();
        await priya.InstallAsync();
        _connector.Refuse(429, times: 1, retryAfter: "1");

        await lena.SayAsync("remind ed");
        await _connector.WaitForAsync(c => c.Kind == "send" && c.ConversationId == amara.PersonalChat, "Amara's invitation");
        await _connector.WaitForAsync(c => c.Kind == "send" && c.ConversationId == priya.PersonalChat, "Priya's invitation");
        await service.SettledAsync();

        var refused = Assert.Single(_connector.Calls, c => c.Kind == "refused");
        Assert.Single(_connector.Calls, c => c.Kind == "send" && c.ConversationId == amara.PersonalChat);
        Assert.Single(_connector.Calls, c => c.Kind == "send" && c.ConversationId == priya.PersonalChat);
        var sent = _connector.Calls.Single(c => c.Kind == "send" && c.ConversationId == refused.ConversationId);
        // After the second Retry-After asked for, and by the sender itself: the outbox would not try again for 5 s.
        Assert.InRange(sent.At - refused.At, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(4.8));
    }

    [Fact]
    public async Task A_person_who_blocked_the_bot_is_not_written_to_again_and_the_leads_are_told()
    {
        await using var service = new TeamsService();
        await service.ImportAsync(Clinic.Roster, Clinic.Batch("ed"));
        var (lena, amara, _) = People(service);
        await lena.InstallAsync();
        await amara.InstallAsync();
        _connector.Refuse(403, times: 1, Blocked);

        await lena.SayAsync("remind ed");
        await _connector.WaitForAsync(c => c.Kind == "refused" && c.ConversationId == amara.PersonalChat, "the refused invitation");
        await service.SettledAsync();
        var told = await _connector.WaitForAsync(c => c.Kind == "send" && c.ConversationId == lena.PersonalChat && c.Text?.Contains("blocked") == true, "the lead told");
        Assert.Contains("Dr. Amara Osei", told.Text);

        // Verifying someone always writes to them: here it must not.
        await lena.SayAsync($"verify {amara.Key} MD emergency-medicine");
        await service.SettledAsync();
        await Task.Delay(TimeSpan.FromSeconds(1));
        await service.SettledAsync();

        Assert.DoesNotContain(_connector.Calls, c => c.Kind == "send" && c.ConversationId == amara.PersonalChat);
        Assert.Single(_connector.Calls, c => c.Kind == "refused");
    }

    [Fact]
    public async Task A_reminder_scheduled_before_a_restart_reaches_someone_who_installed_earlier()
    {
        var data = Path.Combine(Path.GetTempPath(), "rb-teams-restart-" + Guid.NewGuid().ToString("N"));
        var start = DateTimeOffset.UtcNow;
        try
        {
            var firstClock = new FakeTimeProvider(start);
            await using (var first = new TeamsService(dataDirectory: data, services: s => s.AddSingleton<TimeProvider>(firstClock)))
            {
                await first.ImportAsync(Clinic.Roster, Clinic.Batch("ed", leaseMinutes: 1440));
                var amara = new TeamsPerson(first, _connector, Clinic.Amara, "Amara Osei");
                await amara.InstallAsync();
                await amara.SayAsync("next");
                await _connector.WaitForAsync(c => c.IsMessage && c.ConversationId == amara.PersonalChat && c.Shown.Contains("Rate this answer"), "the task");
            }
            Assert.DoesNotContain(_connector.Calls, c => c.Kind == "send");

            // Five hours later, on a new service over the same store: the nudge four hours after delivery is due.
            var secondClock = new FakeTimeProvider(start.AddHours(5));
            await using var second = new TeamsService(dataDirectory: data, services: s => s.AddSingleton<TimeProvider>(secondClock));
            _ = second.Services;
            await second.SettledAsync();

            var reminder = await _connector.WaitForAsync(c => c.Kind == "send" && c.ConversationId == "a:personal-29:user-" + Clinic.Amara, "the reminder");
            Assert.Contains("ED review", reminder.Shown);
            Assert.Equal("29:user-" + Clinic.Amara, (string?)reminder.Body["recipient"]?["id"]);
            await second.SettledAsync();
            Assert.Single(_connector.Calls, c => c.Kind == "send" && c.Shown.Contains("ED review"));
        }
        finally
        {
            if (Directory.Exists(data))
            {
                Directory.Delete(data, recursive: true);
            }
        }
    }

    private (TeamsPerson Lena, TeamsPerson Amara, TeamsPerson Priya) People(TeamsService service) =>
        (new TeamsPerson(service, _connector, Clinic.Lead, "Lena Fischer"), new TeamsPerson(service, _connector, Clinic.Amara, "Amara Osei"),
            new TeamsPerson(service, _connector, Clinic.Priya, "Priya Raman"));
}
