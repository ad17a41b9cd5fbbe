using Quartz;
using ReviewBot.Host.Chat;

namespace ReviewBot.Host.Scheduling;

/// <summary>Every few seconds, on every instance: send what the schedule says is due.</summary>
[DisallowConcurrentExecution]
public sealed class DueDeliveriesJob(ScheduledDeliveries schedule, Outbox outbox, TimeProvider clock, ILogger<DueDeliveriesJob> logger) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var sent = await schedule.SweepAsync(clock.GetUtcNow(), reply => outbox.DeliverNowAsync(reply, cancellationToken));
        if (sent > 0)
        {
            logger.LogInformation("Sent {Count} scheduled messages.", sent);
        }
    }
}
