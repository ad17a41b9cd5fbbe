using ReviewBot.Conversations.Chat;
using ReviewBot.Storage;
using ReviewBot.Testing;
using StackExchange.Redis;

namespace ReviewBot.Host.Tests;

/// <summary>Instances of the service on one Redis, started as real processes: every due message is delivered once,
/// however the sweeping is shared, and when an instance is killed in the middle of a sweep the others deliver what
/// it had claimed, still once.</summary>
public sealed class SweepAcrossHostsTests(RedisServerProcess redis) : IClassFixture<RedisServerProcess>, IDisposable
{
    private readonly List<string> _dataDirectories = [];

    [Fact]
    public async Task Two_instances_deliver_a_thousand_due_messages_once_each()
    {
        await using var first = await StartAsync();
        await using var second = await StartAsync();
        var people = await DueNowAsync("pair", 1000);

        await WaitUntilDeliveredAsync(people, TimeSpan.FromSeconds(90));

        Assert.All(await CountsAsync(people), count => Assert.Equal(1, count));
        Assert.Equal(0, await new RedisOutbox(redis.Redis).WaitingAsync());
    }

    [Fact]
    public async Task What_a_killed_instance_had_claimed_is_delivered_once_by_another()
    {
        var people = await DueNowAsync("kill", 3000);
        var doomed = await StartAsync();
        var outbox = new RedisOutbox(redis.Redis);
        int deliveredBeforeKill;
        do
        {
            await Task.Delay(5);
            deliveredBeforeKill = (await CountsAsync(people)).Count(c => c > 0);
        }
        while (deliveredBeforeKill == 0);
        await doomed.KillAsync();
        var inFlight = (await outbox.ListAsync(RedisKeys.Outbox, DateTimeOffset.UtcNow)).Count(e => e.State == OutboxState.InFlight);
        deliveredBeforeKill = (await CountsAsync(people)).Count(c => c > 0);
        await doomed.DisposeAsync();

        await using var survivor = await StartAsync();
        await WaitUntilDeliveredAsync(people, TimeSpan.FromSeconds(90));

        Assert.True(deliveredBeforeKill < people.Count && inFlight > 0,
            $"The instance was killed after {deliveredBeforeKill} deliveries with {inFlight} in flight: not in the middle of a sweep.");
        Assert.All(await CountsAsync(people), count => Assert.Equal(1, count));
        Assert.Equal(0, await outbox.WaitingAsync());
    }

    private async Task<HostProcess> StartAsync()
    {
        var data = Path.Combine(Path.GetTempPath(), "rb-sweep-" + Guid.NewGuid().ToString("N"));
        _dataDirectories.Add(data);
        return await HostProcess.StartAsync(data, "Testing", "--ConnectionStrings:Redis", $"127.0.0.1:{redis.Port}",
            "--Scheduling:SweepSeconds", "1", "--Scheduling:ClaimSeconds", "3");
    }

    /// <summary>One message for each of <paramref name="count"/> web chat people, all due now, added in one step.</summary>
    private async Task<IReadOnlyList<string>> DueNowAsync(string run, int count)
    {
        var people = Enumerable.Range(0, count).Select(n => $"web:{run}-{n}").ToList();
        await new RedisOutbox(redis.Redis).AddAsync(people
            .Select(p => new OutboxMessage($"{run}:{p}", new DirectText(p, $"A note for {p}.").ToJson(), DateTimeOffset.UtcNow)).ToList());
        return people;
    }

    private async Task<int[]> CountsAsync(IReadOnlyList<string> people)
    {
        var db = redis.Redis.GetDatabase();
        var lengths = people.Select(p => db.ListLengthAsync(RedisKeys.ChatMessages(p))).ToList();
        return (await Task.WhenAll(lengths)).Select(l => (int)l).ToArray();
    }

    private async Task WaitUntilDeliveredAsync(IReadOnlyList<string> people, TimeSpan patience)
    {
        var until = DateTime.UtcNow + patience;
        while ((await CountsAsync(people)).Any(c => c == 0))
        {
            Assert.True(DateTime.UtcNow < until, $"Not every message was delivered within {patience.TotalSeconds:0} s.");
            await Task.Delay(200);
        }
        // Anything claimed twice would show by now: a second claim waits out the first one's 3 s.
        await Task.Delay(TimeSpan.FromSeconds(4));
    }

    public void Dispose()
    {
        foreach (var data in _dataDirectories.Where(Directory.Exists))
        {
            Directory.Delete(data, recursive: true);
        }
    }
}
