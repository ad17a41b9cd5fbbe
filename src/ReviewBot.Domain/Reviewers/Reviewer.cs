using System.Text.Json.Serialization;

namespace ReviewBot.Reviewers;

/// <summary>A clinician on the roster (DESIGN §3). <see cref="Key"/> is <c>&lt;channel&gt;:&lt;id on that channel&gt;</c>;
/// one person reached on several channels has a record under each key, all with the same profile.</summary>
public sealed record Reviewer
{
    private readonly string? _person;

    public required string Key { get; init; }

    /// <summary>The person behind this key, the same on every key of theirs: what they have had, hold, answered and
    /// earned is kept under it, so changing channel changes nothing (<see cref="People"/> says how it is chosen).
    /// A key on its own, or stored before person ids, is its own person.</summary>
    public string Person { get => _person ?? Key; init => _person = value; }

    /// <summary>Person ids this person worked under before a roster linked their keys; what was had, held or answered
    /// under them still counts.</summary>
    public IReadOnlyList<string> MergedFrom { get; init; } = [];

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

    /// <summary>The person's other keys. A roster may name them from either side; the store keeps the list whole on
    /// every key.</summary>
    public IReadOnlyList<string> AlsoKnownAs { get; init; } = [];
    public DateTimeOffset? PausedUntil { get; init; }
    /// <summary>Said <c>reminders off</c>: no nudges or reminders until <c>reminders on</c>; tasks still come when asked.</summary>
    public bool RemindersOff { get; init; }

    /// <summary>Asked for no tasks and no reminders until <see cref="PausedUntil"/>.</summary>
    public bool IsPausedAt(DateTimeOffset now) => PausedUntil is { } until && until > now;

    /// <summary><see cref="Person"/>, then <see cref="MergedFrom"/>: every id the person's history is under.</summary>
    [JsonIgnore]
    public IReadOnlyList<string> PersonIds => [Person, .. MergedFrom];
}

/// <summary>Local times between which nothing is sent to the reviewer; wraps midnight when Start &gt; End.</summary>
public sealed record QuietHours(TimeOnly Start, TimeOnly End)
{
    public static readonly QuietHours Default = new(new TimeOnly(21, 0), new TimeOnly(7, 0));
}
