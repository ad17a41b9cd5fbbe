using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace ReviewBot.Cards.Tests.Support;

/// <summary>The official Adaptive Card 1.5 schema from the shared folder, checked with a JSON Schema validator.
/// The file is draft-06 and names itself with <c>id</c>, which the validator reads as <c>$id</c>; the schema does
/// not require <c>version</c>, so it is checked here; Teams' <c>msteams</c> extension is not in it and is
/// removed before validating.</summary>
public static class AdaptiveCardSchema
{
    private static readonly Lazy<JsonSchema> Schema = new(Load);

    /// <summary>Empty when the card is valid; otherwise one line per failure, with where it is.</summary>
    public static IReadOnlyList<string> Problems(JsonNode card)
    {
        var problems = new List<string>();
        if ((string?)card["version"] != "1.5") problems.Add($"version is '{card["version"]}', not \"1.5\"");

        var copy = card.DeepClone();
        RemoveTeamsExtension(copy);
        using var document = JsonDocument.Parse(copy.ToJsonString());
        var result = Schema.Value.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (!result.IsValid)
        {
            problems.AddRange((result.Details ?? [])
                .Where(d => d.Errors is { Count: > 0 })
                .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Key}: {e.Value}"))
                .Distinct()
                .Take(20));
            if (problems.Count == 0) problems.Add("the schema refused the card");
        }
        return problems;
    }

    private static JsonSchema Load()
    {
        var original = JsonNode.Parse(File.ReadAllText(Repo.AdaptiveCardSchema))!.AsObject();
        // $id goes first: JsonSchema.Net registers the definitions under the base URI it knows when it reaches
        // them, and with $id after them it registers some twice and refuses the schema.
        var schema = new JsonObject { ["$schema"] = original["$schema"]!.DeepClone(), ["$id"] = original["id"]!.DeepClone() };
        foreach (var (key, value) in original)
        {
            if (key is not ("id" or "$schema")) schema[key] = value?.DeepClone();
        }
        return JsonSchema.FromText(schema.ToJsonString(), new BuildOptions { Dialect = Dialect.Draft06 });
    }

    private static void RemoveTeamsExtension(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                obj.Remove("msteams");
                foreach (var (_, child) in obj) RemoveTeamsExtension(child);
                break;
            case JsonArray array:
                foreach (var item in array) RemoveTeamsExtension(item);
                break;
        }
    }
}
