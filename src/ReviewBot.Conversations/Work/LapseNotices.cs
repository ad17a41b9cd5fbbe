using System.Text.Json.Nodes;
using ReviewBot.Assignments;
using ReviewBot.Conversations.Chat;
using ReviewBot.Tasks;

namespace ReviewBot.Conversations.Work;

/// <summary>The one word a reviewer gets when a task they held went back to the pool: what it was, that another
/// clinician now has the chance, and a button for the next one. Nothing reproachful: a clinician called away by a
/// patient did the right thing.</summary>
public sealed class LapseNotices(IBatchStore batches)
{
    public async Task<DirectMessage?> ForAsync(Assignment lapsed, CancellationToken cancellationToken)
    {
        if (await batches.GetAsync(lapsed.BatchId, cancellationToken).ConfigureAwait(false) is not { } batch
            || await batches.GetTaskAsync(lapsed.BatchId, lapsed.TaskId, cancellationToken).ConfigureAwait(false) is not { } task)
        {
            return null;
        }
        return new DirectMessage(lapsed.ReviewerKey, "task-lapsed", new JsonObject
        {
            ["batchId"] = batch.Id,
            ["batchName"] = batch.Name,
            ["kind"] = Display.KindNoun(task.Kind),
            ["leaseMinutes"] = batch.LeaseMinutes,
        });
    }
}
