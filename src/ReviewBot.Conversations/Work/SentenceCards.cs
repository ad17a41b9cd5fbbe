using System.Text.Json.Nodes;
using ReviewBot.Answers;
using ReviewBot.Cards;
using ReviewBot.Text;

namespace ReviewBot.Conversations.Work;

/// <summary>The sentence data of an evaluation card (cards/README.md, "Sentence marks"): the response as numbered
/// units to tap, and the marks shown back on the recorded card.</summary>
public static class SentenceCards
{
    /// <summary>Short enough for a Slack option (75 characters) with its number in front.</summary>
    private const int ChoicePreview = 60;

    public static void AddSentences(JsonObject data, string response, IReadOnlyList<FieldError>? errors, JsonObject? values)
    {
        var markable = MarkableSentences.Of(response);
        data["sentences"] = new JsonArray(markable.Units.Select(unit =>
        {
            var noteId = SentenceMarks.NoteField(unit.Number);
            var sentence = new JsonObject
            {
                ["number"] = unit.Number.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["text"] = unit.Text,
                ["preview"] = CardText.Preview(unit.Text, ChoicePreview),
                ["noteId"] = noteId,
            };
            if (values?[noteId] is JsonValue note && (string?)note is { Length: > 0 } typed)
            {
                sentence["note"] = typed;
            }
            if (errors?.FirstOrDefault(e => e.Field == noteId) is { } error)
            {
                sentence["error"] = error.Message;
            }
            return (JsonNode)sentence;
        }).ToArray());
        if (markable.Grouped)
        {
            data["sentenceGrouping"] = $"This answer has {markable.SentenceCount} sentences; to fit the card they are shown in " +
                $"{markable.Units.Count} groups of up to {markable.GroupSize}. Mark a group when any sentence in it is wrong or dangerous.";
        }
    }

    /// <summary>The marks of a recorded evaluation, numbered as on the card, for the recorded card; null when none.</summary>
    public static JsonArray? Recorded(Answer answer, string? response)
    {
        if (answer is not EvaluationAnswer { Marks: { Count: > 0 } marks } || response is null)
        {
            return null;
        }
        var units = MarkableSentences.Of(response).Units;
        return new JsonArray(marks.Select(mark =>
        {
            var number = units.FirstOrDefault(u => u.Start == mark.Start && u.End == mark.End)?.Number;
            var shown = new JsonObject
            {
                ["label"] = mark.Label == MarkLabel.Dangerous ? "Dangerous" : "Wrong",
                ["where"] = number is { } n ? $"sentence {n}" : $"characters {mark.Start}–{mark.End}",
                ["text"] = response[mark.Start..mark.End],
            };
            if (mark.Note is { } note)
            {
                shown["note"] = note;
            }
            return (JsonNode)shown;
        }).ToArray());
    }
}
