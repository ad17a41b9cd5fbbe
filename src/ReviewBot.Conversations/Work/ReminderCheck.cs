using ReviewBot.Assignments;
using ReviewBot.Conversations.Chat;
using ReviewBot.Reviewers;
using ReviewBot.Tasks;

namespace ReviewBot.Conversations.Work;

/// <summary>
/// A reminder is written when it is asked for (a lead's <c>remind</c>, a snooze) and may go out hours later. Just
/// before it goes, it is checked again: a reader who paused gets nothing, a nudge about held tasks goes only while
/// the reader still holds one (not once it is answered, skipped or lapsed), and an invitation to start only while the
/// batch still takes work.
/// </summary>
public sealed class ReminderCheck(IReviewerStore reviewers, IAssignmentStore assignments, IBatchStore batches, TimeProvider clock)
{
    public async Task<bool> StillWantedAsync(DirectMessage reminder, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (await reviewers.GetAsync(reminder.UserKey, cancellationToken).ConfigureAwait(false) is not { } reader
            || reader.IsPausedAt(now))
        {
            return false;
        }
        if ((string?)reminder.Data["batchId"] is not { } batchId)
        {
            return false;
        }
        if ((int?)reminder.Data["openCount"] is > 0)
        {
            var open = await assignments.OpenAssignmentsAsync(reader, [batchId], now, cancellationToken).ConfigureAwait(false);
            return open.Count > 0;
        }
        var stand = await batches.GetProgressAsync(batchId, now, cancellationToken).ConfigureAwait(false);
        return stand is { Closed: false, OpenSlots: > 0 };
    }
}
