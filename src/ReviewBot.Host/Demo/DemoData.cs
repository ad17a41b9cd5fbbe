using ReviewBot.Host.Admin;
using ReviewBot.Reviewers;
using ReviewBot.Tasks;

namespace ReviewBot.Host.Demo;

/// <summary>In Development, an empty store gets the synthetic demo batch and roster from <c>samples/</c>, so the
/// first run shows real-looking work at once. Never in Production, and never over existing data.</summary>
public sealed class DemoData(IHostEnvironment environment, IBatchStore batches, IReviewerStore reviewers, BatchImports imports,
    ILogger<DemoData> logger) : IHostedService
{
    public static string SamplesDirectory => Path.Combine(AppContext.BaseDirectory, "samples");

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!environment.IsDevelopment() || (await batches.ListAsync(cancellationToken)).Count > 0)
        {
            return;
        }
        await using (var batch = File.OpenRead(Path.Combine(SamplesDirectory, "demo-batch.json")))
        {
            var outcome = await imports.ImportAsync(batch, null, cancellationToken);
            if (outcome.Errors.Count > 0 || outcome.Stored?.Conflict is not null)
            {
                throw new InvalidOperationException("samples/demo-batch.json does not import: " +
                    string.Join("; ", outcome.Errors.Select(e => e.ToString()).Append(outcome.Stored?.Conflict?.Message ?? "")));
            }
        }
        await using (var roster = File.OpenRead(Path.Combine(SamplesDirectory, "demo-roster.json")))
        {
            var read = await RosterReader.ReadAsync(roster, cancellationToken);
            if (!read.Succeeded)
            {
                throw new InvalidOperationException("samples/demo-roster.json does not import: " + string.Join("; ", read.Errors));
            }
            await reviewers.UpsertAsync(read.Value, cancellationToken);
        }
        logger.LogInformation("Loaded the demo batch and roster from {Samples} into the empty store.", SamplesDirectory);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
