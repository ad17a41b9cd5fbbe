using System.Text.Json.Nodes;
using ReviewBot.Conversations.Leads;
using ReviewBot.Quality;
using ReviewBot.Reviewers;
using ReviewBot.Tasks;

namespace ReviewBot.Host.Admin;

/// <summary>Whether the labels can be trusted, for scripts: agreement per question of a batch (contract:
/// <c>{"batch", "questions": [{"question", "kind", "level", "units", "answers", "alpha", "fleissKappa"}]}</c>, with
/// <c>alpha</c> and <c>fleissKappa</c> written as null where they do not apply) and one reviewer's quality.</summary>
public static class QualityApi
{
    public static IEndpointRouteBuilder MapQualityApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").AddEndpointFilter<AdminAccess>();
        api.MapGet("/batches/{batchId}/agreement", Agreement);
        api.MapGet("/reviewers/{key}/quality", Reviewer);
        api.MapGet("/batches/{batchId}/screening", Screening);
        return app;
    }

    private static async Task<IResult> Agreement(string batchId, QualityDesk quality, CancellationToken cancellationToken)
    {
        if (await quality.AgreementAsync(batchId, cancellationToken) is not { } questions)
        {
            return Problems.NotFound("batch", batchId);
        }
        // Built by hand so that a figure that does not apply is written as null, as the contract says, not left out.
        var body = new JsonObject
        {
            ["batch"] = batchId,
            ["questions"] = new JsonArray(questions.Select(q => (JsonNode)new JsonObject
            {
                ["question"] = q.Question,
                ["kind"] = ContractWords<Tasks.TaskKind>.Of(q.Kind),
                ["level"] = ContractWords<MeasurementLevel>.Of(q.Level),
                ["units"] = q.Units,
                ["answers"] = q.Answers,
                ["alpha"] = Rounded(q.Alpha),
                ["fleissKappa"] = Rounded(q.FleissKappa),
            }).ToArray()),
        };
        return TypedResults.Text(body.ToJsonString(), "application/json; charset=utf-8");
    }

    private static JsonNode? Rounded(double? value) => value is { } v ? JsonValue.Create(Math.Round(v, 3)) : null;

    public sealed record ScreeningResponse(string Batch, Screening Screening, IReadOnlyList<ScreeningResult> Results);

    private static async Task<IResult> Screening(string batchId, IBatchStore batches, IScreenings screenings, CancellationToken cancellationToken)
    {
        if (await batches.GetAsync(batchId, cancellationToken) is not { } batch)
        {
            return Problems.NotFound("batch", batchId);
        }
        if (batch.Screening is not { } screening)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not a screening batch",
                detail: $"Batch '{batchId}' has no \"screening\" settings.");
        }
        return TypedResults.Json(new ScreeningResponse(batchId, screening, await screenings.ResultsAsync(batchId, cancellationToken)), ReviewBotJson.Options);
    }

    public sealed record ReviewerQualityResponse(string Reviewer, string Person, ReviewerQuality Quality);

    private static async Task<IResult> Reviewer(string key, IReviewerStore reviewers, QualityDesk quality, CancellationToken cancellationToken)
    {
        if (await reviewers.GetAsync(key, cancellationToken) is not { } reviewer)
        {
            return Problems.NotFound("reviewer", key);
        }
        return TypedResults.Json(new ReviewerQualityResponse(reviewer.Key, reviewer.Person, await quality.ReviewerAsync(reviewer, cancellationToken)),
            ReviewBotJson.Options);
    }
}
