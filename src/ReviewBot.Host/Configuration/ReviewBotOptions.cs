using System.ComponentModel.DataAnnotations;
using ReviewBot.Reviewers;

namespace ReviewBot.Host.Configuration;

/// <summary>Storage:* — where the embedded store keeps its files when ConnectionStrings:Redis is empty.</summary>
public sealed class StorageOptions
{
    [Required(AllowEmptyStrings = false)]
    public string DataDirectory { get; set; } = "./data";
}

/// <summary>Admin:* — the bearer key of the admin API. Required outside Development; in Development, empty means the
/// admin API answers callers on this machine only.</summary>
public sealed class AdminOptions
{
    public const string MissingKey = "Admin:ApiKey is not set. Outside Development the admin API needs a key: set Admin:ApiKey " +
        "(environment variable Admin__ApiKey) to a long random secret, and send it as 'Authorization: Bearer <key>'.";

    public string? ApiKey { get; set; }
}

/// <summary>Pay:* (DESIGN §6).</summary>
public sealed class PayOptions : IValidatableObject
{
    public Dictionary<Credential, decimal> HourlyByCredential { get; set; } = [];
    public DayOfWeek WeekStartsOn { get; set; } = DayOfWeek.Monday;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) =>
        HourlyByCredential.Where(rate => rate.Value < 0)
            .Select(rate => new ValidationResult($"Pay:HourlyByCredential:{rate.Key} must not be negative (it is {rate.Value}).",
                [nameof(HourlyByCredential)]));
}

/// <summary>Reminders:* — when a clinician holding a task is nudged (see <c>ReminderPolicy</c>).</summary>
public sealed class RemindersOptions
{
    [Range(0.25, 168, ErrorMessage = "Reminders:FirstNudgeHours must be between 0.25 and 168.")]
    public double FirstNudgeHours { get; set; } = 4;

    [Range(1, 168, ErrorMessage = "Reminders:RepeatHours must be between 1 and 168.")]
    public double RepeatHours { get; set; } = 24;

    [Range(0, 10, ErrorMessage = "Reminders:MaxNudges must be between 0 and 10.")]
    public int MaxNudges { get; set; } = 3;
}

/// <summary>Reviewers:* (DESIGN §6).</summary>
public sealed class ReviewersOptions
{
    [Range(0, 80, ErrorMessage = "Reviewers:DefaultWeeklyHours must be between 0 and 80.")]
    public double DefaultWeeklyHours { get; set; } = 15;
}
