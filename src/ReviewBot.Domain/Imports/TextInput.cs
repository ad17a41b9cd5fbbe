using System.Text;
using System.Text.Json;

namespace ReviewBot.Imports;

/// <summary>How imported files are read: forgiving of what hand-edited JSON often has (comments, a trailing comma,
/// a byte-order mark), strict about everything else.</summary>
internal static class TextInput
{
    public static readonly JsonDocumentOptions Json = new() { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip };

    /// <summary>Request bodies allow only asynchronous reads, and files are small enough to hold whole.</summary>
    public static async Task<string> ReadAllAsync(Stream input, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(input, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, leaveOpen: true);
        return await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
    }

    public static string WithoutByteOrderMark(string text) => text.TrimStart('\uFEFF');

    /// <summary>Non-blank lines with their 1-based numbers, as people count them in an editor.</summary>
    public static IEnumerable<(int Number, string Text)> Lines(string text)
    {
        using var reader = new StringReader(WithoutByteOrderMark(text));
        var number = 0;
        while (reader.ReadLine() is { } line)
        {
            number++;
            if (!string.IsNullOrWhiteSpace(line))
            {
                yield return (number, line);
            }
        }
    }

    /// <summary>Parses one JSON value, or reports where it broke.</summary>
    public static JsonDocument? Parse(string text, ImportErrors errors, int? line)
    {
        try
        {
            return JsonDocument.Parse(text, Json);
        }
        catch (JsonException exception)
        {
            Report(exception, errors, line);
            return null;
        }
    }

    /// <summary>Parses a whole document straight from its UTF-8 bytes, never holding it as text too.</summary>
    public static async Task<JsonDocument?> ParseAsync(Stream input, ImportErrors errors, CancellationToken cancellationToken)
    {
        try
        {
            return await JsonDocument.ParseAsync(input, Json, cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException exception)
        {
            Report(exception, errors, line: null);
            return null;
        }
    }

    // The parser counts lines from 0; people count them from 1.
    private static void Report(JsonException exception, ImportErrors errors, int? line) =>
        errors.Add(new ImportError(line ?? (int)(exception.LineNumber ?? 0) + 1, null, "", ImportErrors.Describe(exception)));
}
