using System.Text.Json;

namespace ReviewBot.Storage;

/// <summary>The contract word of an enum value (<c>evaluate</c>, <c>outside-expertise</c>), as counters and scripts use it.</summary>
internal static class Words
{
    public static string Of<T>(T value) where T : struct, Enum =>
        JsonSerializer.Serialize(value, ReviewBotJson.Options).Trim('"');
}
