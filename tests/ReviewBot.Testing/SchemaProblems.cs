using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace ReviewBot.Testing;

/// <summary>What a JSON schema finds wrong with a document: empty when it is valid, else one line per failure with
/// where it is.</summary>
public static class SchemaProblems
{
    public static IReadOnlyList<string> Of(JsonSchema schema, JsonNode document)
    {
        using var parsed = JsonDocument.Parse(document.ToJsonString());
        var result = schema.Evaluate(parsed.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        return result.IsValid ? [] : [.. (result.Details ?? []).Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Key}: {e.Value}")).DefaultIfEmpty("refused")];
    }
}
