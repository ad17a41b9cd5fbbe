using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace ReviewBot.Answers;

/// <summary>Reads rubric criteria however they arrive: the list written so far (<c>criteria</c>: a JSON array, or
/// its text as a card carries it), the criterion being written (<c>criterion</c>, <c>points</c>, <c>axis</c>), and
/// numbered rows (<c>criterion1</c>, <c>points1</c>, <c>axis1</c>…) from a form that shows them all at once. Each
/// criterion passes the identifier guard; the rubric as a whole needs 3 to 10 distinct criteria, one positive.</summary>
public static partial class RubricRules
{
    public const int MinCriteria = 3;
    public const int MaxCriteria = 10;
    public const int MinLength = 10;
    public const int MaxLength = 400;
    public const int MaxPoints = 10;
    public const string ListField = "criteria";

    internal static RubricAnswer? Read(AnswerFields fields)
    {
        var criteria = Listed(fields);
        if (Single(fields, "", required: false) is { } current)
        {
            criteria.Add(current);
        }
        for (var n = 1; n <= MaxCriteria; n++)
        {
            if (Single(fields, n.ToString(CultureInfo.InvariantCulture), required: false) is { } row)
            {
                criteria.Add(row);
            }
        }
        CheckWhole(fields, criteria);
        return fields.HasErrors ? null : new RubricAnswer(criteria);
    }

    /// <summary>The Add button: the criterion being written, checked on its own and against the list, appended to it.</summary>
    public static Validated<RubricAnswer> Add(JsonElement submitted)
    {
        var fields = new AnswerFields(submitted);
        var criteria = Listed(fields);
        if (Single(fields, "", required: true) is { } current)
        {
            if (criteria.Count >= MaxCriteria)
            {
                fields.Error("criterion", $"A rubric holds at most {MaxCriteria} criteria: submit these, or remove one first.");
            }
            if (criteria.FirstOrDefault(c => Key(c) == Key(current)) is { } same)
            {
                fields.Error("criterion", $"This repeats criterion {criteria.IndexOf(same) + 1}; write a different one.");
            }
            criteria.Add(current);
        }
        return fields.HasErrors ? Validated<RubricAnswer>.Invalid(fields.Errors) : Validated<RubricAnswer>.Valid(new RubricAnswer(criteria));
    }

    /// <summary>The list written so far, as far as it reads, to show again on the card.</summary>
    public static IReadOnlyList<RubricCriterion> Draft(JsonElement submitted) => Listed(new AnswerFields(submitted));

    private static RubricCriterion? Single(AnswerFields fields, string suffix, bool required)
    {
        var (criterionField, pointsField, axisField) = ("criterion" + suffix, "points" + suffix, "axis" + suffix);
        if (!required && new[] { criterionField, pointsField, axisField }.All(f => fields.Raw(f) is not { } v || AnswerFields.Scalar(v).Trim().Length == 0))
        {
            return null;
        }
        var label = suffix.Length == 0 ? "The criterion" : $"Criterion {suffix}";
        var text = fields.Text(criterionField, label, MaxLength,
            "Write the criterion: something a good answer says, or something it must not say.", min: MinLength);
        var points = fields.Integer(pointsField, "Points", -MaxPoints, MaxPoints,
            $"Choose the points, from -{MaxPoints} to +{MaxPoints} (negative for what must not be said).");
        if (points == 0)
        {
            fields.Error(pointsField, "A criterion is worth at least 1 point either way: positive for what to say, negative for what must not be said.");
        }
        var axis = fields.Word<RubricAxis>(axisField, "axis", $"Choose the axis: {ContractWords<RubricAxis>.Listed}.");
        return text is not null && points is { } p && p != 0 && axis is { } a ? new RubricCriterion(text, p, a) : null;
    }

    private static List<RubricCriterion> Listed(AnswerFields fields)
    {
        var criteria = new List<RubricCriterion>();
        var raw = fields.Raw(ListField);
        if (raw is { ValueKind: JsonValueKind.String } text)
        {
            try
            {
                raw = text.GetString()!.Trim().Length == 0 ? null : JsonDocument.Parse(text.GetString()!).RootElement.Clone();
            }
            catch (JsonException)
            {
                fields.Error(ListField, "The criteria written so far could not be read. Ask for the task again to start the list afresh.");
                return criteria;
            }
        }
        if (raw is null)
        {
            return criteria;
        }
        if (raw.Value.ValueKind != JsonValueKind.Array)
        {
            fields.Error(ListField, "criteria must be a list of {\"criterion\": \"…\", \"points\": 5, \"axis\": \"accuracy\"}.");
            return criteria;
        }
        var n = 0;
        foreach (var item in raw.Value.EnumerateArray())
        {
            var label = $"Criterion {++n}";
            var criterion = item.ValueKind == JsonValueKind.Object && item.TryGetProperty("criterion", out var c) && c.ValueKind == JsonValueKind.String
                ? c.GetString()!.Trim()
                : "";
            var pointsText = item.ValueKind == JsonValueKind.Object && item.TryGetProperty("points", out var p) ? AnswerFields.Scalar(p) : "";
            var axisWord = item.ValueKind == JsonValueKind.Object && item.TryGetProperty("axis", out var a) ? AnswerFields.Scalar(a) : "";
            var problems = fields.HasErrors;
            if (criterion.Length < MinLength || criterion.Length > MaxLength)
            {
                fields.Error(ListField, $"{label} needs {MinLength} to {MaxLength} characters; it has {criterion.Length}.");
            }
            foreach (var finding in IdentifierGuard.Find(criterion))
            {
                fields.Error(ListField, $"{label}: {finding.Message}");
            }
            if (!int.TryParse(pointsText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var points) || points is 0 or < -MaxPoints or > MaxPoints)
            {
                fields.Error(ListField, $"{label}'s points must be a whole number from -{MaxPoints} to +{MaxPoints}, not 0; “{pointsText}” is not.");
            }
            if (!ContractWords<RubricAxis>.TryParse(axisWord, out var axis))
            {
                fields.Error(ListField, $"{label}'s axis must be {ContractWords<RubricAxis>.Listed}; “{axisWord}” is not.");
            }
            if (fields.HasErrors == problems)
            {
                criteria.Add(new RubricCriterion(criterion, points, axis));
            }
        }
        return criteria;
    }

    private static void CheckWhole(AnswerFields fields, List<RubricCriterion> criteria)
    {
        if (fields.HasErrors)
        {
            return;
        }
        if (criteria.Count is < MinCriteria or > MaxCriteria)
        {
            fields.Error(ListField, $"A rubric needs {MinCriteria} to {MaxCriteria} criteria; this one has {criteria.Count}.");
        }
        for (var i = 1; i < criteria.Count; i++)
        {
            var first = criteria.FindIndex(c => Key(c) == Key(criteria[i]));
            if (first < i)
            {
                fields.Error(ListField, $"Criterion {i + 1} repeats criterion {first + 1}; each criterion must say something different.");
            }
        }
        if (criteria.Count > 0 && criteria.All(c => c.Points < 0))
        {
            fields.Error(ListField, "At least one criterion must give positive points: something a good answer does.");
        }
    }

    /// <summary>Two criteria are the same when they differ only in case, spacing or a final full stop.</summary>
    private static string Key(RubricCriterion criterion) => Spaces().Replace(criterion.Criterion.Trim().TrimEnd('.'), " ").ToLowerInvariant();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
