using ReviewBot.Imports;

namespace ReviewBot.Host.Admin;

/// <summary>Problem details for a refused import: the first error in the detail, every error (line or id, field,
/// message) under <c>errors</c>.</summary>
internal static class ImportProblems
{
    public static IResult Refused(string title, IReadOnlyList<ImportError> errors) =>
        Problem(StatusCodes.Status400BadRequest, title, errors);

    public static IResult Conflict(string title, ImportError error) =>
        Problem(StatusCodes.Status409Conflict, title, [error]);

    private static IResult Problem(int status, string title, IReadOnlyList<ImportError> errors) =>
        TypedResults.Problem(statusCode: status, title: title,
            detail: errors.Count == 1 ? errors[0].ToString() : $"{errors[0]} (and {errors.Count - 1} more problems; nothing was stored)",
            extensions: new Dictionary<string, object?>
            {
                ["errors"] = errors.Select(e => new { line = e.Line, id = e.Id, field = e.Field, message = e.Message }).ToList(),
            });
}
