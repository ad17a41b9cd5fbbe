using System.Globalization;

namespace ReviewBot.Exports;

/// <summary>Times in datasets are UTC with a Z, fractions of a second only when there are any, the same in every
/// format, so that rows from different exports join on them.</summary>
internal static class Instant
{
    public static string Format(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);
}
