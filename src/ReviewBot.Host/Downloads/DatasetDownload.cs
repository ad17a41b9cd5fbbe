using ReviewBot.Exports;
using ReviewBot.Host.Admin;
using ReviewBot.Quality;
using ReviewBot.Tasks;

namespace ReviewBot.Host.Downloads;

/// <summary>A batch's dataset streamed as a file, for the admin API and for the signed links leads get in chat.</summary>
public static class DatasetDownload
{
    /// <param name="pseudonymize">Reviewer keys replaced by pseudonyms salted for this export alone (<see cref="Pseudonyms"/>).</param>
    public static async Task<IResult> WriteAsync(string batchId, DatasetFormat format, IBatchStore batches, IAdjudications adjudications,
        HttpResponse response, CancellationToken cancellationToken, bool pseudonymize = false)
    {
        if (await batches.GetAsync(batchId, cancellationToken) is not { } batch)
        {
            return Problems.NotFound("batch", batchId);
        }
        var tasks = await batches.GetTasksAsync(batchId, cancellationToken);
        var finals = await adjudications.FinalLabelsAsync(batchId, cancellationToken);
        var answers = batches.ReadAnswersAsync(batchId, cancellationToken);
        if (pseudonymize)
        {
            var pseudonyms = new Pseudonyms();
            (answers, finals) = (pseudonyms.Apply(answers), pseudonyms.Apply(finals));
        }
        response.ContentType = DatasetFormats.ContentType(format);
        response.Headers.ContentDisposition = $"attachment; filename=\"{DatasetFormats.FileName(batchId, format)}\"";
        await using var writer = new StreamWriter(response.Body, leaveOpen: true);
        await DatasetWriter.WriteAsync(format, batch with { Tasks = tasks }, answers, finals, writer, cancellationToken);
        return TypedResults.Empty;
    }
}
