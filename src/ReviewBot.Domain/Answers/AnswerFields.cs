using System.Globalization;
using System.Text.Json;

namespace ReviewBot.Answers;

/// <summary>Reads a flat object of submitted fields and gathers problems per field. Cards submit every value as a
/// string ("4", "A,B"); APIs send numbers and arrays; both read the same.</summary>
internal sealed class AnswerFields(JsonElement fields)
{
    private readonly Dictionary<string, List<string>> _problems = [];

    public bool HasErrors => _problems.Count > 0;

    /// <summary>One error per field, its problems joined, so a card can show a single message under each input.</summary>
    public IReadOnlyList<FieldError> Errors =>
        _problems.Select(p => new FieldError(p.Key, string.Join(" ", p.Value))).ToList();

    public void Error(string field, string message)
    {
        if (!_problems.TryGetValue(field, out var messages))
        {
            _problems[field] = messages = [];
        }
        messages.Add(message);
    }

    /// <summary>Free text, trimmed; null when absent or blank. Checked for length and for patient identifiers.</summary>
    public string? Text(string field, string label, int max, string? requiredMessage = null, int min = 0)
    {
        var raw = Raw(field);
        if (raw is { ValueKind: JsonValueKind.Object or JsonValueKind.Array })
        {
            Error(field, $"{label} must be text.");
            return null;
        }
        var text = raw is { } value ? Scalar(value).Trim() : "";
        if (text.Length == 0)
        {
            if (requiredMessage is not null)
            {
                Error(field, requiredMessage);
            }
            return null;
        }
        if (text.Length < min)
        {
            Error(field, $"{label} needs at least {min} characters; it has {text.Length}.");
        }
        if (text.Length > max)
        {
            Error(field, string.Create(CultureInfo.InvariantCulture, $"{label} is {text.Length:N0} characters long; the limit is {max:N0}. Please shorten it."));
        }
        foreach (var finding in IdentifierGuard.Find(text))
        {
            Error(field, finding.Message);
        }
        return text;
    }

    public int? Integer(string field, string label, int min, int max, string requiredMessage)
    {
        var raw = Raw(field);
        var text = raw is { } value ? Scalar(value).Trim() : "";
        if (text.Length == 0)
        {
            Error(field, requiredMessage);
            return null;
        }
        if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) && number >= min && number <= max)
        {
            return number;
        }
        Error(field, $"{label} must be a whole number from {min} to {max}; “{text}” is not.");
        return null;
    }

    public T? Word<T>(string field, string label, string requiredMessage) where T : struct, Enum =>
        Choice(field, label, ContractWords<T>.Words, requiredMessage) is { } word && ContractWords<T>.TryParse(word, out var value)
            ? value
            : null;

    /// <summary>One of a fixed set of words, matched forgivingly ("Female", " severe ").</summary>
    public string? Choice(string field, string label, IReadOnlyList<string> words, string requiredMessage)
    {
        var raw = Raw(field);
        var text = raw is { } value ? Scalar(value).Trim() : "";
        if (text.Length == 0)
        {
            Error(field, requiredMessage);
            return null;
        }
        var word = words.FirstOrDefault(w => string.Equals(w, text, StringComparison.OrdinalIgnoreCase));
        if (word is null)
        {
            Error(field, $"“{text}” is not a {label} choice; choose {ContractWords.Listed(words)}.");
        }
        return word;
    }

    /// <summary>A JSON array, or the comma-separated string a multi-select submits; blanks dropped.</summary>
    public IReadOnlyList<string> List(string field) =>
        Raw(field) switch
        {
            { ValueKind: JsonValueKind.Array } array => array.EnumerateArray().Select(Scalar).Select(s => s.Trim()).Where(s => s.Length > 0).ToList(),
            { } value => Scalar(value).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries),
            null => [],
        };

    /// <summary>The value as submitted, for rules that read their own syntax (a ranking).</summary>
    public JsonElement? Raw(string field) =>
        fields.TryGetProperty(field, out var value) && value.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined) ? value : null;

    public static string Scalar(JsonElement value) =>
        value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();
}
