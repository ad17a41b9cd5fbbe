using System.Globalization;
using System.Text.Json;
using CsvHelper;
using ReviewBot.Answers;
using ReviewBot.Exports;
using ReviewBot.Reviewers;
using ReviewBot.Tasks;

namespace ReviewBot.Domain.Tests.Exports;

public class DatasetWriterTests
{
    private const string Metadata = """{"source":"set-7","weight":1.50,"note":"caf\u00e9","nested":{"b":2,"a":1}}""";

    private static readonly Batch Batch = BatchReader.ReadDocument(
        $$"""
        { "id": "cardio-nov", "name": "Cardiology",
          "tasks": [
            { "id": "r3", "kind": "rank", "prompt": "AF with RVR, BP 86/50: next step?",
              "responses": [ {"id": "A", "text": "Synchronized cardioversion."}, {"id": "B", "text": "IV diltiazem."}, {"id": "C", "text": "Oral digoxin."} ],
              "metadata": {{Metadata}} },
            { "id": "r2", "kind": "rank", "prompt": "Statin choice?", "responses": [ {"id": "A", "text": "Atorvastatin"}, {"id": "B", "text": "Rosuvastatin"} ] },
            { "id": "w1", "kind": "respond", "prompt": "Explain QT prolongation to a patient.", "gold": {"text": "It is…"},
              "metadata": {
                  "source": "pretty",
                  "tags": ["a", "b"] } },
            { "id": "e1", "kind": "evaluate", "prompt": "Chest pain workup?", "response": "Serial troponins." } ] }
        """).Value!;

    private static RecordedAnswer Recorded(string taskId, TaskKind kind, Answer answer, string reviewer = "slack:U1") => new()
    {
        AssignmentId = $"cardio-nov:{taskId}-{reviewer}",
        BatchId = "cardio-nov",
        TaskId = taskId,
        Kind = kind,
        ReviewerKey = reviewer,
        Credential = Credential.MD,
        DeliveredAt = new DateTimeOffset(2026, 11, 3, 10, 0, 0, TimeSpan.Zero),
        SubmittedAt = new DateTimeOffset(2026, 11, 3, 10, 4, 30, TimeSpan.Zero),
        ActiveSeconds = 270,
        Earned = 6.75m,
        Answer = answer,
    };

    private static RecordedAnswer Ranking(string order, string? tie = null, string taskId = "r3") =>
        Recorded(taskId, TaskKind.Rank, new RankingAnswer(order.Split('>'), tie?.Split('='), "Cardioversion first when unstable.", []));

    private static async Task<List<JsonElement>> Rows(DatasetFormat format, params RecordedAnswer[] answers)
    {
        var output = new StringWriter();
        await DatasetWriter.WriteAsync(format, Batch, answers, output);
        var lines = output.ToString().Split('\n');
        Assert.Equal("", lines[^1]);
        return lines[..^1].Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();
    }

    private static string[] Pair(JsonElement row) => [row.GetProperty("chosen").GetString()!, row.GetProperty("rejected").GetString()!];

    [Fact]
    public async Task Ranking_of_three_gives_three_dpo_pairs()
    {
        var rows = await Rows(DatasetFormat.Dpo, Ranking("A>B>C"));

        Assert.Equal(
            [
                ["Synchronized cardioversion.", "IV diltiazem."],
                ["Synchronized cardioversion.", "Oral digoxin."],
                ["IV diltiazem.", "Oral digoxin."],
            ],
            rows.Select(Pair));
        Assert.All(rows, r => Assert.Equal("AF with RVR, BP 86/50: next step?", r.GetProperty("prompt").GetString()));
        Assert.All(rows, r => Assert.Equal(("cardio-nov", "r3", "slack:U1"),
            (r.GetProperty("batchId").GetString(), r.GetProperty("taskId").GetString(), r.GetProperty("reviewerKey").GetString())));
    }

    [Fact]
    public async Task Tie_between_two_of_three_gives_two_dpo_pairs()
    {
        var rows = await Rows(DatasetFormat.Dpo, Ranking("A>C>B", tie: "C=B"));

        Assert.Equal(
            [
                ["Synchronized cardioversion.", "Oral digoxin."],
                ["Synchronized cardioversion.", "IV diltiazem."],
            ],
            rows.Select(Pair));
    }

    [Fact]
    public async Task Tie_between_two_responses_gives_no_dpo_pair()
    {
        var rows = await Rows(DatasetFormat.Dpo, Ranking("A>B", tie: "A=B", taskId: "r2"), Ranking("B>A", taskId: "r2"));

        Assert.Equal([["Rosuvastatin", "Atorvastatin"]], rows.Select(Pair));
    }

    [Fact]
    public async Task Dpo_ignores_answers_that_are_not_rankings()
    {
        var rows = await Rows(DatasetFormat.Dpo, Recorded("w1", TaskKind.Respond, new WrittenResponseAnswer("Your heart's rhythm takes longer to reset.")));

        Assert.Empty(rows);
    }

    [Fact]
    public async Task Metadata_comes_through_jsonl_byte_for_byte()
    {
        var output = new StringWriter();
        await DatasetWriter.WriteAsync(DatasetFormat.Jsonl, Batch, [Ranking("A>B>C")], output);

        Assert.Contains($",\"metadata\":{Metadata}}}\n", output.ToString());
    }

    [Fact]
    public async Task Metadata_written_over_several_lines_stays_on_its_row_with_the_same_content()
    {
        var row = Assert.Single(await Rows(DatasetFormat.Jsonl, Recorded("w1", TaskKind.Respond, new WrittenResponseAnswer("Your heart takes longer to reset."))));

        Assert.Equal("""{"source":"pretty","tags":["a","b"]}""", row.GetProperty("metadata").GetRawText());
    }

    [Fact]
    public async Task Metadata_with_comments_is_exported_as_valid_json_without_them()
    {
        var batch = BatchReader.ReadDocument(
            """{"id":"b","name":"n","tasks":[{"id":"w1","kind":"respond","prompt":"p","metadata":{"url":"https://x.org/a", /* from v2 */ "n":1}}]}""").Value!;
        var output = new StringWriter();

        await DatasetWriter.WriteAsync(DatasetFormat.Jsonl, batch, [Recorded("w1", TaskKind.Respond, new WrittenResponseAnswer("Text long enough."))], output);

        var row = JsonDocument.Parse(output.ToString()).RootElement;
        Assert.Equal("""{"url":"https://x.org/a","n":1}""", row.GetProperty("metadata").GetRawText());
    }

    [Fact]
    public async Task Jsonl_row_carries_who_when_pay_task_content_answer_and_gold()
    {
        var row = Assert.Single(await Rows(DatasetFormat.Jsonl, Recorded("w1", TaskKind.Respond, new WrittenResponseAnswer("Your heart takes longer to reset."))));

        Assert.Equal(
            ["batchId", "taskId", "kind", "assignmentId", "reviewerKey", "credential", "deliveredAt", "submittedAt", "activeSeconds", "earned",
             "prompt", "answer", "gold", "metadata"],
            row.EnumerateObject().Select(p => p.Name));
        Assert.Equal("respond", row.GetProperty("kind").GetString());
        Assert.Equal("2026-11-03T10:04:30Z", row.GetProperty("submittedAt").GetString());
        Assert.Equal(6.75m, row.GetProperty("earned").GetDecimal());
        Assert.Equal("""{"kind":"respond","text":"Your heart takes longer to reset."}""", row.GetProperty("answer").GetRawText());
        Assert.Equal("""{"text":"It is…"}""", row.GetProperty("gold").GetRawText());
    }

    [Fact]
    public async Task Jsonl_rank_row_carries_the_responses_compared()
    {
        var row = Assert.Single(await Rows(DatasetFormat.Jsonl, Ranking("A>B>C")));

        Assert.Equal(["A", "B", "C"], row.GetProperty("responses").EnumerateArray().Select(r => r.GetProperty("id").GetString()));
        Assert.Equal(["A", "B", "C"], row.GetProperty("answer").GetProperty("ranking").EnumerateArray().Select(r => r.GetString()));
    }

    [Fact]
    public async Task Sft_row_is_a_user_then_assistant_conversation()
    {
        var row = Assert.Single(await Rows(DatasetFormat.Sft,
            Recorded("w1", TaskKind.Respond, new WrittenResponseAnswer("Your heart takes longer to reset.")), Ranking("A>B>C")));

        Assert.Equal(
            """[{"role":"user","content":"Explain QT prolongation to a patient."},{"role":"assistant","content":"Your heart takes longer to reset."}]""",
            row.GetProperty("messages").GetRawText());
        Assert.Equal("w1", row.GetProperty("taskId").GetString());
    }

    [Fact]
    public async Task Csv_has_a_header_and_round_trips_commas_quotes_and_newlines()
    {
        const string errors = "Says \"rule out\", then\nnever orders a troponin.";
        var evaluation = Recorded("e1", TaskKind.Evaluate, new EvaluationAnswer(2, 3, 4, Harm.Potential, errors, null));
        var ranking = Recorded("r3", TaskKind.Rank, new RankingAnswer(["A", "C", "B"], ["C", "B"], "Unstable, so shock first, then rate.", ["C", "B"]));
        var output = new StringWriter();

        await DatasetWriter.WriteAsync(DatasetFormat.Csv, Batch, [evaluation, ranking], output);

        using var csv = new CsvReader(new StringReader(output.ToString()), CultureInfo.InvariantCulture);
        var rows = csv.GetRecords<dynamic>().Cast<IDictionary<string, object>>().ToList();
        Assert.Equal(2, rows.Count);
        Assert.Equal(("e1", "evaluate", "2", "potential", errors, ""),
            (rows[0]["taskId"], rows[0]["kind"], rows[0]["accuracy"], rows[0]["harm"], rows[0]["errors"], rows[0]["ranking"]));
        Assert.Equal(("A>C=B", "Unstable, so shock first, then rate.", "C,B"),
            (rows[1]["ranking"], rows[1]["rationale"], rows[1]["harmful"]));
        Assert.Equal(Metadata, rows[1]["metadata"]);
        Assert.Equal("2026-11-03T10:00:00Z", rows[1]["deliveredAt"]);
    }

    [Fact]
    public async Task Csv_cell_that_a_spreadsheet_would_run_as_a_formula_is_defused()
    {
        var written = Recorded("w1", TaskKind.Respond, new WrittenResponseAnswer("=HYPERLINK(\"http://x\",\"click\") and more text"));
        var output = new StringWriter();

        await DatasetWriter.WriteAsync(DatasetFormat.Csv, Batch, [written], output);

        using var csv = new CsvReader(new StringReader(output.ToString()), CultureInfo.InvariantCulture);
        var row = (IDictionary<string, object>)csv.GetRecords<dynamic>().Single();
        Assert.Equal("'=HYPERLINK(\"http://x\",\"click\") and more text", row["text"]);
    }

    [Fact]
    public async Task Csv_with_no_answers_is_just_the_header()
    {
        var output = new StringWriter();

        await DatasetWriter.WriteAsync(DatasetFormat.Csv, Batch, [], output);

        Assert.StartsWith("batchId,taskId,kind,assignmentId,reviewerKey,credential,", output.ToString());
        Assert.Single(output.ToString().Split("\r\n", StringSplitOptions.RemoveEmptyEntries));
    }

    [Theory]
    [InlineData("jsonl", DatasetFormat.Jsonl, "cardio-nov.jsonl")]
    [InlineData("DPO", DatasetFormat.Dpo, "cardio-nov.dpo.jsonl")]
    [InlineData("sft", DatasetFormat.Sft, "cardio-nov.sft.jsonl")]
    [InlineData("csv", DatasetFormat.Csv, "cardio-nov.csv")]
    public void Format_words_name_their_format_and_file(string word, DatasetFormat format, string fileName)
    {
        Assert.True(DatasetFormats.TryParse(word, out var parsed));
        Assert.Equal((format, fileName), (parsed, DatasetFormats.FileName("cardio-nov", parsed)));
    }

    [Fact]
    public void Unknown_format_word_is_not_a_format()
    {
        Assert.False(DatasetFormats.TryParse("parquet", out _));
        Assert.Equal("jsonl, dpo, sft, csv, spans, healthbench or healthbench-provenance", DatasetFormats.Listed);
    }
}
