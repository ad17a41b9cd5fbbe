using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using ReviewBot.Answers;
using ReviewBot.Assignments;
using ReviewBot.Host.Chat;
using ReviewBot.Reviewers;

namespace ReviewBot.Host.Admin;

/// <summary>
/// The task loop over HTTP, for integrations and scripts that work on a reviewer's behalf: lease the next task,
/// answer it, skip it. The chat channels drive the same <see cref="TaskDispatcher"/> and <see cref="AnswerRecorder"/>.
/// </summary>
public static class WorkApi
{
    public static IEndpointRouteBuilder MapWorkApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").AddEndpointFilter<AdminAccess>();
        api.MapPost("/reviewers/{key}/next", Next);
        api.MapPost("/assignments/{assignmentId}/answer", Answer);
        api.MapPost("/assignments/{assignmentId}/skip", Skip);
        return app;
    }

    /// <summary>Body of an answer or a skip: who answers, which task the card showed, and the card's fields.</summary>
    public sealed record Submission(string Reviewer, string TaskId, JsonElement Fields);

    private static async Task<Results<Ok<NextTaskResponse>, ProblemHttpResult>> Next(string key, IReviewerStore reviewers, TaskDispatcher dispatcher,
        CancellationToken cancellationToken)
    {
        if (await reviewers.GetAsync(key, cancellationToken) is not { } reviewer)
        {
            return Problems.NotFound("reviewer", key);
        }
        var next = await dispatcher.NextAsync(reviewer, cancellationToken: cancellationToken);
        return TypedResults.Ok(new NextTaskResponse(next.Status, next.Assignment, next.Task, next.Batch?.Id, next.Batch?.GuidelinesUrl,
            next.Message));
    }

    public sealed record NextTaskResponse(NextTaskStatus Status, Assignment? Assignment, Tasks.ClinicalTask? Task, string? BatchId,
        string? GuidelinesUrl, string Message);

    private static async Task<IResult> Answer(string assignmentId, Submission body, IReviewerStore reviewers, AnswerRecorder recorder,
        OutboxSweeper sweeper, CancellationToken cancellationToken)
    {
        if (await reviewers.GetAsync(body.Reviewer, cancellationToken) is not { } reviewer)
        {
            return Problems.NotFound("reviewer", body.Reviewer);
        }
        var outcome = await recorder.RecordAsync(reviewer, assignmentId, body.TaskId, body.Fields, cancellationToken);
        if (outcome.Answer is { } answer)
        {
            // A harm alert was written with the answer; it goes out now, not at the next periodic sweep.
            sweeper.Kick();
            return TypedResults.Json(answer, ReviewBotJson.Options, statusCode: outcome.FirstTime ? StatusCodes.Status201Created : StatusCodes.Status200OK);
        }
        return outcome.Errors.Count > 0
            ? Problems.InvalidFields("The answer was not recorded", outcome.Errors)
            : TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The answer was not recorded", detail: outcome.RefusalMessage,
                extensions: new Dictionary<string, object?> { ["reason"] = outcome.Refusal.ToString() });
    }

    private static async Task<IResult> Skip(string assignmentId, Submission body, IReviewerStore reviewers, AnswerRecorder recorder,
        CancellationToken cancellationToken)
    {
        if (await reviewers.GetAsync(body.Reviewer, cancellationToken) is not { } reviewer)
        {
            return Problems.NotFound("reviewer", body.Reviewer);
        }
        var outcome = await recorder.SkipAsync(reviewer, assignmentId, body.TaskId, body.Fields, cancellationToken);
        if (outcome.Skip is { } skip)
        {
            return TypedResults.Json(skip, ReviewBotJson.Options);
        }
        return outcome.Errors.Count > 0
            ? Problems.InvalidFields("The skip was not recorded", outcome.Errors)
            : TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The skip was not recorded",
                detail: $"This task can no longer be skipped ({outcome.Refusal}).");
    }
}
