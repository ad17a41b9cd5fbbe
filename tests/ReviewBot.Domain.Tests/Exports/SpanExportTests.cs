using System.Text.Json;
using ReviewBot.Answers;
using ReviewBot.Exports;
using ReviewBot.Tasks;

namespace ReviewBot.Domain.Tests.Exports;

/// <summary>Sentence marks leave in two shapes: inside the answer in <c>jsonl</c>, and one row per mark in <c>spans</c>.</summary>
public class SpanExportTests
{
    private const string Response = "Continue aspirin. Stop clopidogrel now. Use paracetamol.";

    private static readonly Batch Batch = BatchReader.ReadDocument(
        $$"""
        { "id": "dental", "name": "Dental",
          "tasks": [ { "id": "e1", "kind": "evaluate", "prompt": "Aspirin before an extraction?", "response": "{{Response}}", "metadata": {"source": "m3"} } ] }
        """).Value!;

    private static readonly RecordedAnswer Answer = new()
    {
        AssignmentId = "dental:1",
        BatchId = "dental",
        TaskId = "e1",
        Kind = TaskKind.Evaluate,
        ReviewerKey = "web:amara",
        DeliveredAt = DateTimeOffset.UnixEpoch,
        SubmittedAt = DateTimeOffset.UnixEpoch.AddMinutes(3),
        ActiveSeconds = 180,
        Earned = 4m,
        Answer = new EvaluationAnswer(2, 3, 2, Harm.Potential, null, null)
        {
            Marks = [new SentenceMark(18, 39, MarkLabel.Dangerous, "Not after a stent."), new SentenceMark(40, 56, MarkLabel.Wrong, null)],
        },
    };

    private static async Task<List<JsonElement>> Rows(DatasetFormat format)
    {
        var output = new StringWriter();
        await DatasetWriter.WriteAsync(format, Batch, [Answer], output);
        return output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();
    }

    [Fact]
    public async Task Spans_gives_one_row_per_mark_with_the_exact_sentence()
    {
        var rows = await Rows(DatasetFormat.Spans);

        Assert.Equal(["Stop clopidogrel now.", "Use paracetamol."], rows.Select(r => r.GetProperty("sentence").GetString()));
        Assert.Equal(["dangerous", "wrong"], rows.Select(r => r.GetProperty("label").GetString()));
        Assert.All(rows, r => Assert.Equal(Response, r.GetProperty("text").GetString()));
        Assert.All(rows, r =>
        {
            var span = Assert.Single(r.GetProperty("spans").EnumerateArray().ToList());
            var (start, end) = (span.GetProperty("start").GetInt32(), span.GetProperty("end").GetInt32());
            Assert.Equal(r.GetProperty("sentence").GetString(), r.GetProperty("text").GetString()![start..end]);
            Assert.Equal(r.GetProperty("label").GetString(), span.GetProperty("label").GetString());
        });
        Assert.Equal("Not after a stent.", rows[0].GetProperty("note").GetString());
        Assert.False(rows[1].TryGetProperty("note", out _));
        Assert.Equal("m3", rows[0].GetProperty("metadata").GetProperty("source").GetString());
    }

    [Fact]
    public async Task Jsonl_carries_the_marks_inside_the_answer()
    {
        var row = Assert.Single(await Rows(DatasetFormat.Jsonl));
        var marks = row.GetProperty("answer").GetProperty("marks").EnumerateArray().ToList();

        Assert.Equal([(18, 39, "dangerous"), (40, 56, "wrong")],
            marks.Select(m => (m.GetProperty("start").GetInt32(), m.GetProperty("end").GetInt32(), m.GetProperty("label").GetString())));
        Assert.Equal("Not after a stent.", marks[0].GetProperty("note").GetString());
    }
}
