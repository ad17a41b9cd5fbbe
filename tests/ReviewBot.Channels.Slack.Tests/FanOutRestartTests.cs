using System.Text;
using System.Text.Json;
using ReviewBot.Channels.Slack.Tests.Support;

namespace ReviewBot.Channels.Slack.Tests;

/// <summary>
/// A fan-out survives a crash: a lead's <c>remind</c> invites 50 people; the service is killed (SIGKILL) while Slack
/// has taken the 21st message but not yet answered; a new service on the same store finishes the fan-out, and every
/// one of the 50 gets exactly one message — the 20 sent before the crash are not sent again, and neither is the one
/// Slack took as the service died (found in the channel's history by the outbox id it carries).
/// </summary>
public sealed class FanOutRestartTests : IAsyncLifetime
{
    private const int People = 50;
    private readonly string _data = Path.Combine(Path.GetTempPath(), "rb-slack-fanout-" + Guid.NewGuid().ToString("N"));
    private FakeSlack _slack = null!;

    public async Task InitializeAsync() => _slack = await FakeSlack.StartAsync();

    public async Task DisposeAsync()
    {
        await _slack.DisposeAsync();
        if (Directory.Exists(_data))
        {
            Directory.Delete(_data, recursive: true);
        }
    }

    [Fact]
    public async Task An_invitation_fan_out_to_50_people_interrupted_by_a_kill_sends_each_message_exactly_once()
    {
        var invited = Enumerable.Range(1, People).Select(i => $"UFAN{i:D5}").ToList();
        await using (var first = await ServiceProcess.StartAsync(_data, _slack))
        {
            await ImportAsync(first.Client, invited);
            _slack.StopAnsweringAfter(20);

            var command = Signed.Form(
            [
                KeyValuePair.Create("team_id", "T123"), KeyValuePair.Create("channel_id", SlackService.LeadChannel), KeyValuePair.Create("channel_name", "leads"),
                KeyValuePair.Create("user_id", Clinic.Lead), KeyValuePair.Create("user_name", "lena"), KeyValuePair.Create("command", "/review"),
                KeyValuePair.Create("text", "remind fan"), KeyValuePair.Create("response_url", _slack.ResponseUrl("remind")),
                KeyValuePair.Create("trigger_id", "tr.fanout.1"),
            ]);
            (await first.Client.SendAsync(command)).EnsureSuccessStatusCode();
            await _slack.WaitUntilAsync(() => Invitations().Sum(i => i.Count) == 21, "Slack took 21 invitations");
            await first.KillAsync();
        }
        // 20 answered, and the 21st taken by Slack with its answer lost in the crash.
        Assert.Equal(21, _slack.Of("chat.postMessage").Count(c => c.Arg("channel")!.StartsWith("DFAN")));

        _slack.AnswerAgain();
        await using var second = await ServiceProcess.StartAsync(_data, _slack);
        // The dead instance's claim on the rest of the fan-out runs out after a minute; then the new one sends them.
        await _slack.WaitUntilAsync(() => Invitations().Count(i => i.Count > 0) == People, "all 50 invited", tenths: 1200);
        await Task.Delay(TimeSpan.FromSeconds(3));

        Assert.All(Invitations(), i => Assert.Equal(1, i.Count));
        Assert.Contains(_slack.Calls, c => c.Method == "conversations.history");
    }

    private List<(string Person, int Count)> Invitations() =>
        Enumerable.Range(1, People).Select(i => $"DFAN{i:D5}").Select(dm => (dm, _slack.PostedIn(dm).Count)).ToList();

    private static async Task ImportAsync(HttpClient admin, IReadOnlyList<string> invited)
    {
        // Midday where they are, so no invitation waits for a morning.
        var offset = DateTimeOffset.UtcNow.Hour - 12;
        var zone = offset switch { 0 => "Etc/GMT", > 0 => $"Etc/GMT+{offset}", _ => $"Etc/GMT{offset}" };
        var roster = invited.Select(id => new { key = "slack:" + id, name = "Dr. " + id, credential = "MD", specialties = new[] { "emergency-medicine" }, timeZone = zone, verified = true })
            .Append(new { key = "slack:" + Clinic.Lead, name = "Dr. Lena Fischer", credential = "MD", specialties = new[] { "emergency-medicine" }, timeZone = zone, verified = true })
            .ToList();
        var lead = JsonSerializer.Serialize(roster).Replace($"\"key\":\"slack:{Clinic.Lead}\"", $"\"key\":\"slack:{Clinic.Lead}\",\"lead\":true");
        (await admin.PostAsync("/api/reviewers", new StringContent(lead, Encoding.UTF8, "application/json"))).EnsureSuccessStatusCode();
        var tasks = Enumerable.Range(1, 3).Select(i => new { id = $"ev{i}", kind = "evaluate", prompt = "A 58-year-old man, BP 86/50, lactate 4.6. First steps?", response = "Fluids, cultures, antibiotics." });
        var batch = JsonSerializer.Serialize(new { id = "fan", name = "ED fan-out", overlap = 20, dueAt = "2026-12-31T17:00:00Z",
            requirements = new { credentials = new[] { "MD" }, specialties = new[] { "emergency-medicine" } }, tasks });
        (await admin.PostAsync("/api/batches", new StringContent(batch, Encoding.UTF8, "application/json"))).EnsureSuccessStatusCode();
    }
}
