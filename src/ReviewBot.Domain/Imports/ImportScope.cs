using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using ReviewBot.Reviewers;

namespace ReviewBot.Imports;

/// <summary>Where in a file we are reading (line, id, field path), with readers that report a bad value at its
/// place and carry on, so one import lists every problem. Values may come from JSON or, for JSON Lines batches,
/// from query-string text: both go through the same checks and messages.</summary>
internal readonly partial struct ImportScope(ImportErrors errors, int? line, string? id, string path)
{
    // Batch, task and response ids: never ':' (assignment ids are <batchId>:<n>), nor the '>', '=' and ',' that
    // rankings and lists are written with.
    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")]
    private static partial Regex IdPattern();

    public int ErrorCount => errors.Count;

    public ImportScope WithId(string? value) => new(errors, line, value, path);

    public ImportScope At(string field) => new(errors, line, id, Join(field));

    public ImportScope At(int index) => new(errors, line, id, $"{path}[{index}]");

    public void Error(string field, string message) => errors.Add(new ImportError(line, id, Join(field), message));

    /// <summary>Reports a missing value, unless the field was already reported as present but unusable.</summary>
    public void Missing(string field, string message)
    {
        if (!errors.HasAt(line, Join(field)))
        {
            Error(field, message);
        }
    }

    public static JsonElement? Get(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var value) && value.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined) ? value : null;

    /// <summary>A scalar as text, or null; reports nothing, for a look ahead at a value read properly later.</summary>
    public static string? Peek(JsonElement obj, string name) => Get(obj, name) switch
    {
        { ValueKind: JsonValueKind.String } text => text.GetString(),
        { ValueKind: JsonValueKind.Number } number => number.GetRawText(),
        _ => null,
    };

    /// <summary>A scalar as text; numbers and booleans are taken as written, since some files quote them and some don't.</summary>
    public string? Scalar(JsonElement obj, string name) => Get(obj, name) switch
    {
        null => null,
        { ValueKind: JsonValueKind.String } text => text.GetString(),
        { ValueKind: JsonValueKind.Object or JsonValueKind.Array } => Wrong(name, "a single value, not an object or a list"),
        var other => other.Value.GetRawText(),
    };

    /// <summary>Trimmed text; blank counts as absent. <paramref name="requiredFor"/> says who needs it ("a rank task").</summary>
    public string? Text(string field, string? value, int max, bool required, string? requiredFor = null)
    {
        var text = value?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            if (required)
            {
                Missing(field, requiredFor is null ? $"{field} is required." : $"{field} is required for {requiredFor}.");
            }
            return null;
        }
        if (text.Length > max)
        {
            Error(field, string.Create(CultureInfo.InvariantCulture, $"{field} is {text.Length:N0} characters long; the limit is {max:N0}."));
        }
        return text;
    }

    public string? Id(string field, string? value)
    {
        var text = value?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            Missing(field, $"{field} is required.");
            return null;
        }
        if (!IdPattern().IsMatch(text))
        {
            Error(field, $"“{text}” is not a usable id: use up to 64 letters, digits, '.', '_' or '-', starting with a letter or digit (no spaces or ':').");
        }
        return text;
    }

    /// <summary>A list given as a JSON array of strings, or as one comma-separated string (a query-string value).</summary>
    public IReadOnlyList<string>? Words(JsonElement obj, string name)
    {
        switch (Get(obj, name))
        {
            case null:
                return null;
            case { ValueKind: JsonValueKind.String } text:
                return Split(text.GetString());
            case { ValueKind: JsonValueKind.Array } array:
                var words = new List<string>();
                var index = 0;
                foreach (var item in array.EnumerateArray())
                {
                    if (item.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(item.GetString()))
                    {
                        words.Add(item.GetString()!.Trim());
                    }
                    else
                    {
                        Error($"{name}[{index}]", $"{name} must list words in quotes, such as [\"cardiology\"].");
                    }
                    index++;
                }
                return words;
            default:
                Wrong(name, "a list such as [\"cardiology\"]");
                return null;
        }
    }

    public static IReadOnlyList<string> Split(string? text) =>
        text?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) ?? [];

    public IReadOnlyList<Credential>? Credentials(string field, IReadOnlyList<string>? words)
    {
        if (words is null)
        {
            return null;
        }
        var credentials = new List<Credential>();
        foreach (var word in words)
        {
            if (CredentialWord(field, word) is { } credential && !credentials.Contains(credential))
            {
                credentials.Add(credential);
            }
        }
        return credentials;
    }

    public Credential? CredentialWord(string field, string? word)
    {
        if (string.IsNullOrWhiteSpace(word))
        {
            return null;
        }
        if (ContractWords<Credential>.TryParse(word, out var credential))
        {
            return credential;
        }
        Error(field, $"“{word.Trim()}” is not a credential ReviewBot knows; use {ContractWords<Credential>.Listed}.");
        return null;
    }

    public static IReadOnlyList<string>? Specialties(IReadOnlyList<string>? words) =>
        words?.Select(Specialty.Normalize).Where(s => s.Length > 0).Distinct().ToList();

    private string? Wrong(string field, string expected)
    {
        Error(field, $"{field} must be {expected}.");
        return null;
    }

    private string Join(string field) =>
        field.Length == 0 ? path : path.Length == 0 ? field : field.StartsWith('[') ? path + field : $"{path}.{field}";
}
