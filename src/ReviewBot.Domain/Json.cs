using System.Text.Json;

namespace ReviewBot;

/// <summary>The one set of JSON conventions for every document ReviewBot reads or writes (DESIGN §3–4):
/// camelCase names and nulls left out; enums carry their contract words on the type itself.</summary>
public static class ReviewBotJson
{
    public static readonly JsonSerializerOptions Options = Create(indented: false);
    public static readonly JsonSerializerOptions Indented = Create(indented: true);

    private static JsonSerializerOptions Create(bool indented)
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
            WriteIndented = indented,
            // Answers arrive from APIs and cards in any property order; polymorphic answers must still read.
            AllowOutOfOrderMetadataProperties = true,
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
