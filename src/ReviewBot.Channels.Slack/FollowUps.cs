using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ReviewBot.Channels.Slack;

/// <summary>
/// Slack wants an answer within 3 seconds and shows the person an error otherwise, so the slow part of a turn (posting
/// messages, opening a modal, uploading a file) runs here, after the acknowledgement has gone. On the way down the
/// service finishes what is running rather than cutting it off.
/// </summary>
public sealed class FollowUps(IHostApplicationLifetime lifetime, ILogger<FollowUps> logger) : IHostedService
{
    private readonly ConcurrentDictionary<long, Task> _running = new();
    private long _next;

    public void Run(Func<CancellationToken, Task> work)
    {
        var id = Interlocked.Increment(ref _next);
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _running[id] = done.Task;
        _ = Task.Run(async () =>
        {
            try
            {
                await work(lifetime.ApplicationStopping);
            }
            catch (Exception e) when (e is not OperationCanceledException || !lifetime.ApplicationStopping.IsCancellationRequested)
            {
                logger.LogError(e, "A Slack follow-up failed after its acknowledgement.");
            }
            finally
            {
                _running.TryRemove(id, out _);
                done.SetResult();
            }
        });
    }

    /// <summary>Completes when everything started so far has finished.</summary>
    public Task WhenIdleAsync() => Task.WhenAll(_running.Values);

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        try
        {
            await WhenIdleAsync().WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            logger.LogWarning("The service stopped with Slack follow-ups still running.");
        }
    }
}
