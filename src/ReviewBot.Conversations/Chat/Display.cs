using System.Globalization;

namespace ReviewBot.Conversations.Chat;

/// <summary>Numbers and times the way a card shows them: "$4.00", "2 h 35 min", "Mon 1 Dec, 11:00 CST".</summary>
public static class Display
{
    private static readonly CultureInfo Culture = CultureInfo.GetCultureInfo("en-US");

    public static string Money(decimal amount) => amount.ToString("$#,##0.00", Culture);

    /// <summary>"$45.00–$90.00": the lowest to the highest hourly rate over all credentials.</summary>
    public static string HourlyRange(Pay.PayRates pay)
    {
        var rates = Enum.GetValues<Reviewers.Credential>().Select(pay.HourlyFor).ToList();
        return $"{Money(rates.Min())}–{Money(rates.Max())}";
    }

    public static string Duration(int seconds) => seconds switch
    {
        < 60 => $"{seconds} s",
        < 3600 => $"{seconds / 60} min",
        _ => seconds % 3600 / 60 == 0 ? $"{seconds / 3600} h" : $"{seconds / 3600} h {seconds % 3600 / 60} min",
    };

    /// <summary>A moment in the reader's own time zone, with its offset from UTC ("UTC-6").</summary>
    public static string When(DateTimeOffset moment, string? timeZone)
    {
        var zone = timeZone is not null && TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out var found) ? found : TimeZoneInfo.Utc;
        var local = TimeZoneInfo.ConvertTime(moment, zone);
        var name = local.Offset == TimeSpan.Zero ? "UTC" : $"UTC{local.Offset.Hours:+0;-0}{(local.Offset.Minutes != 0 ? $":{Math.Abs(local.Offset.Minutes):00}" : "")}";
        return local.ToString("ddd d MMM, HH:mm", Culture) + " " + name;
    }

    /// <summary>A day in the reader's own time zone: "Mon 30 Nov".</summary>
    public static string Day(DateTimeOffset moment, string? timeZone)
    {
        var zone = timeZone is not null && TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out var found) ? found : TimeZoneInfo.Utc;
        return TimeZoneInfo.ConvertTime(moment, zone).ToString("ddd d MMM", Culture);
    }

    /// <summary>What someone typed, as a reply quotes it: a long paste is cut at a word to a short prefix with "…",
    /// so that quoting it back never floods the conversation.</summary>
    public static string Quote(string typed, int max = 60)
    {
        var text = string.Join(' ', typed.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (text.Length <= max)
        {
            return text;
        }
        var cut = text.LastIndexOf(' ', max - 1, max / 2);
        return text[..(cut > 0 ? cut : max - 1)] + "…";
    }

    /// <summary>The task as a thing: "the ranking you had open".</summary>
    public static string KindNoun(ReviewBot.Tasks.TaskKind kind) => kind switch
    {
        ReviewBot.Tasks.TaskKind.Evaluate => "evaluation",
        ReviewBot.Tasks.TaskKind.Rank => "ranking",
        ReviewBot.Tasks.TaskKind.Respond => "written response",
        ReviewBot.Tasks.TaskKind.Rubric => "rubric",
        _ => "vignette",
    };

    public static string Kind(ReviewBot.Tasks.TaskKind kind) => kind switch
    {
        ReviewBot.Tasks.TaskKind.Evaluate => "Evaluate an answer",
        ReviewBot.Tasks.TaskKind.Rank => "Rank responses",
        ReviewBot.Tasks.TaskKind.Respond => "Write a response",
        ReviewBot.Tasks.TaskKind.Rubric => "Write rubric criteria",
        _ => "Write a vignette",
    };
}
