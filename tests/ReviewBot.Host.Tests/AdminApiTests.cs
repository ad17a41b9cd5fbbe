using System.Net;
using System.Text.Json;

namespace ReviewBot.Host.Tests;

public sealed class AdminApiTests(ReviewBotApp app) : IClassFixture<ReviewBotApp>
{
    private readonly HttpClient _client = app.CreateClient();

    [Fact]
    public async Task A_batch_is_created_once_and_reposting_it_changes_nothing()
    {
        var document = Batches.Document("repost");

        var first = await _client.PostJsonTextAsync("/api/batches", document);
        var second = await _client.PostJsonTextAsync("/api/batches", document);
        var listed = await (await _client.GetAsync("/api/batches")).JsonAsync();

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal("/api/batches/repost", first.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var again = await second.JsonAsync();
        Assert.Equal("Unchanged", again.GetProperty("status").GetString());
        Assert.Equal(4, again.GetProperty("tasksUnchanged").GetInt32());
        var batch = listed.EnumerateArray().Single(b => b.GetProperty("id").GetString() == "repost");
        Assert.Equal(4, batch.GetProperty("tasks").GetInt32());
    }

    [Fact]
    public async Task A_changed_task_under_an_existing_id_is_refused_naming_the_task()
    {
        await _client.PostJsonTextAsync("/api/batches", Batches.Document("changed"));

        var response = await _client.PostJsonTextAsync("/api/batches",
            Batches.Document("changed").Replace("worried patient", "anxious patient"));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var problem = await response.JsonAsync();
        Assert.Contains("rs1", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_json_lines_file_with_one_broken_line_is_refused_with_that_line_and_field_and_nothing_is_stored()
    {
        const string lines = """
            {"id":"a1","kind":"respond","prompt":"How do you counsel on statin side effects?"}
            {"id":"a2","kind":"respond","prompt":"How do you explain a CT incidentaloma?"}
            {"id":"a3","kind":"review","prompt":"Which kind is this?"}
            {"id":"a4","kind":"respond","prompt":"How do you break bad news?"}
            """;

        var response = await _client.PostJsonTextAsync("/api/batches?id=broken&name=Broken&overlap=1", lines, "application/x-ndjson");
        var lookup = await _client.GetAsync("/api/batches/broken");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = Assert.Single((await response.JsonAsync()).GetProperty("errors").EnumerateArray());
        Assert.Equal(3, error.GetProperty("line").GetInt32());
        Assert.Equal("kind", error.GetProperty("field").GetString());
        Assert.Equal(HttpStatusCode.NotFound, lookup.StatusCode);
    }

    [Fact]
    public async Task A_json_lines_batch_takes_its_fields_from_the_query_string()
    {
        const string lines = """
            {"id":"q1","kind":"respond","prompt":"How do you counsel on statin side effects?"}
            {"id":"q2","kind":"respond","prompt":"How do you explain a CT incidentaloma?"}
            """;

        var response = await _client.PostJsonTextAsync("/api/batches?id=lines&name=Lines&overlap=2&dueAt=2026-12-24T12:00:00Z", lines, "application/x-ndjson");
        var progress = await (await _client.GetAsync("/api/batches/lines")).JsonAsync();

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(2, progress.GetProperty("tasks").GetInt32());
        Assert.Equal(4, progress.GetProperty("slots").GetInt32());
    }

    [Fact]
    public async Task An_unknown_export_format_is_refused_naming_the_choices()
    {
        await _client.PostJsonTextAsync("/api/batches", Batches.Document("formats"));

        var response = await _client.GetAsync("/api/batches/formats/export?format=parquet");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("jsonl", (await response.JsonAsync()).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task The_roster_is_imported_listed_and_a_pending_credential_is_verified()
    {
        var imported = await _client.PostJsonTextAsync("/api/reviewers", Batches.Roster);
        var verified = await _client.PostJsonTextAsync("/api/reviewers/web:jonah/verify", """{"credential":"PA","specialties":["Emergency Medicine"]}""");
        var roster = await (await _client.GetAsync("/api/reviewers")).JsonAsync();

        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        Assert.Equal(HttpStatusCode.OK, verified.StatusCode);
        var jonah = roster.EnumerateArray().Single(r => r.GetProperty("key").GetString() == "web:jonah");
        Assert.True(jonah.GetProperty("verified").GetBoolean());
        Assert.Equal("emergency-medicine", jonah.GetProperty("specialties")[0].GetString());
    }

    [Fact]
    public async Task A_roster_joins_keys_named_under_alsoKnownAs_either_way_into_one_person()
    {
        var imported = await _client.PostJsonTextAsync("/api/reviewers", """
            [ { "key": "teams:aad-kofi", "name": "Dr. Kofi Mensah", "credential": "MD", "verified": true, "alsoKnownAs": ["slack:UKOFI"] },
              { "key": "web:kofi", "name": "Dr. Kofi Mensah", "credential": "MD", "verified": true, "alsoKnownAs": ["Slack:UKOFI"] },
              { "key": "web:ines", "name": "Ines Duarte", "credential": "RN", "verified": true } ]
            """);
        var roster = (await (await _client.GetAsync("/api/reviewers")).JsonAsync()).EnumerateArray()
            .ToDictionary(r => r.GetProperty("key").GetString()!);

        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        Assert.All(new[] { "slack:UKOFI", "teams:aad-kofi", "web:kofi" },
            key => Assert.Equal("slack:UKOFI", roster[key].GetProperty("person").GetString()));
        Assert.Equal(["teams:aad-kofi", "web:kofi"], roster["slack:UKOFI"].GetProperty("alsoKnownAs").EnumerateArray().Select(k => k.GetString()));
        Assert.Equal("web:ines", roster["web:ines"].GetProperty("person").GetString());
    }

    [Fact]
    public async Task A_roster_with_an_unknown_credential_is_refused_naming_the_reviewer_and_field()
    {
        var response = await _client.PostJsonTextAsync("/api/reviewers",
            """[{ "key": "web:x", "name": "X", "credential": "MBBS", "timeZone": "Europe/London" }]""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = Assert.Single((await response.JsonAsync()).GetProperty("errors").EnumerateArray());
        Assert.EndsWith("credential", error.GetProperty("field").GetString());
        Assert.Equal("web:x", error.GetProperty("id").GetString());
    }

    [Fact]
    public async Task Health_answers_when_the_store_answers_and_metrics_speak_prometheus()
    {
        var health = await _client.GetAsync("/healthz");
        var metrics = await _client.GetStringAsync("/metrics");

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Contains("# TYPE reviewbot_batches gauge", metrics);
        Assert.Contains("reviewbot_open_assignments", metrics);
        Assert.Contains("reviewbot_import_seconds", metrics);
    }
}
