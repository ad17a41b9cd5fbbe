using ReviewBot.Exports;
using ReviewBot.Quality;
using ReviewBot.Tasks;

namespace ReviewBot.Host.Downloads;

/// <summary>The files leads download from chat through signed, short-lived links (see <see cref="SignedDownloadLinks"/>).
/// The link itself is the permission, so these routes take no admin key.</summary>
public static class DownloadsApi
{
    public static IEndpointRouteBuilder MapDownloads(this IEndpointRouteBuilder app)
    {
        app.MapGet("/downloads/exports/{batchId}", Export);
        return app;
    }

    private static async Task<IResult> Export(string batchId, string? format, string? expires, string? signature,
        SignedDownloadLinks links, IBatchStore batches, IAdjudications adjudications, HttpResponse response, CancellationToken cancellationToken)
    {
        switch (await links.CheckAsync(batchId, format, expires, signature))
        {
            case LinkCheck.Altered:
                return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "This download link is not valid",
                    detail: "The link is incomplete or was changed. Say export <batch> in chat for a new one.");
            case LinkCheck.Expired:
                return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "This download link has expired",
                    detail: $"Links from chat work for {SignedDownloadLinks.Lifetime.TotalMinutes:0} minutes. Say export {batchId} {format} in chat for a new one.");
        }
        return DatasetFormats.TryParse(format, out var dataset)
            ? await DatasetDownload.WriteAsync(batchId, dataset, batches, adjudications, response, cancellationToken)
            : TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "This download link is not valid",
                detail: $"The format must be {DatasetFormats.Listed}.");
    }
}
