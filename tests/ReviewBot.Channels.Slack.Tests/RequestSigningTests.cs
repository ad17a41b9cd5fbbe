using System.Net;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using ReviewBot.Channels.Slack.Inbound;
using ReviewBot.Channels.Slack.Tests.Support;
using StackExchange.Redis;

namespace ReviewBot.Channels.Slack.Tests;

/// <summary>Every request to /slack/events is checked (v0, HMAC-SHA256, five minutes, constant-time) on its raw body
/// before anything is read from it; one that fails gets 401 and changes nothing.</summary>
public sealed class RequestSigningTests : IAsyncLifetime
{
    private FakeSlack _slack = null!;
    private SlackService _service = null!;

    public async Task InitializeAsync()
    {
        _slack = await FakeSlack.StartAsync();
        _service = new SlackService(_slack);
        await _service.ImportAsync(Clinic.Roster, Clinic.Batch("signed"));
    }

    public async Task DisposeAsync()
    {
        await _service.DisposeAsync();
        await _slack.DisposeAsync();
    }

    [Fact]
    public void Slacks_own_published_signing_example_verifies()
    {
        var body = File.ReadAllBytes(Repo.Fixture("signing-example.txt"));
        var at = DateTimeOffset.FromUnixTimeSeconds(1531420618);
        var signature = new RequestSignature("8f742231b10e8888abcd99yyyzzz85a5", new FakeTimeProvider(at));

        Assert.True(signature.IsValid(body, "1531420618", "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503"));
        Assert.False(new RequestSignature("8f742231b10e8888abcd99yyyzzz85a5", new FakeTimeProvider(at.AddMinutes(5).AddSeconds(1)))
            .IsValid(body, "1531420618", "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503"));
    }

    [Theory]
    [InlineData("a tampered body")]
    [InlineData("a timestamp older than five minutes")]
    [InlineData("a timestamp from the future")]
    [InlineData("no signature")]
    [InlineData("no timestamp")]
    [InlineData("a malformed signature")]
    [InlineData("a v1 signature")]
    [InlineData("another app's secret")]
    public async Task A_request_with_a_bad_signature_gets_401_and_nothing_is_stored(string flaw)
    {
        var keysBefore = await KeysAsync();
        var json = $$"""{"token":"x","team_id":"T123","api_app_id":"A123","event":{"type":"message","channel":"DAMARA01","user":"{{Clinic.Amara}}","text":"next","ts":"1.1","channel_type":"im"},"type":"event_callback","event_id":"EvBAD{{flaw.Length}}","event_time":1}""";
        var request = flaw switch
        {
            "a timestamp older than five minutes" => Signed.Json(json, DateTimeOffset.UtcNow.AddMinutes(-5).AddSeconds(-2)),
            "a timestamp from the future" => Signed.Json(json, DateTimeOffset.UtcNow.AddMinutes(6)),
            "another app's secret" => Signed.Json(json, secret: "someone-elses-secret"),
            _ => Signed.Json(json),
        };
        switch (flaw)
        {
            case "a tampered body":
                request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(json.Replace("next", "close signed")));
                request.Content.Headers.ContentType = new("application/json");
                break;
            case "no signature":
                request.Headers.Remove("X-Slack-Signature");
                break;
            case "no timestamp":
                request.Headers.Remove("X-Slack-Request-Timestamp");
                break;
            case "a malformed signature":
                request.Headers.Remove("X-Slack-Signature");
                request.Headers.Add("X-Slack-Signature", "v0=not-hex-at-all");
                break;
            case "a v1 signature":
                var v0 = request.Headers.GetValues("X-Slack-Signature").Single();
                request.Headers.Remove("X-Slack-Signature");
                request.Headers.Add("X-Slack-Signature", "v1" + v0[2..]);
                break;
        }

        var response = await _service.CreateClient().SendAsync(request);
        await _service.SettledAsync();

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(_slack.Calls);
        Assert.Equal(keysBefore, await KeysAsync());
    }

    [Fact]
    public async Task The_same_request_signed_correctly_is_answered()
    {
        var amara = new SlackPerson(_service, _slack, Clinic.Amara);

        var response = await amara.SayAsync("help");
        await _service.SettledAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(_slack.Of("chat.postMessage"), c => c.Arg("channel") == amara.Dm);
    }

    private async Task<List<string>> KeysAsync()
    {
        var redis = _service.Redis;
        var server = redis.GetServer(redis.GetEndPoints()[0]);
        var keys = new List<string>();
        await foreach (var key in server.KeysAsync(pattern: "rb:*"))
        {
            keys.Add(key.ToString());
        }
        keys.Sort(StringComparer.Ordinal);
        return keys;
    }
}
