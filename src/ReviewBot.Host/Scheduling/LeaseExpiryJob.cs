using Quartz;
using ReviewBot.Assignments;
using ReviewBot.Conversations.Work;
using ReviewBot.Host.Chat;
using ReviewBot.Tasks;

namespace ReviewBot.Host.Scheduling;

/// <summary>
/// Every few seconds, on every instance: leases whose time ran out end at once, so their slots go to the next asker
/// without waiting for a claim in that batch, and each holder is told once. The store marks a lapse as "to tell" in
/// the same step that ends it, and the notice goes into the outbox under an id made from the assignment, so an
/// instance dying between the two is made good by the next sweep without telling anyone twice.
/// </summary>
[DisallowConcurrentExecution]
public sealed class LeaseExpiryJob(IBatchStore batches, IAssignmentStore assignments, LapseNotices notices, Outbox outbox, OutboxSweeper sweeper,
    TimeProvider clock, ILogger<LeaseExpiryJob> logger) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var told = 0;
        foreach (var batch in await batches.ListAsync(cancellationToken))
        {
            foreach (var lapsed in await assignments.LapseDueAsync(batch.Id, clock.GetUtcNow(), cancellationToken))
            {
                if (await notices.ForAsync(lapsed, cancellationToken) is { } notice)
                {
                    await outbox.SendAsync([notice], "lapsed:" + lapsed.Id, cancellationToken);
                    told++;
                }
                await assignments.ToldOfLapseAsync(lapsed.Id, cancellationToken);
            }
        }
        if (told > 0)
        {
            logger.LogInformation("{Count} tasks went back to the pool when their time ran out; their holders are told.", told);
            sweeper.Kick();
        }
    }
}
