using System.Net;
using System.Text.Json;

namespace ReviewBot.Host.Tests;

public sealed class DurabilityTests : IDisposable
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "rb-durability-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Every_acknowledged_answer_survives_a_stop_and_a_start_and_a_kill_9_the_moment_it_was_acknowledged()
    {
        string first, second;
        await using (var service = await HostProcess.StartAsync(_data))
        {
            (await service.Client.PostJsonTextAsync("/api/batches", Batches.Document("durable", overlap: 2))).EnsureSuccessStatusCode();
            (await service.Client.PostJsonTextAsync("/api/reviewers", Batches.Roster)).EnsureSuccessStatusCode();
            first = await AnswerNextAsync(service.Client, "web:amara");
            await service.StopAsync();
        }

        await using (var service = await HostProcess.StartAsync(_data))
        {
            Assert.Contains(first, await ExportAsync(service.Client));
            second = await AnswerNextAsync(service.Client, "web:priya");
            await service.KillAsync();
        }

        await using (var service = await HostProcess.StartAsync(_data))
        {
            var exported = await ExportAsync(service.Client);
            Assert.Contains(first, exported);
            Assert.Contains(second, exported);
        }
    }

    /// <summary>Leases the next task and answers it; returns the assignment id once the service has acknowledged.</summary>
    private static async Task<string> AnswerNextAsync(HttpClient client, string reviewer)
    {
        var next = await (await client.PostAsync($"/api/reviewers/{reviewer}/next", null)).JsonAsync();
        var assignment = next.GetProperty("assignment").GetProperty("id").GetString()!;
        var task = next.GetProperty("task").GetProperty("id").GetString()!;
        var answer = await client.PostJsonTextAsync($"/api/assignments/{assignment}/answer",
            JsonSerializer.Serialize(new { reviewer, taskId = task, fields = new { accuracy = 4, completeness = 4, appropriateness = 5, harm = "none" } }));
        Assert.Equal(HttpStatusCode.Created, answer.StatusCode);
        return assignment;
    }

    private static async Task<List<string>> ExportAsync(HttpClient client)
    {
        var lines = (await client.GetStringAsync("/api/batches/durable/export?format=jsonl")).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        return lines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("assignmentId").GetString()!).ToList();
    }

    public void Dispose()
    {
        if (Directory.Exists(_data))
        {
            Directory.Delete(_data, recursive: true);
        }
    }
}
