using Microsoft.AspNetCore.Http.HttpResults;
using ReviewBot.Answers;

namespace ReviewBot.Host.Admin;

/// <summary>RFC 7807 problem details, each naming the thing or the field at fault.</summary>
internal static class Problems
{
    public static ProblemHttpResult NotFound(string what, string id) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: $"No such {what}", detail: $"There is no {what} '{id}'.");

    public static ProblemHttpResult InvalidFields(string title, IReadOnlyList<FieldError> errors) =>
        TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: title,
            detail: string.Join(" ", errors.Select(e => $"{e.Field}: {e.Message}")),
            extensions: new Dictionary<string, object?> { ["errors"] = errors });
}
