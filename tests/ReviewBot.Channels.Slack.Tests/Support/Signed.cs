using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ReviewBot.Channels.Slack.Tests.Support;

/// <summary>Requests as Slack sends them to /slack/events: the exact body, signed v0 with the app's signing secret
/// (HMAC-SHA256 of "v0:timestamp:body", hex, prefixed "v0="), computed here independently of the service.</summary>
public static class Signed
{
    public const string Secret = "test-signing-secret-0123456789ab";

    public static HttpRequestMessage Json(string json, DateTimeOffset? at = null, string secret = Secret) =>
        Request(Encoding.UTF8.GetBytes(json), "application/json", at ?? DateTimeOffset.UtcNow, secret);

    public static HttpRequestMessage Form(IEnumerable<KeyValuePair<string, string>> fields, DateTimeOffset? at = null) =>
        Request(Encoding.UTF8.GetBytes(string.Join('&', fields.Select(f => Uri.EscapeDataString(f.Key) + "=" + Uri.EscapeDataString(f.Value)))),
            "application/x-www-form-urlencoded", at ?? DateTimeOffset.UtcNow, Secret);

    public static HttpRequestMessage Payload(string payloadJson) => Form([KeyValuePair.Create("payload", payloadJson)]);

    public static string Signature(string secret, string timestamp, byte[] body)
    {
        var basestring = Encoding.UTF8.GetBytes($"v0:{timestamp}:").Concat(body).ToArray();
        return "v0=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), basestring));
    }

    public static HttpRequestMessage Request(byte[] body, string contentType, DateTimeOffset at, string secret)
    {
        var timestamp = at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var request = new HttpRequestMessage(HttpMethod.Post, "/slack/events") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        request.Headers.Add("X-Slack-Request-Timestamp", timestamp);
        request.Headers.Add("X-Slack-Signature", Signature(secret, timestamp, body));
        return request;
    }
}
