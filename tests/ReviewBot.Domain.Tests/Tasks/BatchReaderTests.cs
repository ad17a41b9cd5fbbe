using System.Text;
using System.Text.Json;
using ReviewBot.Imports;
using ReviewBot.Reviewers;
using ReviewBot.Tasks;

namespace ReviewBot.Domain.Tests.Tasks;

public class BatchReaderTests
{
    private const string DesignExample =
        """
        { "id": "cardio-nov", "name": "Cardiology rankings", "guidelinesUrl": "https://example.org/g",
          "overlap": 3, "dueAt": "2026-12-01T17:00:00Z",
          "pay": { "perTask": 4.00 },
          "requirements": { "credentials": ["MD", "DO"], "specialties": ["cardiology"] },
          "tasks": [
            { "id": "t1", "kind": "evaluate", "prompt": "Chest pain workup?", "response": "Serial troponins." },
            { "id": "t2", "kind": "rank", "prompt": "AF rate control?", "responses": [ {"id": "A", "text": "Metoprolol"}, {"id": "B", "text": "Digoxin"} ] },
            { "id": "t3", "kind": "respond", "prompt": "Explain QT prolongation.", "gold": {"text": "…"} },
            { "id": "t4", "kind": "vignette", "brief": "Kawasaki disease", "requirements": { "specialties": ["Pediatrics"] },
              "metadata": {"source": "set-7", "weight": 1.50} } ] }
        """;

    private static readonly BatchHeader Header = new() { Id = "cardio-nov", Name = "Cardiology rankings", Overlap = "3" };

    private static ImportError Single(ImportResult<Batch> result)
    {
        Assert.False(result.Succeeded);
        return Assert.Single(result.Errors);
    }

    [Fact]
    public void Design_example_reads_as_a_batch_of_four_kinds()
    {
        var result = BatchReader.ReadDocument(DesignExample);

        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        var batch = result.Value;
        Assert.Equal(("cardio-nov", "Cardiology rankings", 3, 4.00m), (batch.Id, batch.Name, batch.Overlap, batch.Pay?.PerTask));
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 17, 0, 0, TimeSpan.Zero), batch.DueAt);
        Assert.Equal([Credential.MD, Credential.DO], batch.Requirements?.Credentials);
        Assert.Equal([TaskKind.Evaluate, TaskKind.Rank, TaskKind.Respond, TaskKind.Vignette], batch.Tasks.Select(t => t.Kind));
        Assert.Equal(["A", "B"], batch.Tasks[1].Responses!.Select(r => r.Id));
        Assert.Equal(["pediatrics"], batch.Tasks[3].Requirements?.Specialties);
        Assert.Equal(Batch.DefaultLeaseMinutes, batch.LeaseMinutes);
    }

    [Fact]
    public void Gold_and_metadata_are_kept_as_written()
    {
        var batch = BatchReader.ReadDocument(DesignExample).Value!;

        Assert.Equal("""{"text": "…"}""", batch.Tasks[2].Gold?.GetRawText());
        Assert.Equal("""{"source": "set-7", "weight": 1.50}""", batch.Tasks[3].Metadata?.GetRawText());
    }

    [Fact]
    public void Json_lines_take_the_batch_fields_from_the_header()
    {
        var lines =
            """
            {"id":"t1","kind":"respond","prompt":"Explain QT prolongation."}

            {"id":"t2","kind":"vignette","brief":"Kawasaki disease"}
            """;

        var result = BatchReader.ReadJsonLines(lines, Header with { Credentials = "md, PharmD", LeaseMinutes = "45", PerTask = "3.50" });

        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        Assert.Equal(["t1", "t2"], result.Value.Tasks.Select(t => t.Id));
        Assert.Equal([Credential.MD, Credential.PharmD], result.Value.Requirements?.Credentials);
        Assert.Equal((45, 3.50m), (result.Value.LeaseMinutes, result.Value.Pay?.PerTask));
    }

    [Fact]
    public void Broken_json_line_is_refused_with_its_line_number()
    {
        var lines = "{\"id\":\"t1\",\"kind\":\"respond\",\"prompt\":\"ok\"}\n{\"id\":\"t2\",\"kind\":\"respond\" \"prompt\":\"x\"}\n";

        var error = Single(BatchReader.ReadJsonLines(lines, Header));

        Assert.Equal(2, error.Line);
        Assert.StartsWith("Not valid JSON at column 29: '\"' is invalid after a value.", error.Message);
    }

    [Fact]
    public void Broken_document_is_refused_with_the_line_where_it_broke()
    {
        var broken = DesignExample.Replace("\"overlap\": 3,", "\"overlap\": 3");

        var error = Single(BatchReader.ReadDocument(broken));

        Assert.Equal(2, error.Line);
        Assert.StartsWith("Not valid JSON at column", error.Message);
    }

    [Fact]
    public void Json_line_missing_a_field_names_the_line_task_and_field()
    {
        var lines = "{\"id\":\"t1\",\"kind\":\"respond\",\"prompt\":\"ok\"}\n{\"id\":\"t2\",\"kind\":\"evaluate\",\"prompt\":\"x\"}";

        var error = Single(BatchReader.ReadJsonLines(lines, Header));

        Assert.Equal(new ImportError(2, "t2", "response", "response is required for an evaluate task."), error);
        Assert.Equal("line 2, t2, response: response is required for an evaluate task.", error.ToString());
    }

    [Fact]
    public void Document_error_names_the_task_id_and_field_path()
    {
        var broken = DesignExample.Replace("""{"id": "B", "text": "Digoxin"}""", """{"id": "A", "text": ""}""");

        var result = BatchReader.ReadDocument(broken);

        Assert.False(result.Succeeded);
        Assert.Equal(
            [
                new ImportError(null, "t2", "tasks[1].responses[1].id", "Response id “A” is used twice in this task; each response needs its own id."),
                new ImportError(null, "t2", "tasks[1].responses[1].text", "text is required."),
            ],
            result.Errors);
    }

    [Fact]
    public void Every_problem_in_a_file_is_reported_at_once()
    {
        var broken =
            """
            { "id": "bad:id", "overlap": 40, "leaseMinutes": 2, "requirements": { "credentials": ["MBBS"] },
              "tasks": [ { "id": "t1", "kind": "compare" },
                         { "id": "t1", "kind": "rank", "prompt": "p", "responses": [ {"id": "A", "text": "a"} ] },
                         { "id": "t3", "kind": "respond", "prompt": "PROMPT" } ] }
            """.Replace("PROMPT", new string('p', 20_001));

        var errors = BatchReader.ReadDocument(broken).Errors.Select(e => (e.Id, e.Field)).ToList();

        Assert.Equal(
            [
                (null, "id"), (null, "name"), (null, "overlap"), (null, "leaseMinutes"), (null, "requirements.credentials"),
                ("t1", "tasks[0].kind"),
                ("t1", "tasks[1].id"), ("t1", "tasks[1].responses"),
                ("t3", "tasks[2].prompt"),
            ],
            errors);
    }

    [Theory]
    [InlineData("""{"id":"b","name":"n","overlap":0,"tasks":[{"id":"t","kind":"respond","prompt":"p"}]}""", "overlap", "overlap must be a whole number from 1 to 20; got “0”.")]
    [InlineData("""{"id":"b","name":"n","leaseMinutes":2000,"tasks":[{"id":"t","kind":"respond","prompt":"p"}]}""", "leaseMinutes", "leaseMinutes must be a whole number from 5 to 1440; got “2000”.")]
    [InlineData("""{"id":"b:1","name":"n","tasks":[{"id":"t","kind":"respond","prompt":"p"}]}""", "id", "“b:1” is not a usable id: use up to 64 letters, digits, '.', '_' or '-', starting with a letter or digit (no spaces or ':').")]
    [InlineData("""{"id":"b","name":"n","tasks":[]}""", "tasks", "The batch has no tasks: add them under \"tasks\".")]
    [InlineData("""{"id":"b","name":"n","requirements":{"credentials":["MBBS"]},"tasks":[{"id":"t","kind":"respond","prompt":"p"}]}""", "requirements.credentials", "“MBBS” is not a credential ReviewBot knows; use MD, DO, NP, PA, RN, PharmD or PhD.")]
    [InlineData("""{"id":"b","name":"n","tasks":[{"id":"t","kind":"summarize","prompt":"p"}]}""", "tasks[0].kind", "“summarize” is not a task kind; use evaluate, rank, respond, vignette or rubric.")]
    [InlineData("""{"id":"b","name":"n","tasks":[{"id":"t","kind":"rank","prompt":"p","responses":[{"id":"A","text":"a"},{"id":"B","text":"b"},{"id":"C","text":"c"},{"id":"D","text":"d"}]}]}""", "tasks[0].responses", "A rank task compares 2 or 3 responses; this one has 4.")]
    [InlineData("""{"id":"b","name":"n","tasks":[{"id":"t","kind":"vignette"}]}""", "tasks[0].brief", "brief is required for a vignette task.")]
    [InlineData("""{"id":"b","name":"n","dueAt":"soon","tasks":[{"id":"t","kind":"respond","prompt":"p"}]}""", "dueAt", "dueAt must be a date and time such as 2026-12-01T17:00:00Z; got “soon”.")]
    public void Document_rule_is_reported_at_its_field(string json, string field, string message)
    {
        var error = Single(BatchReader.ReadDocument(json));

        Assert.Equal((field, message), (error.Field, error.Message));
    }

    [Fact]
    public void Duplicate_task_id_in_json_lines_points_back_to_its_first_line()
    {
        var lines = "{\"id\":\"t1\",\"kind\":\"respond\",\"prompt\":\"a\"}\n{\"id\":\"t1\",\"kind\":\"respond\",\"prompt\":\"b\"}";

        var error = Single(BatchReader.ReadJsonLines(lines, Header));

        Assert.Equal(new ImportError(2, "t1", "id", "Task id “t1” is used twice in this file; it was first used at line 1."), error);
    }

    [Fact]
    public void Bad_header_values_are_named_by_their_query_names()
    {
        var header = new BatchHeader { Id = "", Overlap = "three", Credentials = "MD,MBBS", GuidelinesUrl = "example.org" };

        var result = BatchReader.ReadJsonLines("{\"id\":\"t1\",\"kind\":\"respond\",\"prompt\":\"a\"}", header);

        Assert.Equal(["id", "name", "overlap", "guidelinesUrl", "credentials"], result.Errors.Select(e => e.Field));
        Assert.All(result.Errors, e => Assert.Null(e.Line));
    }

    [Fact]
    public void Empty_json_lines_file_is_refused()
    {
        var error = Single(BatchReader.ReadJsonLines("\n\n", Header));

        Assert.Equal("The file has no tasks: send one task object per line.", error.Message);
    }

    [Fact]
    public void A_file_broken_on_every_line_lists_the_first_hundred_problems_and_counts_the_rest()
    {
        var lines = string.Join("\n", Enumerable.Repeat("not json", 150));

        var errors = BatchReader.ReadJsonLines(lines, Header).Errors;

        Assert.Equal(101, errors.Count);
        Assert.Equal("50 more problems are not listed; fix these and import again.", errors[^1].Message);
    }

    [Fact]
    public async Task Request_body_with_a_byte_order_mark_reads()
    {
        var body = new MemoryStream([.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(DesignExample)]);

        var result = await BatchReader.ReadDocumentAsync(body);

        Assert.True(result.Succeeded);
    }

    [Fact]
    public async Task Broken_request_body_is_refused_with_the_line_where_it_broke()
    {
        var body = new MemoryStream(Encoding.UTF8.GetBytes("{\n  \"id\": \"b\",\n  \"name\": \"n\"\n  \"tasks\": []\n}"));

        var error = Single(await BatchReader.ReadDocumentAsync(body));

        Assert.Equal(4, error.Line);
    }

    [Fact]
    public void Task_id_given_as_an_object_is_reported_once()
    {
        var error = Single(BatchReader.ReadDocument("""{"id":"b","name":"n","tasks":[{"id":{"x":1},"kind":"respond","prompt":"p"}]}"""));

        Assert.Equal(("tasks[0].id", "id must be a single value, not an object or a list."), (error.Field, error.Message));
    }

    [Fact]
    public void A_five_thousand_task_batch_reads_whole()
    {
        var tasks = Enumerable.Range(0, 5000).Select(i => new
        {
            id = $"t{i}",
            kind = "rank",
            prompt = "A 58-year-old man with BP 86/50 and lactate 4.6: what next? " + new string('x', 400),
            responses = new[] { new { id = "A", text = new string('a', 600) }, new { id = "B", text = new string('b', 600) } },
            metadata = new { source = "bench", index = i },
        });
        var json = JsonSerializer.Serialize(new { id = "big", name = "Big", overlap = 3, tasks });

        var result = BatchReader.ReadDocument(json);

        Assert.Equal(5000, result.Value?.Tasks.Count);
        Assert.Equal("t4999", result.Value!.Tasks[^1].Id);
    }
}
