using ReviewBot.Testing;
using ReviewBot.Assignments;
using static ReviewBot.Storage.Tests.TestData;

namespace ReviewBot.Storage.Tests;

public sealed class EmbeddedGarnetDurability : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "rb-durable-" + Guid.NewGuid().ToString("N"));
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 14, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Answers_and_open_leases_survive_a_stop_and_a_start_of_the_embedded_store()
    {
        var batch = Batch("durable", tasks: 2, overlap: 1);
        var reviewer = Reviewer();
        string answered;
        string open;
        await using (var first = await StoreConnection.OpenAsync(null, _directory))
        {
            var batches = new RedisBatchStore(first.Redis);
            var assignments = new RedisAssignmentStore(first.Redis);
            await batches.ImportAsync(batch);
            var a = (await assignments.ClaimNextAsync(batch.Id, reviewer, Now)).Assignment!;
            await assignments.RecordAsync(Submission(a, reviewer), Now.AddMinutes(2));
            answered = a.Id;
            open = (await assignments.ClaimNextAsync(batch.Id, reviewer, Now.AddMinutes(3))).Assignment!.Id;
        }

        await using var second = await StoreConnection.OpenAsync(null, _directory);
        var recovered = await new RedisBatchStore(second.Redis).ReadAnswersAsync(batch.Id).ToListAsync();
        var lease = await new RedisAssignmentStore(second.Redis).GetAsync(open);

        Assert.Equal(answered, Assert.Single(recovered).AssignmentId);
        Assert.Equal(AssignmentState.Open, lease!.State);
        Assert.Equal(ReviewBot.Tasks.BatchImportStatus.Unchanged, (await new RedisBatchStore(second.Redis).ImportAsync(batch)).Status);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
