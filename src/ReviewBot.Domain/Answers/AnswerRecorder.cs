using System.Collections.Concurrent;
using System.Text.Json;
using ReviewBot.Assignments;
using ReviewBot.Pay;
using ReviewBot.Reviewers;
using ReviewBot.Tasks;

namespace ReviewBot.Answers;

/// <summary>Takes a clinician's submission: validates it against the task, then records it once (DESIGN §4), together
/// with what the answer sets off (<see cref="IAnswerFollowUps"/>), whichever way it arrived: a chat card or the work API.</summary>
public sealed class AnswerRecorder(IBatchStore batches, IAssignmentStore assignments, PayRates pay, IAnswerFollowUps followUps, TimeProvider clock)
{
    // Tasks and batch settings never change once imported (a change is refused), so they are read once per process:
    // recording an answer then costs a single round trip to the store.
    private readonly ConcurrentDictionary<(string BatchId, string TaskId), (Batch Batch, ClinicalTask Task)> _tasks = new();

    /// <param name="templateVersion">The version of the card the answer came on, kept with it; null from the work API.</param>
    public async Task<RecordingOutcome> RecordAsync(Reviewer reviewer, string assignmentId, string taskId, JsonElement fields,
        CancellationToken cancellationToken = default, int? templateVersion = null)
    {
        if (await FindTaskAsync(assignmentId, taskId, cancellationToken).ConfigureAwait(false) is not var (batch, task))
        {
            return RecordingOutcome.Refused(RecordStatus.NoSuchAssignment);
        }
        var validated = AnswerValidator.Validate(task, fields);
        if (!validated.IsValid)
        {
            return RecordingOutcome.Invalid(validated.Errors);
        }
        var submission = new AnswerSubmission
        {
            AssignmentId = assignmentId,
            TaskId = taskId,
            Reviewer = reviewer,
            Kind = task.Kind,
            Answer = validated.Value,
            ActiveSecondsCap = ActiveTime.CapMinutes(batch, task.Kind) * 60,
            PerTask = batch.Pay?.PerTask,
            HourlyRate = reviewer.Credential is { } credential ? pay.HourlyFor(credential) : 0m,
            TemplateVersion = templateVersion,
            FollowUps = await followUps.ForAsync(reviewer, batch, task, assignmentId, validated.Value, cancellationToken).ConfigureAwait(false),
        };
        var result = await assignments.RecordAsync(submission, clock.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        return result.Answer is { } answer
            ? RecordingOutcome.Recorded(answer, firstTime: result.Status == RecordStatus.Recorded, task)
            : RecordingOutcome.Refused(result.Status);
    }

    public async Task<SkipOutcome> SkipAsync(Reviewer reviewer, string assignmentId, string taskId, JsonElement fields,
        CancellationToken cancellationToken = default)
    {
        var validated = SkipValidator.Validate(fields);
        if (!validated.IsValid)
        {
            return new SkipOutcome(null, validated.Errors, null);
        }
        var (reason, note) = validated.Value;
        var result = await assignments.SkipAsync(new SkipSubmission(assignmentId, taskId, reviewer, reason, note), clock.GetUtcNow(),
            cancellationToken).ConfigureAwait(false);
        return new SkipOutcome(result.Skip, [], result.Skip is null ? result.Status : null);
    }

    public async Task<(Batch Batch, ClinicalTask Task)?> FindTaskAsync(string assignmentId, string taskId, CancellationToken cancellationToken = default)
    {
        if (!Assignment.TryBatchOf(assignmentId, out var batchId))
        {
            return null;
        }
        if (_tasks.TryGetValue((batchId, taskId), out var cached))
        {
            return cached;
        }
        var batch = await batches.GetAsync(batchId, cancellationToken).ConfigureAwait(false);
        var task = batch is null ? null : await batches.GetTaskAsync(batchId, taskId, cancellationToken).ConfigureAwait(false);
        if (batch is null || task is null)
        {
            return null;
        }
        return _tasks[(batchId, taskId)] = (batch, task);
    }
}

/// <summary>The result of a submission: recorded (now or before), invalid with field errors, or refused with why.</summary>
public sealed record RecordingOutcome(RecordedAnswer? Answer, bool FirstTime, ClinicalTask? Task, IReadOnlyList<FieldError> Errors, RecordStatus? Refusal)
{
    public static RecordingOutcome Recorded(RecordedAnswer answer, bool firstTime, ClinicalTask task) => new(answer, firstTime, task, [], null);
    public static RecordingOutcome Invalid(IReadOnlyList<FieldError> errors) => new(null, false, null, errors, null);
    public static RecordingOutcome Refused(RecordStatus status) => new(null, false, null, [], status);

    /// <summary>What to tell the clinician when the answer could not be recorded.</summary>
    public string? RefusalMessage => Refusal switch
    {
        RecordStatus.LeaseLapsed => "This task's time ran out and it went back to the pool, so this answer was not recorded. Your text is still on the card if you want to copy it; ask for the next task to carry on.",
        RecordStatus.AlreadySkipped => "You skipped this task earlier, so this answer was not recorded.",
        RecordStatus.Mismatch => "This card belongs to a different task or person, so the answer was not recorded.",
        RecordStatus.NoSuchAssignment => "This card is no longer valid (the task or batch is gone), so the answer was not recorded.",
        _ => null,
    };
}

public sealed record SkipOutcome(RecordedSkip? Skip, IReadOnlyList<FieldError> Errors, SkipStatus? Refusal);
