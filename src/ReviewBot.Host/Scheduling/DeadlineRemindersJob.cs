using Quartz;
using ReviewBot.Conversations.Leads;
using ReviewBot.Host.Chat;
using ReviewBot.Storage;
using ReviewBot.Tasks;
using StackExchange.Redis;

namespace ReviewBot.Host.Scheduling;

/// <summary>
/// Every few seconds, on every instance: 24 hours and 2 hours before a batch is due, the people who hold its open
/// work or could take it get a reminder saying so. Each batch's each warning is claimed in Redis (SET NX), so it goes
/// once whichever instance sees the moment first; a service started late sends only the nearer warning.
/// </summary>
[DisallowConcurrentExecution]
public sealed class DeadlineRemindersJob(IBatchStore batches, ReminderReach reach, Outbox outbox, OutboxSweeper sweeper,
    IConnectionMultiplexer redis, TimeProvider clock, ILogger<DeadlineRemindersJob> logger) : IJob
{
    private static readonly (string Name, TimeSpan Before, string Words)[] Warnings =
    [
        ("2h", TimeSpan.FromHours(2), "This batch is due in 2 hours."),
        ("24h", TimeSpan.FromHours(24), "This batch is due in 24 hours."),
    ];

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var db = redis.GetDatabase();
        foreach (var summary in await batches.ListAsync(cancellationToken))
        {
            if (summary is not { Closed: false, DueAt: { } due } || now >= due)
            {
                continue;
            }
            // The nearest warning whose time has come; the ones before it are claimed with it, never sent late.
            var index = Array.FindIndex(Warnings, w => now >= due - w.Before);
            if (index < 0)
            {
                continue;
            }
            var keep = due - now + TimeSpan.FromDays(1);
            var claimed = false;
            for (var i = index; i < Warnings.Length; i++)
            {
                var first = await db.StringSetAsync(RedisKeys.Batch(summary.Id).DeadlineWarned(Warnings[i].Name), now.ToUnixTimeMilliseconds(), keep, When.NotExists);
                claimed |= i == index && first;
            }
            if (!claimed || await batches.GetAsync(summary.Id, cancellationToken) is not { } batch)
            {
                continue;
            }
            var (reminders, reached) = await reach.RemindersAsync(batch, Warnings[index].Words, cancellationToken);
            await outbox.SendAsync(reminders, $"deadline:{batch.Id}:{Warnings[index].Name}", cancellationToken);
            logger.LogInformation("{Batch} is due {Due:u}: {Count} reviewers reminded ({Warning}).", batch.Id, due, reached.Count, Warnings[index].Name);
            sweeper.Kick();
        }
    }
}
