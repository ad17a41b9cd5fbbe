using System.Text.Json.Nodes;
using ReviewBot.Answers;
using ReviewBot.Conversations.Chat;
using ReviewBot.Quality;
using ReviewBot.Reviewers;
using ReviewBot.Tasks;

namespace ReviewBot.Conversations.Leads;

/// <summary>What tells a lead whether the labels can be trusted: agreement per question, each reviewer's quality,
/// screening results, and the adjudication of tasks still split at the batch's max overlap (<c>adjudicate</c>,
/// <c>quality</c>, <c>screening</c>).</summary>
public sealed class QualityDesk(IBatchStore batches, IReviewerStore reviewers, IAdjudications adjudications, IScreenings screenings, LeadDesk desk,
    TimeProvider clock)
{
    public const int MinReason = 5;
    public const int MaxReason = 2000;

    /// <summary>Agreement per question, or null when there is no such batch.</summary>
    public async Task<IReadOnlyList<QuestionAgreement>?> AgreementAsync(string batchId, CancellationToken cancellationToken)
    {
        if (await batches.GetAsync(batchId, cancellationToken).ConfigureAwait(false) is null)
        {
            return null;
        }
        return BatchAgreement.Of(await AnswersAsync(batchId, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>One person's quality across every batch, from whichever of their keys they answered.</summary>
    public async Task<ReviewerQuality> ReviewerAsync(Reviewer reviewer, CancellationToken cancellationToken)
    {
        var keys = (await reviewers.ListAsync(cancellationToken).ConfigureAwait(false))
            .Where(r => r.Person == reviewer.Person).Select(r => r.Key).Append(reviewer.Key).ToHashSet();
        var answers = new List<RecordedAnswer>();
        var tasks = new Dictionary<(string, string), ClinicalTask>();
        var finals = new Dictionary<(string, string), string>();
        var skips = 0;
        foreach (var batch in await batches.ListAsync(cancellationToken).ConfigureAwait(false))
        {
            var mine = (await AnswersAsync(batch.Id, cancellationToken).ConfigureAwait(false)).Where(a => keys.Contains(a.ReviewerKey)).ToList();
            await foreach (var skip in batches.ReadSkipsAsync(batch.Id, cancellationToken).ConfigureAwait(false))
            {
                skips += keys.Contains(skip.ReviewerKey) ? 1 : 0;
            }
            if (mine.Count == 0)
            {
                continue;
            }
            answers.AddRange(mine);
            foreach (var task in await batches.GetTasksAsync(batch.Id, cancellationToken).ConfigureAwait(false))
            {
                tasks[(batch.Id, task.Id)] = task;
            }
            foreach (var (taskId, label) in await adjudications.FinalLabelsAsync(batch.Id, cancellationToken).ConfigureAwait(false))
            {
                finals[(batch.Id, taskId)] = label.Opinion;
            }
        }
        return ReviewerQuality.Of(answers, skips, tasks, finals);
    }

    /// <summary><c>quality &lt;user&gt;</c>: one reviewer's gold accuracy, agreement with final labels, median time and skips.</summary>
    public async Task<IReadOnlyList<Reply>> ShowReviewer(ChatContext context, CancellationToken cancellationToken)
    {
        if (context.Arguments.Count == 0)
        {
            return [new SendText("Whose quality? Say quality <user key>, such as quality slack:U0123ABCD.")];
        }
        if (await reviewers.GetAsync(context.Arguments[0], cancellationToken).ConfigureAwait(false) is not { } reviewer)
        {
            return [new SendText($"There is nobody “{Display.Quote(context.Arguments[0])}” on the roster. The key looks like slack:U0123ABCD or web:amara.")];
        }
        var q = await ReviewerAsync(reviewer, cancellationToken).ConfigureAwait(false);
        return
        [
            new SendText(string.Join("\n",
                $"{reviewer.Name} ({reviewer.Key}): {q.Answers} {(q.Answers == 1 ? "answer" : "answers")}, {q.Skips} skipped.",
                $"Gold accuracy: {Share(q.GoldAccuracy, q.GoldAnswers, "gold answer")}.",
                $"Agreement with final labels: {Share(q.AgreementWithFinal, q.AdjudicatedAnswers, "adjudicated item")}.",
                $"Median time: {(q.MedianSeconds is { } median ? Display.Duration((int)median) : "—")}.")),
        ];
    }

    /// <summary><c>screening [batch]</c>: who passed or failed the screening, with their score and when they may retry.</summary>
    public async Task<IReadOnlyList<Reply>> ShowScreening(ChatContext context, CancellationToken cancellationToken)
    {
        var named = context.Arguments.FirstOrDefault()
            ?? (await batches.ListAsync(cancellationToken).ConfigureAwait(false)).FirstOrDefault(b => b.Screening is not null && !b.Closed)?.Id;
        if (named is null || await batches.GetAsync(named, cancellationToken).ConfigureAwait(false) is not { Screening: { } screening } batch)
        {
            return [new SendText(named is null ? "There is no open screening batch. Mark one with \"screening\": {\"passScore\": 0.8, \"retryAfterDays\": 14}."
                : $"“{Display.Quote(named)}” is not a screening batch. Say screening <batch id>.")];
        }
        var results = await screenings.ResultsAsync(batch.Id, cancellationToken).ConfigureAwait(false);
        if (results.Count == 0)
        {
            return [new SendText($"Nobody has finished the screening {batch.Id} yet (pass at {Math.Round(100 * screening.PassScore)}%).")];
        }
        var zone = context.Reviewer?.TimeZone;
        return
        [
            new SendText($"Screening {batch.Id} (pass at {Math.Round(100 * screening.PassScore)}%):\n" + string.Join("\n", results.Select(r =>
                $"• {r.ReviewerKey}: {(r.Passed ? "passed" : "failed")}, {(r.Score is { } score ? $"{Math.Round(100 * score)}%" : "no gold")} on {r.GoldAnswers} gold, " +
                $"{Display.When(r.At, zone)}" + (r.RetryFrom is { } retry ? $"; may retry from {Display.Day(retry, zone)}" : "")))),
        ];
    }

    private static string Share(double? share, int of, string noun) =>
        share is { } value ? $"{Math.Round(100 * value)}% on {of} {noun}{(of == 1 ? "" : "s")}" : $"no {noun}s yet";

    /// <summary><c>adjudicate [batch]</c>: the next task still split at max, with every answer side by side; reviewers
    /// are shown by credential and specialty only, so the decision is about what was said, not who said it.</summary>
    public async Task<IReadOnlyList<Reply>> Adjudicate(ChatContext context, CancellationToken cancellationToken)
    {
        var (batch, problem) = await desk.BatchForAsync(context, context.Arguments.FirstOrDefault(), "adjudicate <batch id>", cancellationToken)
            .ConfigureAwait(false);
        if (batch is null)
        {
            return [problem!];
        }
        var waiting = await adjudications.WaitingAsync(batch.Id, cancellationToken).ConfigureAwait(false);
        if (waiting.Count == 0)
        {
            return [new SendText($"Nothing in {batch.Id} waits for a decision: every task its reviewers answered agrees, or has not reached its last opinion yet.")];
        }
        var task = (await batches.GetTaskAsync(batch.Id, waiting[0], cancellationToken).ConfigureAwait(false))!;
        var data = await CardDataAsync(batch, task, waiting.Count - 1, cancellationToken).ConfigureAwait(false);
        return [context.Event.Action is { Card: "adjudicate" } ? new ReplaceCard("adjudicate", data) : new SendCard("adjudicate", data)];
    }

    /// <summary>Slack gives the decision and its reason in a modal; elsewhere the card holds them itself.</summary>
    public async Task<IReadOnlyList<Reply>> OpenForm(ChatContext context, CancellationToken cancellationToken)
    {
        if (await SplitTaskAsync(context, cancellationToken).ConfigureAwait(false) is not var (batch, task))
        {
            return [new SendText("This task is no longer waiting for a decision.")];
        }
        return [new OpenForm("adjudicate-form", await CardDataAsync(batch, task, 0, cancellationToken).ConfigureAwait(false))];
    }

    /// <summary>The lead's decision and reason become the task's final label, once; a second lead is told who was first.</summary>
    public async Task<IReadOnlyList<Reply>> Decide(ChatContext context, CancellationToken cancellationToken)
    {
        var action = context.Action;
        if (await SplitTaskAsync(context, cancellationToken).ConfigureAwait(false) is not var (batch, task))
        {
            return [new SendText("This task is no longer waiting for a decision: another lead may have decided it. Say adjudicate for the next one.")];
        }
        var choices = ItemLabels.Choices(task);
        var decision = action.Value("decision");
        var reason = action.Value("reason")?.Trim() ?? "";
        var errors = new Dictionary<string, string>();
        if (choices.All(c => c.Opinion != decision))
        {
            errors["decision"] = "Choose the final label.";
        }
        if (reason.Length < MinReason || reason.Length > MaxReason)
        {
            errors["reason"] = $"Say why, in {MinReason} to {MaxReason:N0} characters: the reason goes into the dataset with the label.";
        }
        if (errors.Count > 0)
        {
            var data = await CardDataAsync(batch, task, 0, cancellationToken).ConfigureAwait(false);
            data["errors"] = new JsonObject(errors.Select(e => KeyValuePair.Create(e.Key, (JsonNode?)e.Value)));
            data["values"] = new JsonObject { ["decision"] = decision ?? "", ["reason"] = reason };
            return [new ShowFieldErrors("adjudicate", data, errors)];
        }
        var label = new FinalLabel(task.Id, decision!, ItemLabels.Describe(decision!), reason, context.Event.UserKey, clock.GetUtcNow());
        if (!await adjudications.DecideAsync(batch.Id, label, cancellationToken).ConfigureAwait(false))
        {
            return [new SendText("This task is no longer waiting for a decision: another lead decided it first. Say adjudicate for the next one.")];
        }
        var left = (await adjudications.WaitingAsync(batch.Id, cancellationToken).ConfigureAwait(false)).Count;
        return
        [
            new SendText($"Recorded for {task.Id}: {label.Label} (“{Display.Quote(reason)}”). " +
                (left == 0 ? $"Nothing else in {batch.Id} waits for a decision." : $"{left} more waiting: say adjudicate {batch.Id} for the next.")),
        ];
    }

    private async Task<(Batch Batch, ClinicalTask Task)?> SplitTaskAsync(ChatContext context, CancellationToken cancellationToken)
    {
        var action = context.Action;
        if (action.Value("batchId") is not { } batchId || action.Value("taskId") is not { } taskId
            || await batches.GetAsync(batchId, cancellationToken).ConfigureAwait(false) is not { } batch
            || !(await adjudications.WaitingAsync(batchId, cancellationToken).ConfigureAwait(false)).Contains(taskId)
            || await batches.GetTaskAsync(batchId, taskId, cancellationToken).ConfigureAwait(false) is not { } task)
        {
            return null;
        }
        return (batch, task);
    }

    private async Task<JsonObject> CardDataAsync(Batch batch, ClinicalTask task, int othersWaiting, CancellationToken cancellationToken)
    {
        var roster = (await reviewers.ListAsync(cancellationToken).ConfigureAwait(false)).ToDictionary(r => r.Key);
        var answers = (await AnswersAsync(batch.Id, cancellationToken).ConfigureAwait(false))
            .Where(a => a.TaskId == task.Id).OrderBy(a => a.SubmittedAt).ToList();
        var data = new JsonObject
        {
            ["batchId"] = batch.Id,
            ["batchName"] = batch.Name,
            ["taskId"] = task.Id,
            ["kind"] = Display.KindNoun(task.Kind),
            ["prompt"] = task.Prompt ?? "",
            // Two answers to a row: side by side, and still readable at phone width.
            ["answerRows"] = new JsonArray(answers.Select((a, i) => (JsonNode)new JsonObject
                {
                    ["reviewer"] = $"Reviewer {i + 1}: {Credentials(roster.GetValueOrDefault(a.ReviewerKey), a)}",
                    ["opinion"] = OpinionText(a.Answer),
                    ["detail"] = Detail(a.Answer),
                })
                .Chunk(2).Select(row => (JsonNode)new JsonObject { ["answers"] = new JsonArray(row) }).ToArray()),
            ["choices"] = new JsonArray(ItemLabels.Choices(task).Select(c => (JsonNode)new JsonObject { ["title"] = c.Label, ["value"] = c.Opinion }).ToArray()),
            ["waiting"] = othersWaiting == 0 ? "The last task waiting in this batch." : $"{othersWaiting} more waiting after this one.",
        };
        if (task.Response is { } response)
        {
            data["response"] = response;
        }
        // Always a list, empty for an evaluation: a Block Kit block repeated over a missing list would show its template.
        data["responses"] = new JsonArray((task.Responses ?? []).Select(r => (JsonNode)new JsonObject { ["id"] = r.Id, ["text"] = r.Text }).ToArray());
        return data;
    }

    /// <summary>"MD · Cardiology": what qualifies the reviewer, never who they are.</summary>
    private static string Credentials(Reviewer? reviewer, RecordedAnswer answer)
    {
        var credential = (reviewer?.Credential ?? answer.Credential)?.ToString() ?? "credential unknown";
        return reviewer?.Specialties is { Count: > 0 } specialties
            ? $"{credential} · {string.Join(", ", specialties.Select(Specialty.Title))}"
            : credential;
    }

    private static string OpinionText(Answer answer) => answer switch
    {
        RankingAnswer r => $"Ranked {RankingNotation.Format(r).Replace(">", " > ").Replace("=", " = ")}" +
            (r.Harmful.Count > 0 ? $"; flagged {string.Join(", ", r.Harmful)} as harmful" : ""),
        EvaluationAnswer e => $"Harm: {ContractWords<Harm>.Of(e.Harm)} · accuracy {e.Accuracy}, completeness {e.Completeness}, appropriateness {e.Appropriateness}",
        _ => "",
    };

    private static string Detail(Answer answer) => answer switch
    {
        RankingAnswer r => r.Rationale,
        EvaluationAnswer e => string.Join(" ", new[] { e.Errors, e.Omissions }.Where(t => !string.IsNullOrWhiteSpace(t))) is { Length: > 0 } notes ? notes : "No notes.",
        _ => "",
    };

    private async Task<List<RecordedAnswer>> AnswersAsync(string batchId, CancellationToken cancellationToken)
    {
        var answers = new List<RecordedAnswer>();
        await foreach (var answer in batches.ReadAnswersAsync(batchId, cancellationToken).ConfigureAwait(false))
        {
            answers.Add(answer);
        }
        return answers;
    }
}
