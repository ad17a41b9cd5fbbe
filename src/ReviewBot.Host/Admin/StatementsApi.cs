using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using ReviewBot.Conversations.People;
using ReviewBot.Pay;
using ReviewBot.Reviewers;
using ReviewBot.Tasks;

namespace ReviewBot.Host.Admin;

/// <summary><c>GET /api/statements?week=YYYY-Www</c>: the pay week as CSV for payroll, one row per person and batch.
/// Each person's week is their own pay week (Pay:WeekStartsOn, midnight in their time zone) that holds the ISO
/// week's Monday noon, so a statement and this file always agree.</summary>
public static class StatementsApi
{
    public static IEndpointRouteBuilder MapStatementsApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/statements").AddEndpointFilter<AdminAccess>().MapGet("/", Week);
        return app;
    }

    private static readonly string[] Header =
    [
        "week", "reviewer", "name", "credential", "batchId", "batchName", "tasks", "evaluate", "rank", "respond", "vignette",
        "activeSeconds", "earnedUsd", "perTaskUsd", "weekStart", "weekEnd",
    ];

    private static async Task<IResult> Week(string? week, IReviewerStore reviewers, Statements statements, WorkRules rules, HttpResponse response,
        CancellationToken cancellationToken)
    {
        if (!TryMonday(week, out var monday))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Which week?",
                detail: $"Give the ISO week as week=YYYY-Www, e.g. week=2026-W49; '{week}' is not one.",
                extensions: new Dictionary<string, object?> { ["field"] = "week" });
        }
        response.ContentType = "text/csv; charset=utf-8";
        response.Headers.ContentDisposition = $"attachment; filename=\"statements-{week}.csv\"";
        await using var writer = new StreamWriter(response.Body, leaveOpen: true);
        // Names come from the roster, typed by people: a leading "=" must not run as a spreadsheet formula.
        await using var csv = new CsvWriter(writer, new CsvConfiguration(CultureInfo.InvariantCulture) { InjectionOptions = InjectionOptions.Escape });
        foreach (var column in Header)
        {
            csv.WriteField(column);
        }
        await csv.NextRecordAsync();
        foreach (var person in (await reviewers.ListAsync(cancellationToken)).GroupBy(r => r.Person).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var reviewer = person.FirstOrDefault(r => r.Key == person.Key) ?? person.First();
            var from = PayWeek.StartOf(new DateTimeOffset(monday.AddHours(12), TimeSpan.Zero), reviewer.TimeZone, rules.WeekStartsOn);
            var statement = await statements.ForAsync(reviewer, from, cancellationToken);
            foreach (var line in statement.Lines)
            {
                csv.WriteField(week);
                csv.WriteField(person.Key);
                csv.WriteField(reviewer.Name);
                csv.WriteField(reviewer.Credential?.ToString() ?? "");
                csv.WriteField(line.BatchId);
                csv.WriteField(line.BatchName);
                csv.WriteField(line.Tasks);
                foreach (var kind in new[] { TaskKind.Evaluate, TaskKind.Rank, TaskKind.Respond, TaskKind.Vignette })
                {
                    csv.WriteField(line.ByKind.GetValueOrDefault(kind));
                }
                csv.WriteField(line.ActiveSeconds);
                csv.WriteField(line.Earned.ToString("0.00", CultureInfo.InvariantCulture));
                csv.WriteField(line.PerTask?.ToString("0.00", CultureInfo.InvariantCulture) ?? "");
                csv.WriteField(statement.From.ToString("O", CultureInfo.InvariantCulture));
                csv.WriteField(statement.To.ToString("O", CultureInfo.InvariantCulture));
                await csv.NextRecordAsync();
            }
        }
        return TypedResults.Empty;
    }

    private static bool TryMonday(string? week, out DateTime monday)
    {
        monday = default;
        if (week is not { Length: 8 } || week[4] != '-' || week[5] != 'W'
            || !int.TryParse(week[..4], NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            || !int.TryParse(week[6..], NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            || year is < 2000 or > 2100 || number < 1 || number > ISOWeek.GetWeeksInYear(year))
        {
            return false;
        }
        monday = ISOWeek.ToDateTime(year, number, DayOfWeek.Monday);
        return true;
    }
}
