using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ReviewBot.Channels.Slack.Inbound;

/// <summary>
/// Slack signs every request it sends (v0): <c>X-Slack-Signature: v0=hex(HMAC-SHA256(signing secret,
/// "v0:" + X-Slack-Request-Timestamp + ":" + raw body))</c>. A request is believed only when the signature matches,
/// compared in constant time, and its timestamp is within five minutes of our clock, so a captured request cannot be
/// replayed later. It is checked on the raw bytes, before anything is parsed.
/// </summary>
public sealed class RequestSignature(string signingSecret, TimeProvider clock)
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(5);

    private readonly byte[] _secret = Encoding.UTF8.GetBytes(signingSecret);

    public bool IsValid(ReadOnlySpan<byte> body, string? timestamp, string? signature)
    {
        if (timestamp is not { Length: > 0 and <= 12 } || signature is not { Length: 67 } || !signature.StartsWith("v0=", StringComparison.Ordinal)
            || !long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || Math.Abs(clock.GetUtcNow().ToUnixTimeSeconds() - seconds) > Window.TotalSeconds)
        {
            return false;
        }
        Span<byte> presented = stackalloc byte[32];
        if (Convert.FromHexString(signature.AsSpan(3), presented, out _, out var written) != OperationStatus.Done || written != 32)
        {
            return false;
        }
        Span<byte> prefix = stackalloc byte[16];
        var prefixLength = Encoding.ASCII.GetBytes($"v0:{timestamp}:", prefix);
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, _secret);
        hmac.AppendData(prefix[..prefixLength]);
        hmac.AppendData(body);
        Span<byte> expected = stackalloc byte[32];
        hmac.GetHashAndReset(expected);
        return CryptographicOperations.FixedTimeEquals(expected, presented);
    }
}
