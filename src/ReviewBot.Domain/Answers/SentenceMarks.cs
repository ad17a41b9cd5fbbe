using System.Globalization;
using System.Text.Json;
using ReviewBot.Text;

namespace ReviewBot.Answers;

/// <summary>Reads the sentences a clinician marked on an evaluation. A card sends sentence numbers per label
/// (<c>wrongSentences</c>, <c>dangerousSentences</c>: "1,3") and a note per sentence (<c>sentenceNote3</c>), which
/// become offsets through the same <see cref="MarkableSentences"/> the card was drawn from; the work API may send
/// the offsets themselves (<c>marks</c>: [{start, end, label, note}]), which must lie inside the response.</summary>
public static class SentenceMarks
{
    public const int MaxNote = 200;
    public const string WrongField = "wrongSentences";
    public const string DangerousField = "dangerousSentences";
    public const string MarksField = "marks";

    public static string NoteField(int number) => "sentenceNote" + number.ToString(CultureInfo.InvariantCulture);

    internal static IReadOnlyList<SentenceMark>? Read(string response, AnswerFields fields)
    {
        var marks = fields.Raw(MarksField) is { } raw ? FromOffsets(response, raw, fields) : FromNumbers(response, fields);
        return marks.Count == 0 ? null : marks.OrderBy(m => m.Start).ThenBy(m => m.Label).ToList();
    }

    private static List<SentenceMark> FromNumbers(string response, AnswerFields fields)
    {
        var units = MarkableSentences.Of(response).Units;
        var wrong = Numbers(fields, WrongField, units.Count);
        var dangerous = Numbers(fields, DangerousField, units.Count);
        var marks = new List<SentenceMark>();
        foreach (var unit in units)
        {
            var field = NoteField(unit.Number);
            var note = fields.Text(field, $"The note on sentence {unit.Number}", MaxNote);
            var isWrong = wrong.Contains(unit.Number);
            var isDangerous = dangerous.Contains(unit.Number);
            if (note is not null && !isWrong && !isDangerous)
            {
                fields.Error(field, $"Sentence {unit.Number} has a note but is not marked: mark it wrong or dangerous, or clear the note.");
            }
            if (isWrong)
            {
                marks.Add(new SentenceMark(unit.Start, unit.End, MarkLabel.Wrong, note));
            }
            if (isDangerous)
            {
                marks.Add(new SentenceMark(unit.Start, unit.End, MarkLabel.Dangerous, note));
            }
        }
        return marks;
    }

    private static HashSet<int> Numbers(AnswerFields fields, string field, int count)
    {
        var numbers = new HashSet<int>();
        foreach (var word in fields.List(field))
        {
            if (int.TryParse(word, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= 1 && number <= count)
            {
                numbers.Add(number);
            }
            else
            {
                fields.Error(field, $"“{word}” is not a sentence of this answer; they are numbered 1 to {count}.");
            }
        }
        return numbers;
    }

    private static List<SentenceMark> FromOffsets(string response, JsonElement raw, AnswerFields fields)
    {
        const string shape = "{\"start\": 0, \"end\": 42, \"label\": \"wrong\", \"note\": \"…\"}";
        var marks = new List<SentenceMark>();
        if (raw.ValueKind != JsonValueKind.Array)
        {
            fields.Error(MarksField, $"marks must be a list of marks, each {shape}.");
            return marks;
        }
        var index = 0;
        foreach (var item in raw.EnumerateArray())
        {
            var at = $"Mark {++index}";
            if (item.ValueKind != JsonValueKind.Object
                || !item.TryGetProperty("start", out var startValue) || !startValue.TryGetInt32(out var start)
                || !item.TryGetProperty("end", out var endValue) || !endValue.TryGetInt32(out var end))
            {
                fields.Error(MarksField, $"{at} needs whole-number start and end offsets: {shape}.");
                continue;
            }
            if (start < 0 || end > response.Length || start >= end)
            {
                fields.Error(MarksField,
                    $"{at} runs from {start} to {end}, outside the response (0 to {response.Length}, start before end).");
                continue;
            }
            var word = item.TryGetProperty("label", out var labelValue) && labelValue.ValueKind == JsonValueKind.String ? labelValue.GetString() : null;
            if (!ContractWords<MarkLabel>.TryParse(word, out var label))
            {
                fields.Error(MarksField, $"{at} has label “{word}”; use {ContractWords<MarkLabel>.Listed}.");
                continue;
            }
            var note = NoteOf(item, at, fields);
            marks.Add(new SentenceMark(start, end, label, note));
        }
        return marks;
    }

    private static string? NoteOf(JsonElement item, string at, AnswerFields fields)
    {
        if (!item.TryGetProperty("note", out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        var note = AnswerFields.Scalar(value).Trim();
        if (note.Length > MaxNote)
        {
            fields.Error(MarksField, $"{at}'s note is {note.Length} characters long; the limit is {MaxNote}.");
        }
        foreach (var finding in IdentifierGuard.Find(note))
        {
            fields.Error(MarksField, $"{at}'s note: {finding.Message}");
        }
        return note.Length == 0 ? null : note;
    }
}
