using System.Net;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Extensions.DependencyInjection;
using ReviewBot.Channels.Teams.Tests.Support;
using ReviewBot.Storage;
using StackExchange.Redis;

namespace ReviewBot.Channels.Teams.Tests;

/// <summary>With MicrosoftAppId set, /api/messages takes only what the Bot Framework signed: the SDK checks each token
/// against the OpenID metadata, here a local issuer's. An unsigned, a forged and an expired token get 401 and leave
/// nothing behind (no conversation reference, no task, no reply); a valid one is processed.</summary>
public sealed class AuthenticationTests : IAsyncLifetime
{
    private FakeConnector _connector = null!;
    private LocalIssuer _issuer = null!;
    private TeamsService _service = null!;
    private TeamsPerson _amara = null!;

    public async Task InitializeAsync()
    {
        _connector = await FakeConnector.StartAsync();
        _issuer = await LocalIssuer.StartAsync();
        _service = new TeamsService(_issuer.Settings, services: s => s.AddSingleton<ServiceClientCredentialsFactory, OfflineCredentials>());
        _amara = new TeamsPerson(_service, _connector, Clinic.Amara, "Amara Osei");
        await _service.ImportAsync(Clinic.Roster, Clinic.Batch("ed"));
    }

    public async Task DisposeAsync()
    {
        await _service.DisposeAsync();
        await _issuer.DisposeAsync();
        await _connector.DisposeAsync();
    }

    public static TheoryData<string> Refused() => new() { "none", "unsigned", "forged", "expired" };

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task A_request_without_a_valid_token_gets_401_and_nothing_is_stored(string token)
    {
        _amara.Token = token switch
        {
            "unsigned" => LocalIssuer.Unsigned(_connector.ServiceUrl),
            "forged" => _issuer.Forged(_connector.ServiceUrl),
            "expired" => _issuer.Expired(_connector.ServiceUrl),
            _ => null,
        };

        var response = await _amara.SayAsync("next");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.False(await Redis.KeyExistsAsync(RedisKeys.TeamsPerson(Clinic.Amara)));
        Assert.Equal(0, (int?)(await _service.ProgressAsync("ed"))["openAssignments"]);
        Assert.Empty(_connector.Calls);
    }

    [Fact]
    public async Task A_valid_token_from_the_channels_issuer_is_processed()
    {
        _amara.Token = _issuer.Valid(_connector.ServiceUrl);

        var response = await _amara.SayAsync("next");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var task = await _connector.WaitForAsync(c => c.IsMessage && c.ConversationId == _amara.PersonalChat, "the task card");
        Assert.Contains("Rate this answer", task.Shown);
        Assert.True(await Redis.KeyExistsAsync(RedisKeys.TeamsPerson(Clinic.Amara)));
        Assert.Equal(1, (int?)(await _service.ProgressAsync("ed"))["openAssignments"]);
    }

    private IDatabase Redis => _service.Services.GetRequiredService<IConnectionMultiplexer>().GetDatabase();
}
