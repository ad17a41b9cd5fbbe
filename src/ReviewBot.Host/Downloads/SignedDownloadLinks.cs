using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Hosting.Server.Features;
using ReviewBot.Conversations.Leads;
using ReviewBot.Exports;
using ReviewBot.Storage;
using StackExchange.Redis;

namespace ReviewBot.Host.Downloads;

/// <summary>
/// Download links for leads in chat, who do not hold the admin key: <c>/downloads/exports/{batch}?format=&amp;expires=&amp;signature=</c>,
/// where the signature is an HMAC-SHA256 of the batch, the format and the expiry. Changing any of them, or waiting
/// past the expiry, makes the link fail. The secret lives in Redis, made once by whichever instance needs it first,
/// so a link made by one instance opens on another and after a restart.
/// </summary>
public sealed class SignedDownloadLinks(IConnectionMultiplexer redis, IConfiguration configuration, IHostEnvironment environment,
    Microsoft.AspNetCore.Hosting.Server.IServer server, TimeProvider clock) : IDownloadLinks
{
    /// <summary>Long enough to open the link from the message at once, short enough that a forwarded link soon dies.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(15);

    private byte[]? _secret;

    public async Task<DownloadLink?> ForExportAsync(string batchId, DatasetFormat format, CancellationToken cancellationToken)
    {
        if (BaseAddress() is not { } address)
        {
            return null;
        }
        var expires = clock.GetUtcNow().Add(Lifetime);
        var expiresUnix = expires.ToUnixTimeSeconds();
        var formatWord = ContractWords<DatasetFormat>.Of(format);
        var signature = Base64Url(await SignAsync(batchId, formatWord, expiresUnix));
        var url = string.Create(CultureInfo.InvariantCulture,
            $"{address}/downloads/exports/{Uri.EscapeDataString(batchId)}?format={formatWord}&expires={expiresUnix}&signature={signature}");
        return new DownloadLink(url, DateTimeOffset.FromUnixTimeSeconds(expiresUnix));
    }

    public async Task<LinkCheck> CheckAsync(string batchId, string? format, string? expires, string? signature)
    {
        if (format is null || !long.TryParse(expires, NumberStyles.None, CultureInfo.InvariantCulture, out var expiresUnix)
            || signature is null || FromBase64Url(signature) is not { } presented)
        {
            return LinkCheck.Altered;
        }
        var expected = await SignAsync(batchId, format, expiresUnix);
        if (!CryptographicOperations.FixedTimeEquals(expected, presented))
        {
            return LinkCheck.Altered;
        }
        return clock.GetUtcNow().ToUnixTimeSeconds() > expiresUnix ? LinkCheck.Expired : LinkCheck.Valid;
    }

    /// <summary>PublicBaseUrl; in Development, where the service listens (a link that works on this machine).</summary>
    private string? BaseAddress()
    {
        if (configuration["PublicBaseUrl"] is { Length: > 0 } configured)
        {
            return configured.TrimEnd('/');
        }
        if (!environment.IsDevelopment())
        {
            return null;
        }
        var listening = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        if (listening is null || !Uri.TryCreate(listening.Replace("://+", "://localhost").Replace("://*", "://localhost"), UriKind.Absolute, out var uri))
        {
            return null;
        }
        var host = uri.Host is "0.0.0.0" or "[::]" or "::" ? "localhost" : uri.Host;
        return $"{uri.Scheme}://{host}:{uri.Port}";
    }

    private async Task<byte[]> SignAsync(string batchId, string format, long expiresUnix)
    {
        var message = Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"export\n{batchId}\n{format}\n{expiresUnix}"));
        return HMACSHA256.HashData(await SecretAsync(), message);
    }

    private async Task<byte[]> SecretAsync()
    {
        if (_secret is { } known)
        {
            return known;
        }
        var db = redis.GetDatabase();
        // Two instances starting at once each offer a secret; the first one written is the one everybody uses.
        await db.StringSetAsync(RedisKeys.DownloadSigningKey, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)), when: When.NotExists);
        var stored = await db.StringGetAsync(RedisKeys.DownloadSigningKey);
        return _secret = Convert.FromBase64String(stored.ToString());
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[]? FromBase64Url(string text)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        padded += new string('=', (4 - padded.Length % 4) % 4);
        var bytes = new byte[padded.Length];
        return Convert.TryFromBase64String(padded, bytes, out var written) ? bytes[..written] : null;
    }
}

public enum LinkCheck
{
    Valid,
    Altered,
    Expired,
}
