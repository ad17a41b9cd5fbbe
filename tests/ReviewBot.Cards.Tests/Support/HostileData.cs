using System.Text;
using System.Text.Json.Nodes;

namespace ReviewBot.Cards.Tests.Support;

/// <summary>Card data built to break cards: every text carries template syntax, a Slack broadcast, Markdown,
/// quotes, backslashes, emoji and right-to-left script; the long texts are 8,000 characters; task cards and the
/// profile carry field errors and typed values; a ranking has three long responses.</summary>
public static class HostileData
{
    public const string Snippet =
        "${$root} ${prompt} <!channel> <@U0123> @here &amp; **bold** _it_ `code` [link](https://example.org) " +
        "\"quoted\" 'single' back\\slash \\n 😀👩🏽‍⚕️ مرحبا שלום";

    public const int LongLength = 8000;

    private static readonly HashSet<string> LongFields = ["prompt", "response", "text", "brief", "summary", "message", "note"];

    /// <summary>A text of exactly <paramref name="length"/> UTF-16 units that starts with the snippet and ends
    /// with a unique marker, so a test can tell whether all of it arrived.</summary>
    public static string Long(string field, int length = LongLength)
    {
        var end = $" END-OF-{field.ToUpperInvariant()}";
        var text = new StringBuilder(Snippet).Append("\n\n");
        var filler = "Paragraph with a dose of 5 mg & a ratio < 2 > 1, emoji 💊 and Arabic مرحبا. ";
        while (text.Length + filler.Length + end.Length < length) text.Append(filler);
        while (text.Length + end.Length < length) text.Append('.');
        return text.Append(end).ToString();
    }

    public static JsonNode For(string template)
    {
        var data = TestCards.Sample(template).DeepClone();
        Transform(data);
        if (data is not JsonObject obj) return data;

        if (obj["responses"] is JsonArray responses)
        {
            while (responses.Count < 3) responses.Add(new JsonObject { ["id"] = $"R{responses.Count}", ["text"] = "" });
            for (var i = 0; i < responses.Count; i++)
            {
                responses[i]!["id"] = $"{(char)('A' + i)}\"\\";
                responses[i]!["text"] = Long($"response-{i}");
            }
        }
        if (obj["specialtyChoices"] is JsonArray choices)
        {
            // Option values are ids, as short as Slack's 150-character limit on them (the core offers no longer one).
            for (var i = 0; i < choices.Count; i++) choices[i]!["value"] = $"s{i}\"\\${{$root}}<!channel>";
        }
        if (obj["sentences"] is JsonArray sentences)
        {
            // Sentence numbers and note ids are made by the core, never taken from the task's text.
            for (var i = 0; i < sentences.Count; i++)
            {
                sentences[i]!["number"] = $"{i + 1}";
                sentences[i]!["noteId"] = $"sentenceNote{i + 1}";
            }
        }
        if (TestCards.FormCards.Contains(TestCards.BaseCard(template)))
        {
            obj["errors"] = Fields(_ => "Error: " + Snippet);
            obj["values"] = Fields(field => field is "age" or "weeklyHours" ? JsonValue.Create(45) : JsonValue.Create("Typed: " + Snippet));
        }
        return data;
    }

    private static readonly string[] AnswerFields =
    [
        "accuracy", "completeness", "appropriateness", "harm", "errors", "omissions", "ranking", "rationale", "harmful",
        "text", "title", "age", "sex", "setting", "history", "exam", "labs", "question", "answer",
        "name", "credential", "specialties", "otherSpecialties", "timeZone", "weeklyHours",
        "wrongSentences", "dangerousSentences", "criterion", "points", "axis", "criteria",
    ];

    private static JsonObject Fields(Func<string, JsonNode?> value)
    {
        var fields = new JsonObject();
        foreach (var field in AnswerFields) fields[field] = value(field);
        return fields;
    }

    private static void Transform(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, child) in obj.ToArray())
                {
                    if (child is JsonValue value && value.GetValueKind() == System.Text.Json.JsonValueKind.String)
                        obj[name] = LongFields.Contains(name) ? Long(name) : value.GetValue<string>() + " " + Snippet;
                    else Transform(child);
                }
                break;
            case JsonArray array:
                foreach (var item in array) Transform(item);
                break;
        }
    }
}
