using System.Text.Json.Serialization;

namespace ReviewBot.Quality;

/// <summary>How the values of a question relate to each other, which decides how far apart two answers are
/// (Krippendorff's difference functions).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<MeasurementLevel>))]
public enum MeasurementLevel
{
    /// <summary>Categories without order: two answers either match or do not.</summary>
    [JsonStringEnumMemberName("nominal")] Nominal,
    /// <summary>Ordered categories: the distance counts how many answers fall between the two.</summary>
    [JsonStringEnumMemberName("ordinal")] Ordinal,
    /// <summary>Equal steps: the squared difference.</summary>
    [JsonStringEnumMemberName("interval")] Interval,
    /// <summary>A true zero: the squared difference relative to the sum.</summary>
    [JsonStringEnumMemberName("ratio")] Ratio,
}
