namespace ReviewBot;

/// <summary>Service-wide rules from configuration (DESIGN §6) that the domain needs.</summary>
public sealed record WorkRules
{
    /// <summary>Reviewers:DefaultWeeklyHours, for reviewers whose roster entry sets none.</summary>
    public double DefaultWeeklyHours { get; init; } = 15;
    /// <summary>Pay:WeekStartsOn.</summary>
    public DayOfWeek WeekStartsOn { get; init; } = DayOfWeek.Monday;
}
