using System.Security.Claims;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace ReviewBot.Channels.Teams.Tests.Support;

/// <summary>
/// A loopback stand-in for the Bot Framework's token issuer: an OpenID configuration document and its signing keys
/// (with the endorsement for <c>msteams</c> the SDK checks), served where the SDK's OpenID metadata settings point, and
/// tokens as the channel signs them (issuer https://api.botframework.com, audience the bot's app id, the activity's
/// serviceUrl as a claim). Also forged ones (signed by another key), expired ones and unsigned ones.
/// </summary>
public sealed class LocalIssuer : IAsyncDisposable
{
    public const string AppId = "0a11ce00-0000-4000-8000-0000000ab0ab";
    public const string Issuer = "https://api.botframework.com";
    private const string KeyId = "local-signing-key";

    private readonly WebApplication _app;
    private readonly RSA _key = RSA.Create(2048);
    private readonly RSA _otherKey = RSA.Create(2048);

    public Uri MetadataUrl { get; }

    private readonly X509Certificate2 _certificate;

    private LocalIssuer(WebApplication app, Uri address, X509Certificate2 certificate)
    {
        _app = app;
        _certificate = certificate;
        MetadataUrl = new Uri(address, "/v1/.well-known/openidconfiguration");
    }

    public static async Task<LocalIssuer> StartAsync()
    {
        var certificate = LoopbackCertificate();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrelHttpsConfiguration();
        builder.WebHost.UseUrls("https://127.0.0.1:0");
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.ConfigureHttpsDefaults(https => https.ServerCertificate = certificate));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        LocalIssuer? issuer = null;
        app.MapGet("/v1/.well-known/openidconfiguration", (HttpContext c) => Results.Json(new
        {
            issuer = Issuer,
            authorization_endpoint = "https://invalid.botframework.com",
            jwks_uri = new Uri(issuer!.MetadataUrl, "/v1/.well-known/keys").AbsoluteUri,
            id_token_signing_alg_values_supported = new[] { "RS256" },
            token_endpoint_auth_methods_supported = new[] { "private_key_jwt" },
        }));
        app.MapGet("/v1/.well-known/keys", () =>
        {
            var key = issuer!._key.ExportParameters(false);
            return Results.Json(new
            {
                keys = new[]
                {
                    new
                    {
                        kty = "RSA", use = "sig", kid = KeyId, n = Base64UrlEncoder.Encode(key.Modulus), e = Base64UrlEncoder.Encode(key.Exponent),
                        endorsements = new[] { "msteams" },
                    },
                },
            });
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        issuer = new LocalIssuer(app, new Uri(address), certificate);
        return issuer;
    }

    /// <summary>The SDK fetches OpenID metadata over HTTPS only, with its own HttpClient: the loopback issuer's
    /// certificate is trusted for this user (.NET's own CurrentUser root store) while the issuer runs.</summary>
    private static X509Certificate2 LoopbackCertificate()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=ReviewBot test issuer", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(System.Net.IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        var certificate = X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pfx), null);
        using var roots = new X509Store(StoreName.Root, StoreLocation.CurrentUser);
        roots.Open(OpenFlags.ReadWrite);
        roots.Add(X509CertificateLoader.LoadCertificate(certificate.RawData));
        return certificate;
    }

    /// <summary>The settings that make the service require tokens from this issuer. The SDK takes its endpoints either
    /// all from configuration or none, so the others are the public cloud's own values.</summary>
    public Dictionary<string, string?> Settings => new()
    {
        ["MicrosoftAppType"] = "MultiTenant",
        ["MicrosoftAppId"] = AppId,
        ["ToBotFromChannelOpenIdMetadataUrl"] = MetadataUrl.AbsoluteUri,
        ["ToBotFromEmulatorOpenIdMetadataUrl"] = MetadataUrl.AbsoluteUri,
        ["ToBotFromChannelTokenIssuer"] = Issuer,
        ["ToChannelFromBotLoginUrl"] = "https://login.microsoftonline.com/botframework.com",
        ["ToChannelFromBotOAuthScope"] = "https://api.botframework.com",
        ["OAuthUrl"] = "https://api.botframework.com",
        ["CallerId"] = "urn:botframework:azure",
        ["ValidateAuthority"] = "true",
    };

    public string Valid(Uri serviceUrl) => Token(serviceUrl, _key, DateTime.UtcNow.AddMinutes(30));

    public string Forged(Uri serviceUrl) => Token(serviceUrl, _otherKey, DateTime.UtcNow.AddMinutes(30));

    /// <summary>Expired well beyond the five minutes of clock skew the SDK allows.</summary>
    public string Expired(Uri serviceUrl) => Token(serviceUrl, _key, DateTime.UtcNow.AddMinutes(-20));

    public static string Unsigned(Uri serviceUrl)
    {
        static string Part(string json) => Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(json));
        var expires = DateTimeOffset.UtcNow.AddMinutes(30).ToUnixTimeSeconds();
        return Part("""{"alg":"none","typ":"JWT"}""") + "." +
            Part($$"""{"iss":"{{Issuer}}","aud":"{{AppId}}","serviceurl":"{{serviceUrl.AbsoluteUri}}","exp":{{expires}},"nbf":{{expires - 3600}}}""") + ".";
    }

    private static string Token(Uri serviceUrl, RSA key, DateTime expires) =>
        new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = AppId,
            IssuedAt = expires.AddMinutes(-60),
            NotBefore = expires.AddMinutes(-60),
            Expires = expires,
            Subject = new ClaimsIdentity([new Claim(AuthenticationConstants.ServiceUrlClaim, serviceUrl.AbsoluteUri)]),
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(key) { KeyId = KeyId }, SecurityAlgorithms.RsaSha256),
        });

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _key.Dispose();
        _otherKey.Dispose();
        using (var roots = new X509Store(StoreName.Root, StoreLocation.CurrentUser))
        {
            roots.Open(OpenFlags.ReadWrite);
            roots.Remove(_certificate);
        }
        _certificate.Dispose();
    }
}

/// <summary>The bot's own calls to the fake connector need no token from Entra ID (there is no network here): the
/// configured app id is accepted and its credentials are empty.</summary>
public sealed class OfflineCredentials : ServiceClientCredentialsFactory
{
    public override Task<bool> IsValidAppIdAsync(string appId, CancellationToken cancellationToken) => Task.FromResult(appId == LocalIssuer.AppId);

    public override Task<bool> IsAuthenticationDisabledAsync(CancellationToken cancellationToken) => Task.FromResult(false);

    public override Task<Microsoft.Rest.ServiceClientCredentials> CreateCredentialsAsync(string appId, string audience, string loginEndpoint,
        bool validateAuthority, CancellationToken cancellationToken) =>
        Task.FromResult<Microsoft.Rest.ServiceClientCredentials>(MicrosoftAppCredentials.Empty);
}
