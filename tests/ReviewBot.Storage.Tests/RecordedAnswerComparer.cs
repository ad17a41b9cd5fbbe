using ReviewBot.Testing;
using System.Text.Json;
using ReviewBot.Answers;

namespace ReviewBot.Storage.Tests;

/// <summary>Records holding lists compare by reference; two answers are the same when they serialize the same.</summary>
internal sealed class RecordedAnswerComparer : IEqualityComparer<RecordedAnswer?>
{
    public static readonly RecordedAnswerComparer Instance = new();

    public bool Equals(RecordedAnswer? x, RecordedAnswer? y) =>
        JsonSerializer.Serialize(x, ReviewBotJson.Options) == JsonSerializer.Serialize(y, ReviewBotJson.Options);

    public int GetHashCode(RecordedAnswer? obj) => JsonSerializer.Serialize(obj, ReviewBotJson.Options).GetHashCode();
}
