using System.Text.Json.Nodes;
using ReviewBot.Assignments;
using ReviewBot.Conversations.Chat;
using ReviewBot.Tasks;

namespace ReviewBot.Conversations.Work;

/// <summary>
/// How often a clinician is nudged about a task they hold and have not answered (Reminders:*): a first nudge some
/// hours after the task came, then at most one a day, at most <see cref="MaxNudges"/> in all, and only while the task
/// can still be answered. Clinicians answer polite reminders; they mute a bot that nags.
/// </summary>
public sealed record ReminderPolicy
{
    public TimeSpan FirstNudge { get; init; } = TimeSpan.FromHours(4);
    public TimeSpan Repeat { get; init; } = TimeSpan.FromHours(24);
    public int MaxNudges { get; init; } = 3;

    /// <summary>The first nudge about a task just delivered, or none when its lease runs out before it is due.</summary>
    public DirectMessage? FirstFor(string userKey, Batch batch, Assignment assignment, string timeZone) =>
        Nudge(userKey, batch.Id, batch.Name, assignment, 1, assignment.DeliveredAt + FirstNudge, timeZone);

    /// <summary>The nudge after <paramref name="sent"/>, or none when that was the last one or the lease ends first.</summary>
    public DirectMessage? After(DirectMessage sent, Assignment held, DateTimeOffset now, string timeZone) =>
        (int?)sent.Data["nudge"] is { } n && n < MaxNudges
            ? Nudge(sent.UserKey, held.BatchId, (string?)sent.Data["batchName"] ?? held.BatchId, held, n + 1, now + Repeat, timeZone)
            : null;

    private static DirectMessage? Nudge(string userKey, string batchId, string batchName, Assignment assignment, int n, DateTimeOffset at,
        string timeZone) =>
        at < assignment.LeaseExpiresAt
            ? new DirectMessage(userKey, "reminder", new JsonObject
            {
                ["batchId"] = batchId,
                ["batchName"] = batchName,
                ["openCount"] = 1,
                ["due"] = Display.When(assignment.LeaseExpiresAt, timeZone),
                ["assignmentId"] = assignment.Id,
                ["nudge"] = n,
            }, at, KeyOf(assignment.Id))
            : null;

    /// <summary>A task's nudges are one message in the outbox, moved rather than multiplied: the next nudge, or a
    /// snooze, takes the place of the one before.</summary>
    public static string KeyOf(string assignmentId) => "nudge:" + assignmentId;
}
