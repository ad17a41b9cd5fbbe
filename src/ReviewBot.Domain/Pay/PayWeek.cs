namespace ReviewBot.Pay;

/// <summary>Pay is settled weekly; a week starts at midnight on <c>Pay:WeekStartsOn</c> in the reviewer's own time zone.</summary>
public static class PayWeek
{
    public static DateTimeOffset StartOf(DateTimeOffset now, string timeZone, DayOfWeek weekStartsOn)
    {
        var zone = TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out var found) ? found : TimeZoneInfo.Utc;
        var local = TimeZoneInfo.ConvertTime(now, zone);
        var daysBack = ((int)local.DayOfWeek - (int)weekStartsOn + 7) % 7;
        var midnight = local.Date.AddDays(-daysBack);
        return new DateTimeOffset(midnight, zone.GetUtcOffset(midnight));
    }
}
