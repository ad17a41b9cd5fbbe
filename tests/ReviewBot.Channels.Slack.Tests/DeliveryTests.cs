using ReviewBot.Channels.Slack.Tests.Support;
using ReviewBot.Testing;

namespace ReviewBot.Channels.Slack.Tests;

/// <summary>Slack's retries and limits: a retried event runs once, on one instance or several; a 429 is waited
/// out; everything sent keeps to Block Kit's limits, and text from data arrives inert.</summary>
public sealed class DeliveryTests : IAsyncLifetime
{
    private FakeSlack _slack = null!;

    public async Task InitializeAsync() => _slack = await FakeSlack.StartAsync();

    public async Task DisposeAsync() => await _slack.DisposeAsync();

    [Fact]
    public async Task A_retried_event_is_processed_once()
    {
        await using var service = new SlackService(_slack);
        await service.ImportAsync(Clinic.Roster, Clinic.Batch("retry"));
        var amara = new SlackPerson(service, _slack, Clinic.Amara);

        await amara.SayAsync("next", eventId: "EvRETRY0001");
        await amara.SayAsync("next", eventId: "EvRETRY0001", retry: 1);
        await amara.SayAsync("next", eventId: "EvRETRY0001", retry: 2);
        await service.SettledAsync();

        Assert.Single(_slack.Of("chat.postMessage"), c => c.Arg("channel") == amara.Dm);
    }

    [Fact]
    public async Task A_retried_event_is_processed_once_across_instances()
    {
        var redis = new RedisServerProcess();
        await redis.InitializeAsync();
        try
        {
            var connection = $"127.0.0.1:{redis.Port}";
            await using var first = new SlackService(_slack, connection);
            await using var second = new SlackService(_slack, connection);
            await first.ImportAsync(Clinic.Roster, Clinic.Batch("instances"));
            var onFirst = new SlackPerson(first, _slack, Clinic.Lead);
            var onSecond = new SlackPerson(second, _slack, Clinic.Lead);

            await Task.WhenAll(onFirst.SayAsync("announce instances", eventId: "EvTWICE0001"),
                onSecond.SayAsync("announce instances", eventId: "EvTWICE0001", retry: 1));
            await first.SettledAsync();
            await second.SettledAsync();

            Assert.Single(_slack.Of("chat.postMessage"), c => c.Arg("channel") == SlackService.TeamChannel);
            Assert.Single(_slack.Of("chat.postMessage"), c => c.Arg("channel") == "D" + Clinic.Lead[1..]);
        }
        finally
        {
            await redis.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_429_is_waited_out_as_retry_after_asks_and_the_message_arrives_once()
    {
        await using var service = new SlackService(_slack);
        await service.ImportAsync(Clinic.Roster, Clinic.Batch("limited"));
        var amara = new SlackPerson(service, _slack, Clinic.Amara);
        _slack.RateLimit("chat.postMessage", times: 1);

        await amara.SayAsync("next");
        await service.SettledAsync();

        var refused = Assert.Single(_slack.Of("chat.postMessage (429)"));
        var delivered = Assert.Single(_slack.Of("chat.postMessage"), c => c.Arg("channel") == amara.Dm);
        Assert.True(delivered.At - refused.At >= TimeSpan.FromSeconds(0.9), $"sent again after {(delivered.At - refused.At).TotalMilliseconds} ms");
    }

    [Fact]
    public async Task Everything_sent_keeps_to_block_kit_limits_and_task_text_with_mentions_and_mrkdwn_arrives_inert()
    {
        await using var service = new SlackService(_slack);
        const string hostile = "<!channel> *Urgent*: see <https://evil.example/|the protocol> & ask <@U0BOSS01> or <#C0GENERAL> ${$root}";
        await service.ImportAsync(Clinic.Roster, Clinic.Batch("hostile", prompt: hostile + " " + new string('x', 3500)));
        var amara = new SlackPerson(service, _slack, Clinic.Amara);
        var lena = new SlackPerson(service, _slack, Clinic.Lead);

        await amara.SayAsync("next");
        var task = await _slack.WaitForAsync(c => c.Method == "chat.postMessage" && c.Arg("channel") == amara.Dm, "the task");
        await amara.PressAsync(task, "B is better");
        var form = await _slack.WaitForAsync(c => c.Method == "views.open", "the modal");
        await amara.SubmitAsync(form, new() { ["rationale"] = "<!here> B is wrong & <@U0BOSS01> should know.", ["harmful"] = "B" });
        await amara.SayAsync("status <!channel>");
        await amara.OpenHomeAsync();
        await lena.CommandAsync("progress hostile", SlackService.LeadChannel);
        await lena.CommandAsync("progress <!everyone>", SlackService.LeadChannel);
        await service.SettledAsync();
        await _slack.WaitForAsync(c => c.Method == "chat.postMessage" && c.Arg("channel") == SlackService.LeadChannel, "the harm alert");

        var sent = _slack.Calls.Where(c => BlockKitChecks.Surfaces(c).Any()).ToList();
        Assert.True(sent.Count >= 8, $"only {sent.Count} messages and views captured");
        Assert.Empty(sent.SelectMany(BlockKitChecks.Problems));
        var shown = string.Join("\n", sent.Select(c => c.Json));
        Assert.Contains("&lt;!channel&gt; *Urgent*", shown);
        Assert.Contains("&lt;@U0BOSS01&gt;", shown);
        Assert.Contains("${$root}", shown);
    }
}
