using System.Text.Json;

namespace ReviewBot.Imports;

/// <summary>Collects problems while a whole file is read, so that one import shows them all.</summary>
internal sealed class ImportErrors
{
    /// <summary>A file broken on every line would otherwise answer with thousands of errors; the first hundred are
    /// enough to see the pattern.</summary>
    public const int Limit = 100;

    private readonly List<ImportError> _errors = [];
    private readonly HashSet<(int?, string)> _places = [];
    private int _unlisted;

    public bool Any => _errors.Count > 0;
    public int Count => _errors.Count + _unlisted;

    /// <summary>Whether a problem was already reported at this field, so a value of the wrong type is not also
    /// called missing.</summary>
    public bool HasAt(int? line, string field) => _places.Contains((line, field));

    public void Add(ImportError error)
    {
        _places.Add((error.Line, error.Field));
        if (_errors.Count < Limit)
        {
            _errors.Add(error);
        }
        else
        {
            _unlisted++;
        }
    }

    public IReadOnlyList<ImportError> ToList() =>
        _unlisted == 0 ? _errors : [.. _errors, new ImportError(null, null, "", $"{_unlisted} more problems are not listed; fix these and import again.")];

    /// <summary>The parser's own words without the position suffix it appends; the line is given apart, the column
    /// here.</summary>
    public static string Describe(JsonException exception)
    {
        var message = exception.Message;
        var position = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        var reason = (position > 0 ? message[..position] : message).TrimEnd();
        return exception.BytePositionInLine is { } column ? $"Not valid JSON at column {column + 1}: {reason}" : $"Not valid JSON: {reason}";
    }
}
