using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using ReviewBot.Exports;
using ReviewBot.Host.Downloads;
using ReviewBot.Imports;
using ReviewBot.Quality;
using ReviewBot.Tasks;

namespace ReviewBot.Host.Admin;

/// <summary>The data team's side (DESIGN §5): import batches, follow their progress, export datasets.</summary>
public static class BatchesApi
{
    public static IEndpointRouteBuilder MapBatchesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/batches").AddEndpointFilter<AdminAccess>();
        api.MapPost("/", Import);
        api.MapGet("/", List);
        api.MapGet("/{batchId}", Progress);
        api.MapGet("/{batchId}/export", Export);
        return app;
    }

    public sealed record ImportResponse(string BatchId, BatchImportStatus Status, int TasksAdded, int TasksUnchanged);

    /// <summary>A JSON document, or JSON Lines of tasks (Content-Type application/x-ndjson or application/jsonl, or
    /// batch fields in the query string: id, name, overlap, dueAt, perTask, credentials, specialties, guidelinesUrl, leaseMinutes).</summary>
    private static async Task<IResult> Import(HttpRequest request, BatchImports imports, CancellationToken cancellationToken)
    {
        var outcome = await imports.ImportAsync(request.Body, JsonLinesHeader(request), cancellationToken);
        if (outcome.Errors.Count > 0)
        {
            return ImportProblems.Refused("The batch was not imported", outcome.Errors);
        }
        var (batch, stored) = (outcome.Batch!, outcome.Stored!);
        if (stored.Conflict is { } conflict)
        {
            return ImportProblems.Conflict("The batch was not imported", new ImportError(null, conflict.TaskId ?? batch.Id, conflict.Field, conflict.Message));
        }
        var body = new ImportResponse(batch.Id, stored.Status, stored.TasksAdded, stored.TasksUnchanged);
        return stored.Status == BatchImportStatus.Created
            ? TypedResults.Created($"/api/batches/{batch.Id}", body)
            : TypedResults.Ok(body);
    }

    private static BatchHeader? JsonLinesHeader(HttpRequest request)
    {
        var type = request.ContentType ?? "";
        var isLines = type.Contains("ndjson", StringComparison.OrdinalIgnoreCase) || type.Contains("jsonl", StringComparison.OrdinalIgnoreCase)
            || type.Contains("jsonlines", StringComparison.OrdinalIgnoreCase) || request.Query.ContainsKey("id");
        if (!isLines)
        {
            return null;
        }
        var q = request.Query;
        return new BatchHeader
        {
            Id = q["id"],
            Name = q["name"],
            Overlap = q["overlap"],
            DueAt = q["dueAt"],
            PerTask = q["perTask"],
            Credentials = q["credentials"],
            Specialties = q["specialties"],
            GuidelinesUrl = q["guidelinesUrl"],
            LeaseMinutes = q["leaseMinutes"],
        };
    }

    private static async Task<Ok<IReadOnlyList<BatchSummary>>> List(IBatchStore batches, CancellationToken cancellationToken) =>
        TypedResults.Ok(await batches.ListAsync(cancellationToken));

    private static async Task<Results<Ok<BatchProgress>, ProblemHttpResult>> Progress(string batchId, IBatchStore batches, TimeProvider clock,
        CancellationToken cancellationToken) =>
        await batches.GetProgressAsync(batchId, clock.GetUtcNow(), cancellationToken) is { } progress
            ? TypedResults.Ok(progress)
            : Problems.NotFound("batch", batchId);

    private static async Task<IResult> Export(string batchId, [FromQuery] string? format, [FromQuery] bool? pseudonymize, IBatchStore batches,
        IAdjudications adjudications, HttpResponse response, CancellationToken cancellationToken)
    {
        if (!DatasetFormats.TryParse(format ?? "jsonl", out var dataset))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Unknown export format",
                detail: $"format must be {DatasetFormats.Listed}; '{format}' is not.",
                extensions: new Dictionary<string, object?> { ["field"] = "format" });
        }
        return await DatasetDownload.WriteAsync(batchId, dataset, batches, adjudications, response, cancellationToken, pseudonymize == true);
    }
}
