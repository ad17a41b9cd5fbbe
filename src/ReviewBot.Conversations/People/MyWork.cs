using System.Globalization;
using System.Text.Json.Nodes;
using ReviewBot.Assignments;
using ReviewBot.Conversations.Chat;
using ReviewBot.Conversations.Work;
using ReviewBot.Reviewers;
using ReviewBot.Tasks;

namespace ReviewBot.Conversations.People;

/// <summary>A clinician's own view: <c>status</c> (open tasks, this week's time and earnings), <c>pause</c>,
/// <c>resume</c> and <c>help</c>.</summary>
public sealed class MyWork(IBatchStore batches, IAssignmentStore assignments, IReviewerStore reviewers, WeekLedger week, WorkRules rules, TimeProvider clock)
{
    public async Task<IReadOnlyList<Reply>> ShowStatus(ChatContext context, CancellationToken cancellationToken)
    {
        var reviewer = context.Reviewer!;
        var soFar = await week.ForAsync(reviewer, cancellationToken).ConfigureAwait(false);
        var now = clock.GetUtcNow();
        var open = await assignments.OpenAssignmentsAsync(reviewer, soFar.BatchIds, now, cancellationToken).ConfigureAwait(false);
        var openTasks = new JsonArray();
        foreach (var assignment in open)
        {
            var batch = await batches.GetAsync(assignment.BatchId, cancellationToken).ConfigureAwait(false);
            var task = await batches.GetTaskAsync(assignment.BatchId, assignment.TaskId, cancellationToken).ConfigureAwait(false);
            openTasks.Add(new JsonObject
            {
                ["kind"] = task is null ? "Task" : Display.Kind(task.Kind),
                ["batchName"] = batch?.Name ?? assignment.BatchId,
                ["due"] = "answer by " + Display.When(assignment.LeaseExpiresAt, reviewer.TimeZone),
            });
        }
        var status = new JsonObject
        {
            ["weekActive"] = $"{Display.Duration(soFar.ActiveSeconds)} of {Display.Duration((int)((reviewer.WeeklyHours ?? rules.DefaultWeeklyHours) * 3600))}",
            ["weekEarned"] = Display.Money(soFar.Earned),
            ["weekAnswered"] = soFar.Answers.Count == 1 ? "1 task" : $"{soFar.Answers.Count} tasks",
            ["openTasks"] = openTasks,
        };
        if (reviewer.PausedUntil is { } until && until > now)
        {
            status["pausedUntil"] = Display.When(until, reviewer.TimeZone);
        }
        return [new SendCard("status", status)];
    }

    /// <summary><c>pause</c> (until tomorrow morning), <c>pause 2h</c>, <c>pause tomorrow</c>, <c>pause monday</c>:
    /// no tasks and no reminders until then, in the clinician's own time zone.</summary>
    public async Task<IReadOnlyList<Reply>> Pause(ChatContext context, CancellationToken cancellationToken)
    {
        var reviewer = context.Reviewer!;
        var word = context.Arguments.FirstOrDefault()?.ToLowerInvariant() ?? "tomorrow";
        if (PauseEnd(word, clock.GetUtcNow(), reviewer.TimeZone) is not { } until)
        {
            return [new SendText($"I can pause for a number of hours (pause 2h), until tomorrow (pause tomorrow) or until a weekday (pause monday); “{word}” is none of those.")];
        }
        await reviewers.UpdateAsync(reviewer.Key, r => r with { PausedUntil = until }, cancellationToken).ConfigureAwait(false);
        return [new SendText($"Paused until {Display.When(until, reviewer.TimeZone)}: no tasks or reminders until then. Say resume to start again sooner.")];
    }

    /// <summary><c>reminders off</c> and <c>reminders on</c>: no nudges or reminders at all, whoever sends them, while off.</summary>
    public async Task<IReadOnlyList<Reply>> SwitchReminders(ChatContext context, CancellationToken cancellationToken)
    {
        var word = context.Arguments.FirstOrDefault()?.ToLowerInvariant();
        if (word is not ("on" or "off"))
        {
            return [new SendText($"Reminders are {(context.Reviewer!.RemindersOff ? "off" : "on")}. Say reminders off to stop them, reminders on to have them again.")];
        }
        await reviewers.UpdateAsync(context.Reviewer!.Key, r => r with { RemindersOff = word == "off" }, cancellationToken).ConfigureAwait(false);
        return [new SendText(word == "off"
            ? "Reminders are off: I will not nudge you about open tasks or new work. Tasks still come when you say next. Say reminders on to have them again."
            : "Reminders are on again: a polite nudge now and then, never in your quiet hours.")];
    }

    public async Task<IReadOnlyList<Reply>> Resume(ChatContext context, CancellationToken cancellationToken)
    {
        await reviewers.UpdateAsync(context.Reviewer!.Key, r => r with { PausedUntil = null }, cancellationToken).ConfigureAwait(false);
        return [new SendText("Welcome back: tasks are on again. Say next for one.")];
    }

    /// <summary>The reminder's "later" buttons: the same reminder again in an hour (<c>1h</c>), or tomorrow morning
    /// (<c>tomorrow</c>), in the clinician's own time zone.</summary>
    public async Task<IReadOnlyList<Reply>> Snooze(ChatContext context, CancellationToken cancellationToken)
    {
        var reviewer = context.Reviewer!;
        var batchId = context.Action.Value("batchId");
        if (batchId is null || await batches.GetAsync(batchId, cancellationToken).ConfigureAwait(false) is not { } batch)
        {
            return [new SendText("That reminder is for a batch that no longer exists.")];
        }
        var now = clock.GetUtcNow();
        var open = await assignments.OpenAssignmentsAsync(reviewer, [batchId], now, cancellationToken).ConfigureAwait(false);
        // An invitation to start (no task held) stays worth repeating while the batch takes new work.
        var stillOpen = await batches.GetProgressAsync(batchId, now, cancellationToken).ConfigureAwait(false) is { Closed: false };
        if (open.Count == 0 && !stillOpen)
        {
            return [new ReplaceCard("error", new JsonObject { ["title"] = "Nothing to remind you of", ["message"] = "You have no open task in this batch, and it takes no new work.", ["showNext"] = true })];
        }
        var at = PauseEnd(context.Action.Value("snooze") ?? "1h", now, reviewer.TimeZone) ?? now.AddHours(1);
        var reminder = new JsonObject
        {
            ["batchId"] = batch.Id,
            ["batchName"] = batch.Name,
            ["openCount"] = open.Count,
        };
        if (open.Count > 0)
        {
            reminder["due"] = Display.When(open.Min(a => a.LeaseExpiresAt), reviewer.TimeZone);
        }
        else if (batch.DueAt is { } due)
        {
            reminder["due"] = Display.When(due, reviewer.TimeZone);
        }
        // A snoozed nudge moves: it keeps its place in the task's nudges, and the one that would have followed goes.
        string? key = null;
        if (context.Action.Value("assignmentId") is { Length: > 0 } assignmentId && int.TryParse(context.Action.Value("nudge"), out var nudge) && nudge > 0)
        {
            reminder["assignmentId"] = assignmentId;
            reminder["nudge"] = nudge;
            key = ReminderPolicy.KeyOf(assignmentId);
        }
        return [new DirectMessage(reviewer.Key, "reminder", reminder, at, key), new Ephemeral($"I will remind you again at {Display.When(at, reviewer.TimeZone)}.")];
    }

    public Task<IReadOnlyList<Reply>> Help(ChatContext context, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<Reply>>([new SendCard("help", new JsonObject { ["lead"] = context.IsLead })]);

    public Task<IReadOnlyList<Reply>> Unknown(ChatContext context, CancellationToken cancellationToken)
    {
        IReadOnlyList<Reply> replies = string.IsNullOrWhiteSpace(context.Event.Text)
            ? [new SendCard("help", new JsonObject { ["lead"] = context.IsLead })]
            : [new SendText($"I don't know “{Display.Quote(context.Event.Text!)}”. Here is what I can do:"), new SendCard("help", new JsonObject { ["lead"] = context.IsLead })];
        return Task.FromResult(replies);
    }

    /// <summary>Mornings start at 07:00 local, when quiet hours end.</summary>
    public static DateTimeOffset? PauseEnd(string word, DateTimeOffset now, string timeZone)
    {
        var zone = TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out var found) ? found : TimeZoneInfo.Utc;
        var local = TimeZoneInfo.ConvertTime(now, zone);
        DateTimeOffset Morning(DateTime day) => new(day.Date.AddHours(7), zone.GetUtcOffset(day.Date.AddHours(7)));

        if (word.EndsWith('h') && int.TryParse(word[..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var hours) && hours is > 0 and <= 24 * 14)
        {
            return now.AddHours(hours);
        }
        if (word == "tomorrow")
        {
            return Morning(local.Date.AddDays(1));
        }
        if (Enum.TryParse<DayOfWeek>(word, ignoreCase: true, out var day) && !int.TryParse(word, out _))
        {
            var days = ((int)day - (int)local.DayOfWeek + 7) % 7;
            return Morning(local.Date.AddDays(days == 0 ? 7 : days));
        }
        return null;
    }
}
