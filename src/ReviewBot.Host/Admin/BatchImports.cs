using System.Diagnostics;
using ReviewBot.Host.Observability;
using ReviewBot.Imports;
using ReviewBot.Tasks;

namespace ReviewBot.Host.Admin;

/// <summary>Reads a batch file and stores it, all or nothing; shared by the admin API and the command line.</summary>
public sealed class BatchImports(IBatchStore batches)
{
    public async Task<BatchImportOutcome> ImportAsync(Stream input, BatchHeader? jsonLinesHeader, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var read = jsonLinesHeader is null
            ? await BatchReader.ReadDocumentAsync(input, cancellationToken)
            : await BatchReader.ReadJsonLinesAsync(input, jsonLinesHeader, cancellationToken);
        if (!read.Succeeded)
        {
            return new BatchImportOutcome(null, null, read.Errors);
        }
        var stored = await batches.ImportAsync(read.Value, cancellationToken);
        ReviewBotMetrics.ImportSeconds.Observe(Stopwatch.GetElapsedTime(started).TotalSeconds);
        return new BatchImportOutcome(read.Value, stored, []);
    }
}

/// <summary>Either the file had errors (nothing stored), or the store's verdict on it (which may be a conflict).</summary>
public sealed record BatchImportOutcome(Batch? Batch, BatchImportResult? Stored, IReadOnlyList<ImportError> Errors);
