using System.Text.Json;
using System.Text.Json.Nodes;
using ReviewBot.Answers;
using ReviewBot.Assignments;
using ReviewBot.Conversations.Chat;
using ReviewBot.Tasks;

namespace ReviewBot.Conversations.Work;

/// <summary>
/// The clinician's loop: ask for a task, answer it on the card, see it recorded with a Next button one tap away.
/// Invalid input comes back on the same card with the message at the field and nothing typed lost; a stale card
/// (lease lapsed, batch closed, answered elsewhere, older template) is explained, with a way on.
/// </summary>
public sealed class TaskLoop(TaskDispatcher dispatcher, AnswerRecorder recorder, WeekLedger week, TemplateVersions versions, ReminderPolicy reminders)
{
    private static readonly HashSet<string> CardFields = ["card", "action", "templateVersion", "batchId", "taskId", "assignmentId", "form"];

    public async Task<IReadOnlyList<Reply>> DeliverNext(ChatContext context, CancellationToken cancellationToken)
    {
        var next = await dispatcher.NextAsync(context.Reviewer!, context.Event.Action?.Value("batchId"), cancellationToken).ConfigureAwait(false);
        if (next is not { Assignment: { } assignment, Task: { } task, Batch: { } batch })
        {
            return [Say(context, next.Message)];
        }
        var card = TaskCards.NameFor(task.Kind);
        var data = TaskCards.Data(batch, task, assignment.Id);
        // Task cards are personal: pressed in a team channel, the task goes to the clicker's own messages.
        List<Reply> replies = context.Event.InTeamChannel
            ? [new DirectMessage(context.Event.UserKey, card, data), new Ephemeral("Your task is in your direct messages with me.")]
            : [new SendCard(card, data)];
        if (next.Status == NextTaskStatus.Delivered && reminders.FirstFor(context.Event.UserKey, batch, assignment, context.Reviewer!.TimeZone) is { } nudge)
        {
            replies.Add(nudge);
        }
        return replies;
    }

    public async Task<IReadOnlyList<Reply>> RecordAnswer(ChatContext context, CancellationToken cancellationToken)
    {
        var action = context.Action;
        if (Ids(action) is not var (assignmentId, taskId))
        {
            return [Stale("This card is missing its task details, so the answer was not recorded.")];
        }
        if (await recorder.FindTaskAsync(assignmentId, taskId, cancellationToken).ConfigureAwait(false) is not var (batch, task))
        {
            return [Stale("This task is no longer in ReviewBot, so the answer was not recorded.")];
        }
        var card = TaskCards.NameFor(task.Kind);
        if (versions.IsOutdated(card, action.Value("templateVersion")))
        {
            return [Stale("This card is from an older version of ReviewBot and cannot be recorded as it is. Ask for your task again to get the current card.")];
        }

        var outcome = await recorder.RecordAsync(context.Reviewer!, assignmentId, taskId, action.Data, cancellationToken).ConfigureAwait(false);
        if (outcome.Errors.Count > 0)
        {
            var data = TaskCards.Data(batch, task, assignmentId, outcome.Errors, TypedValues(action.Data));
            return [new ShowFieldErrors(card, data, ((JsonObject)data["errors"]!).ToDictionary(e => e.Key, e => (string)e.Value!))];
        }
        if (outcome.Answer is not { } answer)
        {
            return [Stale(outcome.RefusalMessage!)];
        }

        var soFar = await week.ForAsync(context.Reviewer!, cancellationToken).ConfigureAwait(false);
        var recorded = new JsonObject
        {
            ["batchId"] = batch.Id,
            ["batchName"] = batch.Name,
            ["taskId"] = task.Id,
            ["assignmentId"] = assignmentId,
            ["skipped"] = false,
            ["summary"] = $"{Summaries.Of(answer.Answer)} Thank you: {Display.Duration(answer.ActiveSeconds)} of active time.",
            ["earned"] = Display.Money(answer.Earned),
            ["weekEarned"] = soFar.Summary,
            ["nextAvailable"] = true,
        };
        if (SentenceCards.Recorded(answer.Answer, task.Response) is { } marks)
        {
            recorded["marks"] = marks;
        }
        // A harm alert is not a reply of this turn: the recorder put it in the outbox with the answer.
        return [new ReplaceCard("task-recorded", recorded)];
    }

    public async Task<IReadOnlyList<Reply>> Skip(ChatContext context, CancellationToken cancellationToken)
    {
        var action = context.Action;
        if (Ids(action) is not var (assignmentId, taskId)
            || await recorder.FindTaskAsync(assignmentId, taskId, cancellationToken).ConfigureAwait(false) is not var (batch, task))
        {
            return [Stale("This card is missing its task details, so nothing was skipped.")];
        }
        var outcome = await recorder.SkipAsync(context.Reviewer!, assignmentId, taskId, action.Data, cancellationToken).ConfigureAwait(false);
        if (outcome.Errors.Count > 0)
        {
            return [new SendText(string.Join(" ", outcome.Errors.Select(e => e.Message)))];
        }
        if (outcome.Skip is not { } skip)
        {
            return [Stale(outcome.Refusal switch
            {
                SkipStatus.AlreadyAnswered => "You already answered this task, so it cannot be skipped.",
                SkipStatus.Mismatch => "This card belongs to a different task or person, so nothing was skipped.",
                _ => "This task's time ran out and it went back to the pool, so there is nothing to skip.",
            })];
        }
        return
        [
            new ReplaceCard("task-recorded", new JsonObject
            {
                ["batchId"] = batch.Id,
                ["batchName"] = batch.Name,
                ["taskId"] = task.Id,
                ["assignmentId"] = assignmentId,
                ["skipped"] = true,
                ["summary"] = $"Skipped ({Summaries.Reason(skip.Reason)}). It goes to another clinician; you will not see it again.",
                ["nextAvailable"] = true,
            }),
        ];
    }

    /// <summary>A rubric card's Add button: the criterion being written joins the list, or comes back with what is
    /// wrong and every word typed kept. Nothing is recorded until Submit.</summary>
    public async Task<IReadOnlyList<Reply>> AddCriterion(ChatContext context, CancellationToken cancellationToken)
    {
        var action = context.Action;
        if (await TaskOfAsync(action, cancellationToken).ConfigureAwait(false) is not var (assignmentId, batch, task))
        {
            return [Stale("This card is missing its task details.")];
        }
        var added = RubricRules.Add(action.Data);
        if (!added.IsValid)
        {
            var data = TaskCards.Data(batch, task, assignmentId, added.Errors, TypedValues(action.Data));
            return [new ShowFieldErrors("task-rubric", data, ((JsonObject)data["errors"]!).ToDictionary(e => e.Key, e => (string)e.Value!))];
        }
        var card = TaskCards.Data(batch, task, assignmentId);
        RubricCards.SetDraft(card, added.Value.Criteria);
        return [new ReplaceCard("task-rubric", card)];
    }

    /// <summary>A rubric card's Remove button beside a criterion: the list without it, the inputs as they were.</summary>
    public async Task<IReadOnlyList<Reply>> RemoveCriterion(ChatContext context, CancellationToken cancellationToken)
    {
        var action = context.Action;
        if (await TaskOfAsync(action, cancellationToken).ConfigureAwait(false) is not var (assignmentId, batch, task))
        {
            return [Stale("This card is missing its task details.")];
        }
        var card = TaskCards.Data(batch, task, assignmentId, values: TypedValues(action.Data));
        RubricCards.SetDraft(card, RubricCards.Without(RubricRules.Draft(action.Data), action.Value("index")));
        return [new ReplaceCard("task-rubric", card)];
    }

    /// <summary>Slack's task message opens its form in a modal, preselecting a ranking chosen with a quick button.</summary>
    public async Task<IReadOnlyList<Reply>> OpenForm(ChatContext context, CancellationToken cancellationToken)
    {
        var action = context.Action;
        if (await TaskOfAsync(action, cancellationToken).ConfigureAwait(false) is not var (assignmentId, batch, task))
        {
            return [Stale("This card is missing its task details.")];
        }
        var values = action.Value("ranking") is { } ranking ? new JsonObject { ["ranking"] = ranking } : null;
        var form = action.Value("form") ?? TaskCards.NameFor(task.Kind) + "-form";
        return [new OpenForm(form, TaskCards.Data(batch, task, assignmentId, values: values))];
    }

    private async Task<(string AssignmentId, Batch Batch, ClinicalTask Task)?> TaskOfAsync(CardAction action, CancellationToken cancellationToken) =>
        Ids(action) is var (assignmentId, taskId) && await recorder.FindTaskAsync(assignmentId, taskId, cancellationToken).ConfigureAwait(false) is var (batch, task)
            ? (assignmentId, batch, task)
            : null;

    private static (string AssignmentId, string TaskId)? Ids(CardAction action) =>
        action.Value("assignmentId") is { } assignmentId && action.Value("taskId") is { } taskId ? (assignmentId, taskId) : null;

    /// <summary>What the clinician typed, to put back in the inputs when the card comes back with errors.</summary>
    private static JsonObject TypedValues(JsonElement data)
    {
        var values = new JsonObject();
        foreach (var field in data.EnumerateObject().Where(f => !CardFields.Contains(f.Name)))
        {
            values[field.Name] = field.Name == "age" && int.TryParse(field.Value.ToString(), out var age)
                ? age
                : field.Value.ValueKind == JsonValueKind.String ? field.Value.GetString() : field.Value.ToString();
        }
        return values;
    }

    private static Reply Stale(string message) =>
        new SendCard("error", new JsonObject { ["title"] = "Not recorded", ["message"] = message, ["showNext"] = true });

    private static Reply Say(ChatContext context, string text) =>
        context.Event.InTeamChannel ? new Ephemeral(text) : new SendText(text);
}
