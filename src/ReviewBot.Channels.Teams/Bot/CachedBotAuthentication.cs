using System.Collections.Concurrent;
using System.Security.Claims;
using Microsoft.Bot.Connector;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Bot.Schema;

namespace ReviewBot.Channels.Teams.Bot;

/// <summary>
/// The SDK's authentication, with the clients it makes kept. CloudAdapter asks for a new connector client and a new
/// user-token client on every turn, and each builds its own Newtonsoft contract resolver, so every turn paid for
/// contract building and its run-time compiled accessors again (about 10 ms of CPU, DESIGN §13). One client per bot
/// app id, service URL and audience serves every turn and every proactive send; the SDK still authenticates each
/// request exactly as before. The kept clients are handed out behind wrappers that ignore Dispose, because the turn
/// disposes what it was given.
/// </summary>
public sealed class CachedBotAuthentication(BotFrameworkAuthentication inner, string? appId) : BotFrameworkAuthentication
{
    private readonly ConcurrentDictionary<(string? AppId, string ServiceUrl, string? Audience), Lazy<Task<IConnectorClient>>> _connectors = new();
    private readonly ConcurrentDictionary<string, Lazy<Task<UserTokenClient>>> _tokenClients = new();

    /// <summary>The bot's own app id (empty when none is configured: the Emulator and local tests).</summary>
    public string? AppId { get; } = string.IsNullOrWhiteSpace(appId) ? null : appId;

    /// <summary>The SDK's own check; the connector factory it hands the turn is swapped for one that keeps clients
    /// (CloudAdapter takes the factory from this result, not from <see cref="CreateConnectorFactory"/>).</summary>
    public override async Task<AuthenticateRequestResult> AuthenticateRequestAsync(Activity activity, string authHeader, CancellationToken cancellationToken) =>
        Kept(await inner.AuthenticateRequestAsync(activity, authHeader, cancellationToken));

    public override async Task<AuthenticateRequestResult> AuthenticateStreamingRequestAsync(string authHeader, string channelIdHeader, CancellationToken cancellationToken) =>
        Kept(await inner.AuthenticateStreamingRequestAsync(authHeader, channelIdHeader, cancellationToken));

    private AuthenticateRequestResult Kept(AuthenticateRequestResult result)
    {
        if (result.ConnectorFactory is { } factory and not CachedFactory)
        {
            result.ConnectorFactory = new CachedFactory(this, factory, AppIdOf(result.ClaimsIdentity));
        }
        return result;
    }

    public override Task<ClaimsIdentity> AuthenticateChannelRequestAsync(string authHeader, CancellationToken cancellationToken) =>
        inner.AuthenticateChannelRequestAsync(authHeader, cancellationToken);

    public override Microsoft.Bot.Builder.Skills.BotFrameworkClient CreateBotFrameworkClient() => inner.CreateBotFrameworkClient();

    public override string GetOriginatingAudience() => inner.GetOriginatingAudience();

    public override ConnectorFactory CreateConnectorFactory(ClaimsIdentity claimsIdentity) =>
        new CachedFactory(this, inner.CreateConnectorFactory(claimsIdentity), AppIdOf(claimsIdentity));

    public override async Task<UserTokenClient> CreateUserTokenClientAsync(ClaimsIdentity claimsIdentity, CancellationToken cancellationToken)
    {
        var id = AppIdOf(claimsIdentity) ?? "";
        var kept = _tokenClients.GetOrAdd(id, _ => new Lazy<Task<UserTokenClient>>(() => inner.CreateUserTokenClientAsync(claimsIdentity, CancellationToken.None)));
        return new KeptUserTokenClient(await AwaitOrForgetAsync(_tokenClients, id, kept));
    }

    /// <summary>The calling bot's app id: <c>appid</c> in v1 tokens, <c>azp</c> in v2; none for the Emulator without auth.</summary>
    private static string? AppIdOf(ClaimsIdentity identity) =>
        identity.Claims.FirstOrDefault(c => c.Type is AuthenticationConstants.AppIdClaim or AuthenticationConstants.AuthorizedParty)?.Value;

    /// <summary>The connector client for sends outside a turn (the outbox), on behalf of the bot's own app id.</summary>
    public Task<IConnectorClient> ConnectorAsync(string serviceUrl, CancellationToken cancellationToken)
    {
        var identity = new ClaimsIdentity(AppId is null ? [] :
        [
            new Claim(AuthenticationConstants.AudienceClaim, AppId),
            new Claim(AuthenticationConstants.AppIdClaim, AppId),
        ]);
        return CreateConnectorFactory(identity).CreateAsync(serviceUrl, GetOriginatingAudience(), cancellationToken);
    }

    private async Task<IConnectorClient> ConnectorAsync(ConnectorFactory factory, string? appId, string serviceUrl, string? audience)
    {
        var key = (appId, serviceUrl, audience);
        // The SDK makes its clients over a plain HttpClient, without Microsoft.Rest's retry handler, so a 429 reaches
        // our sender and its Retry-After is honoured there.
        var kept = _connectors.GetOrAdd(key, _ => new Lazy<Task<IConnectorClient>>(() => factory.CreateAsync(serviceUrl, audience, CancellationToken.None)));
        return new KeptConnectorClient(await AwaitOrForgetAsync(_connectors, key, kept));
    }

    /// <summary>A client that failed to be made is not kept: the next turn tries again.</summary>
    private static async Task<T> AwaitOrForgetAsync<TKey, T>(ConcurrentDictionary<TKey, Lazy<Task<T>>> cache, TKey key, Lazy<Task<T>> kept)
        where TKey : notnull
    {
        try
        {
            return await kept.Value;
        }
        catch
        {
            cache.TryRemove(KeyValuePair.Create(key, kept));
            throw;
        }
    }

    private sealed class CachedFactory(CachedBotAuthentication owner, ConnectorFactory inner, string? appId) : ConnectorFactory
    {
        public override Task<IConnectorClient> CreateAsync(string serviceUrl, string audience, CancellationToken cancellationToken) =>
            owner.ConnectorAsync(inner, appId, serviceUrl, audience);
    }

    private sealed class KeptConnectorClient(IConnectorClient client) : IConnectorClient
    {
        public Uri BaseUri { get => client.BaseUri; set => client.BaseUri = value; }
        public Newtonsoft.Json.JsonSerializerSettings SerializationSettings => client.SerializationSettings;
        public Newtonsoft.Json.JsonSerializerSettings DeserializationSettings => client.DeserializationSettings;
        public Microsoft.Rest.ServiceClientCredentials Credentials => client.Credentials;
        public IAttachments Attachments => client.Attachments;
        public IConversations Conversations => client.Conversations;

        public void Dispose()
        {
        }
    }

    private sealed class KeptUserTokenClient(UserTokenClient client) : UserTokenClient
    {
        public override Task<TokenResponse> GetUserTokenAsync(string userId, string connectionName, string channelId, string magicCode, CancellationToken cancellationToken) =>
            client.GetUserTokenAsync(userId, connectionName, channelId, magicCode, cancellationToken);

        public override Task<SignInResource> GetSignInResourceAsync(string connectionName, Activity activity, string finalRedirect, CancellationToken cancellationToken) =>
            client.GetSignInResourceAsync(connectionName, activity, finalRedirect, cancellationToken);

        public override Task SignOutUserAsync(string userId, string connectionName, string channelId, CancellationToken cancellationToken) =>
            client.SignOutUserAsync(userId, connectionName, channelId, cancellationToken);

        public override Task<TokenStatus[]> GetTokenStatusAsync(string userId, string channelId, string includeFilter, CancellationToken cancellationToken) =>
            client.GetTokenStatusAsync(userId, channelId, includeFilter, cancellationToken);

        public override Task<Dictionary<string, TokenResponse>> GetAadTokensAsync(string userId, string connectionName, string[] resourceUrls, string channelId,
            CancellationToken cancellationToken) =>
            client.GetAadTokensAsync(userId, connectionName, resourceUrls, channelId, cancellationToken);

        public override Task<TokenResponse> ExchangeTokenAsync(string userId, string connectionName, string channelId, TokenExchangeRequest exchangeRequest,
            CancellationToken cancellationToken) =>
            client.ExchangeTokenAsync(userId, connectionName, channelId, exchangeRequest, cancellationToken);

        protected override void Dispose(bool disposing)
        {
        }
    }
}
