namespace ReviewBot.Reviewers;

/// <summary>A clinician on the roster (DESIGN §3). <see cref="Key"/> is <c>&lt;channel&gt;:&lt;id on that channel&gt;</c>.</summary>
public sealed record Reviewer
{
    public required string Key { get; init; }
    public required string Name { get; init; }
    public Credential? Credential { get; init; }
    public IReadOnlyList<string> Specialties { get; init; } = [];
    /// <summary>IANA time zone name.</summary>
    public string TimeZone { get; init; } = "UTC";
    /// <summary>False while a declared credential waits for a lead's check; a pending reviewer gets no tasks.</summary>
    public bool Verified { get; init; }
    public bool Lead { get; init; }
    public double? WeeklyHours { get; init; }
    public QuietHours? QuietHours { get; init; }
    public IReadOnlyList<string> AlsoKnownAs { get; init; } = [];
    public DateTimeOffset? PausedUntil { get; init; }

    /// <summary>Asked for no tasks and no reminders until <see cref="PausedUntil"/>.</summary>
    public bool IsPausedAt(DateTimeOffset now) => PausedUntil is { } until && until > now;
}

/// <summary>Local times between which nothing is sent to the reviewer; wraps midnight when Start &gt; End.</summary>
public sealed record QuietHours(TimeOnly Start, TimeOnly End)
{
    public static readonly QuietHours Default = new(new TimeOnly(21, 0), new TimeOnly(7, 0));
}
