using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using ReviewBot.Host.Chat;

namespace ReviewBot.Channels.Teams.Tests.Support;

/// <summary>The service in-process on its embedded Garnet, as Teams reaches it: activities posted to /api/messages
/// whose serviceUrl is a <see cref="FakeConnector"/>. No app id unless the settings give one, as with the Emulator.
/// Two services given the same data directory one after the other are one service restarted.</summary>
public sealed class TeamsService : WebApplicationFactory<Program>
{
    public const string AdminKey = "test-admin-key";

    private readonly bool _ownsData;
    private readonly Action<IServiceCollection>? _services;

    public TeamsService(Dictionary<string, string?>? settings = null, string? dataDirectory = null, Action<IServiceCollection>? services = null)
    {
        _ownsData = dataDirectory is null;
        DataDirectory = dataDirectory ?? Path.Combine(Path.GetTempPath(), "rb-teams-" + Guid.NewGuid().ToString("N"));
        _services = services;
        Settings = new()
        {
            ["Roles:LeadChannel"] = "teams:" + Clinic.LeadsChannel,
            ["Roles:TeamChannel"] = "teams:" + Clinic.TeamChannel,
            ["Scheduling:SweepSeconds"] = "1",
        };
        foreach (var (key, value) in settings ?? [])
        {
            Settings[key] = value;
        }
    }

    public string DataDirectory { get; }
    public Dictionary<string, string?> Settings { get; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Storage:DataDirectory", DataDirectory);
        builder.UseSetting("Admin:ApiKey", AdminKey);
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }
        if (_services is not null)
        {
            builder.ConfigureTestServices(_services);
        }
    }

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

    /// <summary>The batch's progress as the admin API reports it.</summary>
    public async Task<System.Text.Json.Nodes.JsonNode> ProgressAsync(string batchId)
    {
        using var admin = Admin();
        return System.Text.Json.Nodes.JsonNode.Parse(await admin.GetStringAsync($"/api/batches/{batchId}"))!;
    }

    /// <summary>What the outbox holds has been sent.</summary>
    public async Task SettledAsync()
    {
        var sweeper = Services.GetRequiredService<OutboxSweeper>();
        await sweeper.WhenIdleAsync();
        await sweeper.SweepAsync(default);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_ownsData && Directory.Exists(DataDirectory))
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
    }
}
