using Quartz;
using ReviewBot.Conversations.Chat;
using ReviewBot.Conversations.People;
using ReviewBot.Host.Chat;
using ReviewBot.Pay;
using ReviewBot.Reviewers;
using ReviewBot.Storage;
using StackExchange.Redis;

namespace ReviewBot.Host.Scheduling;

/// <summary>
/// On the first day of each pay week, from 09:00 in each person's own time zone, their statement for the week before
/// comes to their direct messages, once (claimed in Redis per person and week, so one instance sends it, and a service
/// that was down at nine sends it when it is back that day). Nobody gets a statement of a week without work.
/// </summary>
[DisallowConcurrentExecution]
public sealed class WeeklyStatementsJob(IReviewerStore reviewers, Statements statements, WorkRules rules, Outbox outbox, OutboxSweeper sweeper,
    IConnectionMultiplexer redis, TimeProvider clock, ILogger<WeeklyStatementsJob> logger) : IJob
{
    private static readonly TimeSpan SentAfter = TimeSpan.FromHours(9);

    /// <summary>No time zone is further than this from UTC (Kiribati's +14, Baker Island's −12).</summary>
    private static readonly TimeSpan WidestOffset = TimeSpan.FromHours(14);

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        // The job runs every sweep, and reading the roster decodes every person on it; most of the week no zone on
        // earth is in its sending window, and then nobody is due.
        if (!AnyZoneSendingAt(now, rules.WeekStartsOn))
        {
            return;
        }
        var db = redis.GetDatabase();
        var sent = 0;
        foreach (var person in (await reviewers.ListAsync(cancellationToken)).GroupBy(r => r.Person))
        {
            var reviewer = person.FirstOrDefault(r => r.Key == person.Key) ?? person.First();
            var thisWeek = PayWeek.StartOf(now, reviewer.TimeZone, rules.WeekStartsOn);
            if (now < thisWeek + SentAfter || now >= thisWeek.AddDays(1))
            {
                continue;
            }
            var lastWeek = PayWeek.StartOf(thisWeek.AddDays(-1), reviewer.TimeZone, rules.WeekStartsOn);
            var week = lastWeek.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            if (!await db.StringSetAsync(RedisKeys.StatementSent(person.Key, week), now.ToUnixTimeMilliseconds(), TimeSpan.FromDays(14), When.NotExists))
            {
                continue;
            }
            var statement = await statements.ForAsync(reviewer, lastWeek, cancellationToken);
            if (statement.Tasks == 0)
            {
                continue;
            }
            await outbox.SendAsync([new DirectMessage(reviewer.Key, "statement", statements.CardData(reviewer, statement, soFar: false))],
                $"statement:{person.Key}:{week}", cancellationToken);
            sent++;
        }
        if (sent > 0)
        {
            logger.LogInformation("Weekly statements sent to {Count} people.", sent);
            sweeper.Kick();
        }
    }

    /// <summary>Whether some zone is between 09:00 and midnight of the week's first day: in a zone at offset o, that
    /// window is that day's [09:00, 24:00) UTC moved back by o, so all zones together span the day's 09:00 − 14 h to
    /// 24:00 + 14 h, in UTC.</summary>
    private static bool AnyZoneSendingAt(DateTimeOffset now, DayOfWeek weekStartsOn)
    {
        for (var days = -2; days <= 1; days++)
        {
            var day = new DateTimeOffset(now.UtcDateTime.Date.AddDays(days), TimeSpan.Zero);
            if (day.DayOfWeek == weekStartsOn && now >= day + SentAfter - WidestOffset && now < day.AddDays(1) + WidestOffset)
            {
                return true;
            }
        }
        return false;
    }
}
