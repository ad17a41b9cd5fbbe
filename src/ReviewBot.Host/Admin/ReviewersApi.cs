using Microsoft.AspNetCore.Http.HttpResults;
using ReviewBot.Reviewers;

namespace ReviewBot.Host.Admin;

/// <summary>The roster (DESIGN §5): import, list, verify a credential.</summary>
public static class ReviewersApi
{
    public static IEndpointRouteBuilder MapReviewersApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/reviewers").AddEndpointFilter<AdminAccess>();
        api.MapPost("/", Import);
        api.MapGet("/", List);
        api.MapPost("/{key}/verify", Verify);
        return app;
    }

    public sealed record RosterImportResponse(int Reviewers);

    public sealed record VerifyRequest(string? Credential, IReadOnlyList<string>? Specialties);

    private static async Task<IResult> Import(HttpRequest request, IReviewerStore reviewers, CancellationToken cancellationToken)
    {
        var read = await RosterReader.ReadAsync(request.Body, cancellationToken);
        if (!read.Succeeded)
        {
            return ImportProblems.Refused("The roster was not imported", read.Errors);
        }
        await reviewers.UpsertAsync(read.Value, cancellationToken);
        return TypedResults.Ok(new RosterImportResponse(read.Value.Count));
    }

    private static async Task<Ok<IReadOnlyList<Reviewer>>> List(IReviewerStore reviewers, CancellationToken cancellationToken) =>
        TypedResults.Ok(await reviewers.ListAsync(cancellationToken));

    private static async Task<Results<Ok<Reviewer>, ProblemHttpResult>> Verify(string key, VerifyRequest body, IReviewerStore reviewers,
        CancellationToken cancellationToken)
    {
        if (!Enum.TryParse<Credential>(body.Credential, ignoreCase: false, out var credential) || !Enum.IsDefined(credential))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Unknown credential",
                detail: $"credential must be one of {string.Join(", ", Enum.GetNames<Credential>())}; '{body.Credential}' is not.",
                extensions: new Dictionary<string, object?> { ["field"] = "credential" });
        }
        return await reviewers.VerifyAsync(key, credential, body.Specialties, cancellationToken) is { } verified
            ? TypedResults.Ok(verified)
            : Problems.NotFound("reviewer", key);
    }
}
