using ReviewBot.Conversations.Chat;
using ReviewBot.Conversations.Work;
using ReviewBot.Storage;

namespace ReviewBot.Host.Chat;

/// <summary>
/// Delivers what the outboxes hold once it is due, on every instance: each message is claimed for a while (so one
/// instance sends it), acknowledged once its channel took it, and after a failed send tried again later, waiting a
/// little longer each time; after <see cref="MaxFailures"/> failures it is parked, kept and logged, never dropped.
/// A reminder is checked again just before it goes: one whose task was answered meanwhile, or whose reader paused,
/// is dropped.
/// </summary>
public sealed class OutboxSweeper(RedisOutbox store, Outbox outbox, ReminderCheck reminders, TimeProvider clock, ILogger<OutboxSweeper> logger)
    : IHostedService
{
    /// <summary>Long enough for any send to finish; a claimer that dies is replaced after this.</summary>
    public static readonly TimeSpan Hold = TimeSpan.FromMinutes(1);

    public const int MaxFailures = 20;

    private static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan LongestWait = TimeSpan.FromMinutes(15);

    private int _running;
    private int _again;
    private Task _background = Task.CompletedTask;

    /// <summary>Sweeps soon, in the background: a turn that left messages in the outbox must not wait for their
    /// delivery. A kick that comes while a sweep runs makes it go round once more; the periodic sweep catches any
    /// kick lost in between.</summary>
    public void Kick()
    {
        Volatile.Write(ref _again, 1);
        if (Interlocked.CompareExchange(ref _running, 1, 0) != 0)
        {
            return;
        }
        _background = Task.Run(async () =>
        {
            try
            {
                while (Interlocked.Exchange(ref _again, 0) == 1)
                {
                    await SweepAsync(CancellationToken.None);
                }
            }
            catch (Exception e)
            {
                logger.LogError(e, "A sweep of the outbox failed; the next periodic sweep tries again.");
            }
            finally
            {
                Volatile.Write(ref _running, 0);
            }
        });
    }

    /// <summary>Completes when the sweep a kick started has finished.</summary>
    public Task WhenIdleAsync() => Volatile.Read(ref _background);

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>On the way down, a send in progress is finished rather than cut off (it would be sent again later).</summary>
    public Task StopAsync(CancellationToken cancellationToken) => WhenIdleAsync().WaitAsync(cancellationToken);

    /// <summary>Delivers every message now due, in every outbox; returns how many were delivered.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var delivered = 0;
        foreach (var box in await store.AllAsync())
        {
            IReadOnlyList<ClaimedMessage> claimed;
            do
            {
                claimed = await store.ClaimDueAsync(box, clock.GetUtcNow(), Hold, limit: 100);
                foreach (var message in claimed)
                {
                    delivered += await DeliverAsync(message, cancellationToken) ? 1 : 0;
                }
            }
            while (claimed.Count == 100);
        }
        return delivered;
    }

    private async Task<bool> DeliverAsync(ClaimedMessage message, CancellationToken cancellationToken)
    {
        try
        {
            var reply = Reply.FromJson(message.Json);
            if (reply is DirectMessage { Card: "reminder" } reminder && !await reminders.StillWantedAsync(reminder, cancellationToken))
            {
                logger.LogInformation("Dropped a reminder for {Reader}: nothing is waiting for them any more, or they paused.", reminder.UserKey);
                await store.DoneAsync(message);
                return false;
            }
            if (!await outbox.DeliverNowAsync(reply, cancellationToken, message.Id))
            {
                await store.FailedAsync(message, clock.GetUtcNow(), TimeSpan.Zero, maxFailures: 0);
                return false;
            }
            await store.DoneAsync(message);
            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            var wait = TimeSpan.FromTicks(Math.Min(LongestWait.Ticks, FirstRetry.Ticks << Math.Min(message.Failures, 20)));
            var parked = await store.FailedAsync(message, clock.GetUtcNow(), wait, MaxFailures);
            logger.Log(parked ? LogLevel.Error : LogLevel.Warning, e,
                parked ? "Message {Id} failed {Failures} times and is parked in the outbox." : "Message {Id} failed (send {Failures}); it is tried again in {Wait}.",
                message.Id, message.Failures + 1, wait);
            return false;
        }
    }
}
