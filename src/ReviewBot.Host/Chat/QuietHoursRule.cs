using ReviewBot.Reviewers;

namespace ReviewBot.Host.Chat;

public static class QuietHoursRule
{
    /// <summary>The moment itself when it is outside quiet hours; otherwise the end of the quiet hours it falls in.</summary>
    public static DateTimeOffset NextAllowed(DateTimeOffset when, string timeZone, QuietHours quiet)
    {
        var zone = TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out var found) ? found : TimeZoneInfo.Utc;
        var local = TimeZoneInfo.ConvertTime(when, zone);
        var time = TimeOnly.FromDateTime(local.DateTime);
        var wraps = quiet.Start > quiet.End;
        var inQuiet = wraps ? time >= quiet.Start || time < quiet.End : time >= quiet.Start && time < quiet.End;
        if (!inQuiet)
        {
            return when;
        }
        var endDay = wraps && time >= quiet.Start ? local.Date.AddDays(1) : local.Date;
        var end = endDay + quiet.End.ToTimeSpan();
        return new DateTimeOffset(end, zone.GetUtcOffset(end));
    }
}
