using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using ReviewBot.Channels.Slack.Api;
using ReviewBot.Channels.Slack.Tests.Support;

namespace ReviewBot.Channels.Slack.Tests;

/// <summary>The typed Web API client against the loopback Slack: each method as Slack's reference pages describe it,
/// Slack's refusals as a typed exception with the code, 429 waited out, posts to one channel paced.</summary>
public sealed class SlackApiTests : IAsyncLifetime
{
    private FakeSlack _slack = null!;
    private SlackApi _api = null!;

    public async Task InitializeAsync()
    {
        _slack = await FakeSlack.StartAsync();
        _api = Client("xoxb-test");
    }

    public async Task DisposeAsync()
    {
        _api.Dispose();
        await _slack.DisposeAsync();
    }

    [Fact]
    public async Task Each_method_sends_what_slack_expects_and_reads_what_it_answers()
    {
        var message = new JsonObject { ["text"] = "Hello", ["blocks"] = new JsonArray() };
        var posted = await _api.PostMessageAsync("D0AMARA1", message, outboxId: "slack:Ev1#2", default);
        await _api.UpdateMessageAsync("D0AMARA1", posted.Ts, new JsonObject { ["text"] = "Recorded" }, default);
        await _api.PostEphemeralAsync("C0TEAM01", "U0AMARA1", new JsonObject { ["text"] = "Only you" }, default);
        var view = await _api.OpenViewAsync("tr.1", new JsonObject { ["type"] = "modal" }, default);
        await _api.UpdateViewAsync(view, new JsonObject { ["type"] = "modal" }, "hash-1", default);
        await _api.PublishHomeAsync("U0AMARA1", new JsonObject { ["type"] = "home", ["blocks"] = new JsonArray() }, default);
        var dm = await _api.OpenDirectChannelAsync("U0PRIYA1", default);
        _slack.Names["U0PRIYA1"] = "Priya Raman";
        var person = await _api.UserInfoAsync("U0PRIYA1", default);
        await _api.UploadFileAsync(dm, "ed.csv", "ED review (ed.csv)", Encoding.UTF8.GetBytes("a,b\n1,2\n"), "ED review: 1 answer", default);
        var history = await _api.HistoryAsync("D0AMARA1", "0", default);

        Assert.Equal("D0AMARA1", posted.Channel);
        var post = _slack.Of("chat.postMessage").Single();
        Assert.Equal(("reviewbot_outbox", "slack:Ev1#2"), ((string?)post.Args["metadata"]!["event_type"], (string?)post.Args["metadata"]!["event_payload"]!["outbox_id"]));
        Assert.Equal(false, (bool?)post.Args["unfurl_links"]);
        Assert.Equal(posted.Ts, _slack.Of("chat.update").Single().Arg("ts"));
        Assert.Equal("U0AMARA1", _slack.Of("chat.postEphemeral").Single().Arg("user"));
        Assert.Equal("hash-1", _slack.Of("views.update").Single().Arg("hash"));
        Assert.Equal(view, _slack.Of("views.update").Single().Arg("view_id"));
        Assert.Equal("home", (string?)_slack.Of("views.publish").Single().Args["view"]!["type"]);
        Assert.Equal("D0PRIYA1", dm);
        Assert.Equal(("Priya Raman", "America/Chicago"), (person.Name, person.TimeZone));
        Assert.Equal("8", _slack.Of("files.getUploadURLExternal").Single().Arg("length"));
        Assert.Equal("a,b\n1,2\n", _slack.Of("upload").Single().Arg("content"));
        Assert.Equal("D0PRIYA1", _slack.Of("files.completeUploadExternal").Single().Arg("channel_id"));
        Assert.Equal("slack:Ev1#2", Assert.Single(history).OutboxId);
    }

    [Fact]
    public async Task Slacks_refusal_becomes_a_typed_exception_carrying_its_code()
    {
        using var unauthorised = Client("not-a-token");

        var refused = await Assert.ThrowsAsync<SlackApiException>(() => unauthorised.OpenDirectChannelAsync("U0AMARA1", default));

        Assert.Equal(("conversations.open", "not_authed"), (refused.Method, refused.Error));
        Assert.False(refused.RecipientUnreachable);
    }

    [Fact]
    public async Task A_429_is_waited_out_for_as_long_as_retry_after_says_and_then_given_up()
    {
        _slack.RetryAfterSeconds = 1;
        _slack.RateLimit("views.publish", times: 2);
        var started = DateTimeOffset.UtcNow;
        await _api.PublishHomeAsync("U0AMARA1", new JsonObject { ["type"] = "home" }, default);
        Assert.True(DateTimeOffset.UtcNow - started >= TimeSpan.FromSeconds(1.9));
        Assert.Single(_slack.Of("views.publish"));

        _slack.RateLimit("views.publish", times: 3);
        await Assert.ThrowsAsync<SlackUnavailableException>(() => _api.PublishHomeAsync("U0AMARA1", new JsonObject { ["type"] = "home" }, default));

        _slack.RetryAfterSeconds = 120;
        _slack.RateLimit("views.publish", times: 1);
        await Assert.ThrowsAsync<SlackUnavailableException>(() => _api.PublishHomeAsync("U0AMARA1", new JsonObject { ["type"] = "home" }, default));
    }

    [Fact]
    public async Task Posts_to_one_channel_keep_to_about_one_a_second_after_a_short_burst()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var pacing = new ChannelPacing(clock);

        var burst = Enumerable.Range(0, ChannelPacing.Burst).Select(_ => pacing.WaitAsync("C0TEAM01", default)).ToList();
        var fourth = pacing.WaitAsync("C0TEAM01", default);
        var fifth = pacing.WaitAsync("C0TEAM01", default);
        var elsewhere = pacing.WaitAsync("D0AMARA1", default);

        Assert.All(burst, wait => Assert.True(wait.IsCompleted));
        Assert.True(elsewhere.IsCompleted);
        Assert.False(fourth.IsCompleted);
        clock.Advance(TimeSpan.FromSeconds(1));
        await fourth;
        Assert.False(fifth.IsCompleted);
        clock.Advance(TimeSpan.FromSeconds(1));
        await fifth;
    }

    private SlackApi Client(string token) =>
        new(Options.Create(new SlackOptions { BotToken = token, ApiBaseUrl = _slack.ApiBase.AbsoluteUri }), new ChannelPacing(TimeProvider.System),
            TimeProvider.System, NullLogger<SlackApi>.Instance);
}
