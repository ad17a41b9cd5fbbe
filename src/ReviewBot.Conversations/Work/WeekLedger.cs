using ReviewBot.Answers;
using ReviewBot.Assignments;
using ReviewBot.Pay;
using ReviewBot.Reviewers;
using ReviewBot.Tasks;

namespace ReviewBot.Conversations.Work;

/// <summary>A person's pay week so far, on all their keys: answers, active time and earnings since the week began in
/// their zone.</summary>
public sealed class WeekLedger(IBatchStore batches, IAssignmentStore assignments, WorkRules rules, TimeProvider clock)
{
    public async Task<WeekSoFar> ForAsync(Reviewer reviewer, CancellationToken cancellationToken)
    {
        var start = PayWeek.StartOf(clock.GetUtcNow(), reviewer.TimeZone, rules.WeekStartsOn);
        var batchIds = (await batches.ListAsync(cancellationToken).ConfigureAwait(false)).Select(b => b.Id).ToList();
        var answers = await assignments.AnswersSinceAsync(reviewer, batchIds, start, cancellationToken).ConfigureAwait(false);
        return new WeekSoFar(answers, answers.Sum(a => a.ActiveSeconds), answers.Sum(a => a.Earned), batchIds);
    }
}

public sealed record WeekSoFar(IReadOnlyList<RecordedAnswer> Answers, int ActiveSeconds, decimal Earned, IReadOnlyList<string> BatchIds)
{
    public string Summary => $"{Chat.Display.Money(Earned)} this week · {Chat.Display.Duration(ActiveSeconds)}";
}
