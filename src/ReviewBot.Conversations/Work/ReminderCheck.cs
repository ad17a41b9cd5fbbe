using ReviewBot.Assignments;
using ReviewBot.Conversations.Chat;
using ReviewBot.Reviewers;
using ReviewBot.Tasks;

namespace ReviewBot.Conversations.Work;

/// <summary>
/// A reminder is written when it is asked for (a task delivered, a lead's <c>remind</c>, a snooze, a deadline) and
/// may go out hours later. Just before it goes, it is checked again: a reader who paused or turned reminders off gets
/// nothing; a nudge about one task goes only while that task is still open (not answered, skipped or lapsed), and
/// brings the next nudge with it; a nudge about held tasks only while the reader still holds one; an invitation to
/// start only while the batch still takes work.
/// </summary>
public sealed class ReminderCheck(IReviewerStore reviewers, IAssignmentStore assignments, IBatchStore batches, ReminderPolicy policy,
    TimeProvider clock)
{
    public async Task<ReminderDecision> DecideAsync(DirectMessage reminder, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (await reviewers.GetAsync(reminder.UserKey, cancellationToken).ConfigureAwait(false) is not { } reader
            || reader.IsPausedAt(now) || reader.RemindersOff
            || (string?)reminder.Data["batchId"] is not { } batchId)
        {
            return ReminderDecision.Drop;
        }
        if ((string?)reminder.Data["assignmentId"] is { } assignmentId)
        {
            return await assignments.GetAsync(assignmentId, cancellationToken).ConfigureAwait(false) is { State: AssignmentState.Open } held
                && held.LeaseExpiresAt > now
                ? new ReminderDecision(true, policy.After(reminder, held, now, reader.TimeZone))
                : ReminderDecision.Drop;
        }
        if ((int?)reminder.Data["openCount"] is > 0)
        {
            var open = await assignments.OpenAssignmentsAsync(reader, [batchId], now, cancellationToken).ConfigureAwait(false);
            return new ReminderDecision(open.Count > 0, null);
        }
        var stand = await batches.GetProgressAsync(batchId, now, cancellationToken).ConfigureAwait(false);
        return new ReminderDecision(stand is { Closed: false, OpenSlots: > 0 }, null);
    }
}

/// <summary>Whether to send a reminder now, and the one to schedule after it (the next nudge).</summary>
public sealed record ReminderDecision(bool Send, DirectMessage? Next)
{
    public static readonly ReminderDecision Drop = new(false, null);
}
