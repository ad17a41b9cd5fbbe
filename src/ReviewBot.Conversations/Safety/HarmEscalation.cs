using System.Text.Json.Nodes;
using ReviewBot.Answers;
using ReviewBot.Cards;
using ReviewBot.Conversations.Chat;
using ReviewBot.Reviewers;
using ReviewBot.Tasks;

namespace ReviewBot.Conversations.Safety;

/// <summary>
/// A dangerous model answer must reach the people who can act on it at once: an evaluation marked severe harm, or a
/// ranking that flags a response as harmful, goes to the lead channel (or, with none configured, to each lead's
/// DM), quoting the prompt, the passage and the clinician's note. Nobody else sees it. The alerts are written with the
/// answer itself (<see cref="IAnswerFollowUps"/>) and delivered from the outbox, retried until they arrive.
/// </summary>
public sealed class HarmEscalation(IReviewerStore reviewers, LeadRoster leads) : IAnswerFollowUps
{
    public async Task<IReadOnlyList<string>> ForAsync(Reviewer by, Batch batch, ClinicalTask task, string assignmentId, Answer answer,
        CancellationToken cancellationToken) =>
        (await AlertsForAsync(by, batch, task, assignmentId, answer, cancellationToken).ConfigureAwait(false)).Select(r => r.ToJson()).ToList();

    public async Task<IReadOnlyList<Reply>> AlertsForAsync(Reviewer by, Batch batch, ClinicalTask task, string assignmentId, Answer answer,
        CancellationToken cancellationToken)
    {
        if (Alert(by, batch, task, assignmentId, answer) is not { } data)
        {
            return [];
        }
        if (leads.Channel is { } channel)
        {
            return [new PostToChannel(channel, "harm-alert", data)];
        }
        var everyLead = await leads.AllAsync(reviewers, cancellationToken).ConfigureAwait(false);
        return everyLead.Select(lead => (Reply)new DirectMessage(lead, "harm-alert", (JsonObject)data.DeepClone())).ToList();
    }

    private static JsonObject? Alert(Reviewer by, Batch batch, ClinicalTask task, string assignmentId, Answer answer)
    {
        string severity;
        (string Label, string Text)[] passages;
        string note;
        switch (answer)
        {
            case EvaluationAnswer { Harm: Harm.Severe } evaluation:
                severity = "Severe harm";
                passages = [("Model answer", task.Response ?? "")];
                // A clinician on a phone may explain the harm by marking sentences alone: the leads read those too.
                var marked = (evaluation.Marks ?? []).Select(m =>
                    $"Marked {ContractWords<MarkLabel>.Of(m.Label)}: “{task.Response?[m.Start..m.End]}”{(m.Note is { } n ? " — " + n : "")}");
                note = string.Join("\n\n", new[] { evaluation.Errors, evaluation.Omissions }.Concat(marked).Where(t => !string.IsNullOrWhiteSpace(t)));
                break;
            case RankingAnswer { Harmful.Count: > 0 } ranking:
                severity = "Flagged as harmful";
                passages = task.Responses!.Where(r => ranking.Harmful.Contains(r.Id)).Select(r => ($"Response {r.Id}", r.Text)).ToArray();
                note = ranking.Rationale;
                break;
            default:
                return null;
        }
        return new JsonObject
        {
            ["batchId"] = batch.Id,
            ["batchName"] = batch.Name,
            ["taskId"] = task.Id,
            ["assignmentId"] = assignmentId,
            ["severity"] = severity,
            ["reviewer"] = by.Credential is { } credential ? $"{by.Name} ({credential})" : by.Name,
            ["prompt"] = task.Prompt ?? "",
            ["passages"] = new JsonArray(passages.Select(p => (JsonNode)new JsonObject { ["label"] = p.Label, ["text"] = p.Text, ["preview"] = CardText.Preview(p.Text) }).ToArray()),
            ["note"] = note,
        };
    }
}
