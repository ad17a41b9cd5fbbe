using System.Text.Json.Nodes;
using ReviewBot.Assignments;
using ReviewBot.Conversations.Chat;
using ReviewBot.Pay;
using ReviewBot.Reviewers;
using ReviewBot.Tasks;

namespace ReviewBot.Conversations.People;

/// <summary>Weekly pay statements: <c>statement [last|this]</c> on demand, and the card sent each week when the pay
/// week turns (the host's job decides when; this says what).</summary>
public sealed class Statements(IBatchStore batches, IAssignmentStore assignments, PayRates pay, WorkRules rules, TimeProvider clock)
{
    public async Task<IReadOnlyList<Reply>> Show(ChatContext context, CancellationToken cancellationToken)
    {
        var word = context.Arguments.FirstOrDefault()?.ToLowerInvariant() ?? "last";
        if (word is not ("last" or "this"))
        {
            return [new SendText("Say statement last (the week before this one) or statement this (this week so far).")];
        }
        var reviewer = context.Reviewer!;
        var thisWeek = PayWeek.StartOf(clock.GetUtcNow(), reviewer.TimeZone, rules.WeekStartsOn);
        var from = word == "this" ? thisWeek : PayWeek.StartOf(thisWeek.AddDays(-1), reviewer.TimeZone, rules.WeekStartsOn);
        var statement = await ForAsync(reviewer, from, cancellationToken).ConfigureAwait(false);
        return [new SendCard("statement", CardData(reviewer, statement, soFar: word == "this"))];
    }

    /// <summary>The week that starts at <paramref name="from"/> (the start of a pay week in the reviewer's zone).</summary>
    public async Task<Statement> ForAsync(Reviewer reviewer, DateTimeOffset from, CancellationToken cancellationToken)
    {
        var to = PayWeek.StartOf(from.AddDays(7).AddHours(12), reviewer.TimeZone, rules.WeekStartsOn);
        var all = await batches.ListAsync(cancellationToken).ConfigureAwait(false);
        var settings = new Dictionary<string, Batch>();
        foreach (var summary in all)
        {
            if (await batches.GetAsync(summary.Id, cancellationToken).ConfigureAwait(false) is { } batch)
            {
                settings[batch.Id] = batch;
            }
        }
        var answers = await assignments.AnswersSinceAsync(reviewer, settings.Keys, from, cancellationToken).ConfigureAwait(false);
        return Statement.Of(from, to, answers, settings);
    }

    public JsonObject CardData(Reviewer reviewer, Statement statement, bool soFar) => new()
    {
        ["title"] = soFar ? "This week so far" : "Your weekly statement",
        ["period"] = $"{Display.Day(statement.From, reviewer.TimeZone)} – {Display.Day(statement.To.AddSeconds(-1), reviewer.TimeZone)}",
        ["total"] = $"{Tasks(statement.Tasks)}, {Display.Duration(statement.ActiveSeconds)} of active time, {Display.Money(statement.Earned)}",
        ["lines"] = new JsonArray(statement.Lines.Select(line => (JsonNode)new JsonObject
        {
            ["batchName"] = line.BatchName,
            ["tasks"] = Tasks(line.Tasks) + " (" + string.Join(", ", line.ByKind.Where(k => k.Value > 0).Select(k => $"{k.Value} {Display.KindNoun(k.Key)}")) + ")",
            ["time"] = Display.Duration(line.ActiveSeconds),
            ["earned"] = Display.Money(line.Earned) + (line.PerTask is { } price
                ? $" at {Display.Money(price)} per task"
                : reviewer.Credential is { } credential ? $" at {Display.Money(pay.HourlyFor(credential))} per hour" : ""),
        }).ToArray()),
    };

    private static string Tasks(int count) => count == 1 ? "1 task" : $"{count} tasks";
}
