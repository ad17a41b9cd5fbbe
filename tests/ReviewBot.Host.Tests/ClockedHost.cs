using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Quartz;
using ReviewBot.Host.Chat;

namespace ReviewBot.Host.Tests;

/// <summary>
/// The service in-process on a clock the test moves, with the web chat on, for what happens later: reminders,
/// lapses, statements. Its own periodic sweeps are slowed to once an hour (of real time), so that only the test
/// decides when the outboxes are swept and when a scheduled job runs, and counts are not raced.
/// </summary>
internal sealed class ClockedHost : IAsyncDisposable
{
    private readonly ReviewBotApp _app = new();
    private readonly WebApplicationFactory<Program> _host;

    public ClockedHost(DateTimeOffset now, IReadOnlyDictionary<string, string>? settings = null, Action<IServiceCollection>? services = null)
    {
        Clock = new FakeTimeProvider(now);
        _app.Settings["WebChat:Enabled"] = "true";
        _app.Settings["Scheduling:SweepSeconds"] = "3600";
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            _app.Settings[key] = value;
        }
        _host = _app.WithWebHostBuilder(builder => builder.ConfigureTestServices(collection =>
        {
            collection.AddSingleton<TimeProvider>(Clock);
            services?.Invoke(collection);
        }));
        Client = _host.CreateClient();
        Chat = new WebChatClient(Client);
    }

    public FakeTimeProvider Clock { get; }
    public HttpClient Client { get; }
    public WebChatClient Chat { get; }
    public IServiceProvider Services => _host.Services;

    public async Task ImportAsync(string roster, params string[] batches)
    {
        (await Client.PostJsonTextAsync("/api/reviewers", roster)).EnsureSuccessStatusCode();
        foreach (var batch in batches)
        {
            (await Client.PostJsonTextAsync("/api/batches", batch)).EnsureSuccessStatusCode();
        }
    }

    /// <summary>What a sweep would deliver now has been delivered: the turn's own kick may be sending it already.</summary>
    public async Task DeliverDueAsync()
    {
        var sweeper = Services.GetRequiredService<OutboxSweeper>();
        await sweeper.WhenIdleAsync();
        await sweeper.SweepAsync(default);
    }

    /// <summary>One run of a scheduled job, as Quartz would start it.</summary>
    public async Task RunAsync<TJob>() where TJob : IJob =>
        await ActivatorUtilities.CreateInstance<TJob>(Services).Execute(null!, default);

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        await _app.DisposeAsync();
    }
}
