using Quartz;
using ReviewBot.Host.Chat;

namespace ReviewBot.Host.Scheduling;

/// <summary>Every few seconds, on every instance: deliver what the outboxes hold that is due (scheduled messages,
/// and anything a turn's own kick missed or a failed send put back).</summary>
[DisallowConcurrentExecution]
public sealed class DueDeliveriesJob(OutboxSweeper sweeper, ILogger<DueDeliveriesJob> logger) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var sent = await sweeper.SweepAsync(cancellationToken);
        if (sent > 0)
        {
            logger.LogInformation("Delivered {Count} messages from the outbox.", sent);
        }
    }
}
