using ReviewBot.Exports;
using ReviewBot.Host.Admin;
using ReviewBot.Quality;
using ReviewBot.Tasks;

namespace ReviewBot.Host.Downloads;

/// <summary>A batch's dataset streamed as a file, for the admin API and for the signed links leads get in chat.</summary>
public static class DatasetDownload
{
    public static async Task<IResult> WriteAsync(string batchId, DatasetFormat format, IBatchStore batches, IAdjudications adjudications,
        HttpResponse response, CancellationToken cancellationToken)
    {
        if (await batches.GetAsync(batchId, cancellationToken) is not { } batch)
        {
            return Problems.NotFound("batch", batchId);
        }
        var tasks = await batches.GetTasksAsync(batchId, cancellationToken);
        var finals = await adjudications.FinalLabelsAsync(batchId, cancellationToken);
        response.ContentType = DatasetFormats.ContentType(format);
        response.Headers.ContentDisposition = $"attachment; filename=\"{DatasetFormats.FileName(batchId, format)}\"";
        await using var writer = new StreamWriter(response.Body, leaveOpen: true);
        await DatasetWriter.WriteAsync(format, batch with { Tasks = tasks }, batches.ReadAnswersAsync(batchId, cancellationToken), finals, writer,
            cancellationToken);
        return TypedResults.Empty;
    }
}
