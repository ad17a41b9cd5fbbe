using System.Buffers;
using System.Text;
using System.Text.Json;
using ReviewBot.Tasks;

namespace ReviewBot.Exports;

/// <summary>Builds one JSON Lines row at a time into a reused buffer, so a large export allocates per row only the
/// text it writes.</summary>
internal sealed class JsonRow
{
    private readonly ArrayBufferWriter<byte> _buffer = new(4096);
    private readonly Utf8JsonWriter _writer;

    public JsonRow() =>
        _writer = new Utf8JsonWriter(_buffer, new JsonWriterOptions { Encoder = ReviewBotJson.Options.Encoder });

    public string Write(Action<Utf8JsonWriter> fill)
    {
        _buffer.ResetWrittenCount();
        _writer.Reset(_buffer);
        _writer.WriteStartObject();
        fill(_writer);
        _writer.WriteEndObject();
        _writer.Flush();
        return Encoding.UTF8.GetString(_buffer.WrittenSpan);
    }

    /// <summary>Writes the task's metadata as the data team sent it: same keys, order, number forms and escapes.</summary>
    public static void WriteMetadata(Utf8JsonWriter writer, ClinicalTask? task)
    {
        if (task?.Metadata is not { } metadata)
        {
            return;
        }
        writer.WritePropertyName("metadata");
        writer.WriteRawValue(RawJson.OnOneLine(metadata), skipInputValidation: true);
    }
}
