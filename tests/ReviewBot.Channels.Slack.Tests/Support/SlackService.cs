using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using ReviewBot.Host.Chat;
using StackExchange.Redis;

namespace ReviewBot.Channels.Slack.Tests.Support;

/// <summary>The service in-process with Slack on, pointed at a <see cref="FakeSlack"/>: on its embedded Garnet in a
/// fresh directory, or on a Redis several instances share.</summary>
public sealed class SlackService : WebApplicationFactory<Program>
{
    public const string AdminKey = "test-admin-key";
    public const string LeadChannel = "CLEADS01";
    public const string TeamChannel = "CTEAM001";

    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "rb-slack-" + Guid.NewGuid().ToString("N"));

    public SlackService(FakeSlack slack, string? redis = null, Dictionary<string, string?>? settings = null)
    {
        Settings = new()
        {
            ["Slack:BotToken"] = "xoxb-test",
            ["Slack:SigningSecret"] = Signed.Secret,
            ["Slack:ApiBaseUrl"] = slack.ApiBase.AbsoluteUri,
            ["Roles:LeadChannel"] = "slack:" + LeadChannel,
            ["Roles:TeamChannel"] = "slack:" + TeamChannel,
            ["PublicBaseUrl"] = "https://reviewbot.test",
            ["Scheduling:SweepSeconds"] = "1",
        };
        if (redis is not null)
        {
            Settings["ConnectionStrings:Redis"] = redis;
        }
        foreach (var (key, value) in settings ?? [])
        {
            Settings[key] = value;
        }
    }

    public Dictionary<string, string?> Settings { get; }

    public IConnectionMultiplexer Redis => Services.GetRequiredService<IConnectionMultiplexer>();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Storage:DataDirectory", _dataDirectory);
        builder.UseSetting("Admin:ApiKey", AdminKey);
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }
    }

    /// <summary>A client with the admin key, for the roster and batch imports.</summary>
    public HttpClient Admin()
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminKey);
        return client;
    }

    public async Task ImportAsync(string roster, string batch)
    {
        using var admin = Admin();
        (await admin.PostAsync("/api/reviewers", new StringContent(roster, System.Text.Encoding.UTF8, "application/json"))).EnsureSuccessStatusCode();
        (await admin.PostAsync("/api/batches", new StringContent(batch, System.Text.Encoding.UTF8, "application/json"))).EnsureSuccessStatusCode();
    }

    /// <summary>What a turn set off and what the outbox holds has been sent.</summary>
    public async Task SettledAsync()
    {
        await Services.GetRequiredService<FollowUps>().WhenIdleAsync();
        var sweeper = Services.GetRequiredService<OutboxSweeper>();
        await sweeper.WhenIdleAsync();
        await sweeper.SweepAsync(default);
        await Services.GetRequiredService<FollowUps>().WhenIdleAsync();
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (Directory.Exists(_dataDirectory))
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }
}
