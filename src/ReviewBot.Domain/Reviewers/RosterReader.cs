using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using ReviewBot.Imports;

namespace ReviewBot.Reviewers;

/// <summary>Reads a roster (DESIGN §3): a JSON array of reviewers, or one reviewer per line (JSON Lines). All or
/// nothing; each problem names the line or array index, the key and the field.</summary>
public static partial class RosterReader
{
    public const int MaxName = 200;
    public const double MaxWeeklyHours = 80;

    [GeneratedRegex(@"^(?<channel>(?i:slack|teams|web)):(?<id>\S{1,200})$")]
    private static partial Regex KeyPattern();

    public static async Task<ImportResult<IReadOnlyList<Reviewer>>> ReadAsync(Stream roster, CancellationToken cancellationToken = default) =>
        Read(await TextInput.ReadAllAsync(roster, cancellationToken).ConfigureAwait(false));

    public static ImportResult<IReadOnlyList<Reviewer>> Read(string text)
    {
        text = TextInput.WithoutByteOrderMark(text);
        var errors = new ImportErrors();
        var reviewers = new Roster(errors);
        if (text.TrimStart().StartsWith('['))
        {
            using var document = TextInput.Parse(text, errors, line: null);
            if (document is not null)
            {
                var index = 0;
                foreach (var entry in document.RootElement.EnumerateArray())
                {
                    reviewers.Add(entry, new ImportScope(errors, null, null, $"[{index}]"), $"[{index}]");
                    index++;
                }
            }
        }
        else
        {
            foreach (var (number, line) in TextInput.Lines(text))
            {
                using var document = TextInput.Parse(line, errors, number);
                if (document is not null)
                {
                    reviewers.Add(document.RootElement, new ImportScope(errors, number, null, ""), $"line {number}");
                }
            }
        }
        reviewers.CheckOneProfilePerPerson();
        if (reviewers.Count == 0 && !errors.Any)
        {
            errors.Add(new ImportError(null, null, "", "The roster lists nobody: send a JSON array of reviewers, or one reviewer per line."));
        }
        return ImportResult<IReadOnlyList<Reviewer>>.Of(reviewers.Read, errors);
    }

    /// <summary>The key as stored: the channel word in lower case ("Slack:U1" is "slack:U1"), the id as given.</summary>
    public static string? NormalizeKey(string? key) =>
        key is not null && KeyPattern().Match(key.Trim()) is { Success: true } match
            ? $"{match.Groups["channel"].Value.ToLowerInvariant()}:{match.Groups["id"].Value}"
            : null;

    private sealed class Roster(ImportErrors errors)
    {
        private readonly Dictionary<string, string> _firstSeen = new(StringComparer.Ordinal);
        private readonly List<(Reviewer Reviewer, ImportScope Scope, string Place)> _placed = [];

        public IReadOnlyList<Reviewer> Read => [.. _placed.Select(p => p.Reviewer)];
        public int Count { get; private set; }

        public void Add(JsonElement entry, ImportScope scope, string place)
        {
            Count++;
            if (entry.ValueKind != JsonValueKind.Object)
            {
                scope.Error("", "Each reviewer must be a JSON object such as {\"key\": \"slack:U0123ABCD\", \"name\": \"Dr. Amara Osei\"}.");
                return;
            }
            var before = errors.Count;
            var key = Key(scope, scope.Scalar(entry, "key"), "key");
            scope = scope.WithId(key);
            if (key is not null && !_firstSeen.TryAdd(key, place))
            {
                scope.Error("key", $"“{key}” appears twice in this roster; it was first at {_firstSeen[key]}.");
            }
            var reviewer = new Reviewer
            {
                Key = key ?? "",
                Name = scope.Text("name", scope.Scalar(entry, "name"), MaxName, required: true) ?? "",
                Credential = scope.CredentialWord("credential", scope.Scalar(entry, "credential")),
                Specialties = ImportScope.Specialties(scope.Words(entry, "specialties")) ?? [],
                TimeZone = TimeZone(scope, scope.Scalar(entry, "timeZone")),
                Verified = scope.Boolean("verified", scope.Scalar(entry, "verified")) ?? false,
                Lead = scope.Boolean("lead", scope.Scalar(entry, "lead")) ?? false,
                WeeklyHours = scope.Number("weeklyHours", scope.Scalar(entry, "weeklyHours"), 0, MaxWeeklyHours),
                QuietHours = Quiet(entry, scope),
                AlsoKnownAs = (scope.Words(entry, "alsoKnownAs") ?? []).Select(k => Key(scope, k, "alsoKnownAs")).OfType<string>().ToList(),
            };
            if (errors.Count == before)
            {
                _placed.Add((reviewer, scope, place));
            }
        }

        /// <summary>A person has one profile whichever key they write from, so entries linked by alsoKnownAs must
        /// agree: which of two credentials to trust is for the lead to say, not for the order of the file.</summary>
        public void CheckOneProfilePerPerson()
        {
            var groups = new People.KeyGroups();
            foreach (var (reviewer, _, _) in _placed)
            {
                groups.Join(reviewer.Key, reviewer.AlsoKnownAs);
            }
            foreach (var person in _placed.GroupBy(p => groups.Of(p.Reviewer.Key)).Where(g => g.Count() > 1))
            {
                var (first, _, firstPlace) = person.First();
                foreach (var (reviewer, scope, _) in person.Skip(1))
                {
                    foreach (var (field, mine, theirs) in ProfileDifferences(reviewer, first))
                    {
                        scope.Error(field, $"“{reviewer.Key}” and “{first.Key}” (at {firstPlace}) are one person by alsoKnownAs, and one person has one profile: " +
                            $"this entry says {mine} where that one says {theirs}. Give both the same {field}, or list the profile on one key only.");
                    }
                }
            }
        }

        private static IEnumerable<(string Field, string Mine, string Theirs)> ProfileDifferences(Reviewer mine, Reviewer theirs)
        {
            static string Shown(object? value) => value switch
            {
                null => "none",
                bool b => b ? "true" : "false",
                IReadOnlyList<string> { Count: 0 } => "none",
                IReadOnlyList<string> words => string.Join(", ", words.Order(StringComparer.Ordinal)),
                QuietHours q => $"{q.Start:HH:mm}–{q.End:HH:mm}",
                IFormattable number => number.ToString(null, CultureInfo.InvariantCulture),
                _ => value.ToString() ?? "none",
            };
            (string, object?, object?)[] fields =
            [
                ("name", mine.Name, theirs.Name),
                ("credential", mine.Credential, theirs.Credential),
                ("specialties", mine.Specialties, theirs.Specialties),
                ("timeZone", mine.TimeZone, theirs.TimeZone),
                ("verified", mine.Verified, theirs.Verified),
                ("lead", mine.Lead, theirs.Lead),
                ("weeklyHours", mine.WeeklyHours, theirs.WeeklyHours),
                ("quietHours", mine.QuietHours, theirs.QuietHours),
            ];
            return fields.Select(f => (f.Item1, Shown(f.Item2), Shown(f.Item3))).Where(f => f.Item2 != f.Item3);
        }

        private static string? Key(ImportScope scope, string? raw, string field)
        {
            if (string.IsNullOrWhiteSpace(raw))
            {
                scope.Missing(field, $"{field} is required: <channel>:<id on that channel>, such as slack:U0123ABCD.");
                return null;
            }
            var key = NormalizeKey(raw);
            if (key is null)
            {
                scope.Error(field, $"“{raw.Trim()}” is not a user key: write <channel>:<id>, with channel slack, teams or web (e.g. slack:U0123ABCD).");
            }
            return key;
        }

        private static string TimeZone(ImportScope scope, string? raw)
        {
            var name = raw?.Trim();
            if (string.IsNullOrEmpty(name))
            {
                return "UTC";
            }
            // Windows names ("Eastern Standard Time") resolve on Linux too, but schedules and exports speak IANA.
            if (TimeZoneInfo.TryFindSystemTimeZoneById(name, out var zone) && zone.HasIanaId)
            {
                return zone.Id;
            }
            scope.Error("timeZone", $"“{name}” is not an IANA time zone name such as America/Chicago or Europe/London.");
            return "UTC";
        }

        private static QuietHours? Quiet(JsonElement entry, ImportScope scope)
        {
            switch (ImportScope.Get(entry, "quietHours"))
            {
                case null:
                    return null;
                case { ValueKind: JsonValueKind.Object } value:
                    var at = scope.At("quietHours");
                    var start = Clock(at, "start", at.Scalar(value, "start"));
                    var end = Clock(at, "end", at.Scalar(value, "end"));
                    return start is { } s && end is { } e ? new QuietHours(s, e) : null;
                default:
                    scope.Error("quietHours", "quietHours must be an object such as {\"start\": \"21:00\", \"end\": \"07:00\"}.");
                    return null;
            }
        }

        private static TimeOnly? Clock(ImportScope scope, string field, string? raw)
        {
            if (TimeOnly.TryParseExact(raw?.Trim(), ["HH:mm", "H:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
            {
                return time;
            }
            scope.Error(field, $"{field} must be a local time such as 21:00; got “{raw}”.");
            return null;
        }
    }
}
