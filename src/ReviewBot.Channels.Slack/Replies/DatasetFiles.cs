using ReviewBot.Exports;
using ReviewBot.Quality;
using ReviewBot.Tasks;

namespace ReviewBot.Channels.Slack.Replies;

/// <summary>A batch's dataset as the bytes of a file, for Slack's upload: Slack carries files, so a lead's
/// <c>export</c> arrives as the file itself in their DM.</summary>
public sealed class DatasetFiles(IBatchStore batches, IAdjudications adjudications)
{
    public async Task<byte[]?> ReadAsync(string batchId, DatasetFormat format, CancellationToken cancellationToken)
    {
        if (await batches.GetAsync(batchId, cancellationToken) is not { } batch)
        {
            return null;
        }
        var tasks = await batches.GetTasksAsync(batchId, cancellationToken);
        using var buffer = new MemoryStream();
        await using (var writer = new StreamWriter(buffer, leaveOpen: true))
        {
            await DatasetWriter.WriteAsync(format, batch with { Tasks = tasks }, batches.ReadAnswersAsync(batchId, cancellationToken),
                await adjudications.FinalLabelsAsync(batchId, cancellationToken), writer, cancellationToken);
        }
        return buffer.ToArray();
    }
}
