namespace ReviewBot.Reviewers;

/// <summary>
/// Which keys are one person, and under which id. Keys joined by <c>alsoKnownAs</c> are one person, whichever side
/// names the other and whether or not they come in the same roster. A new person is named by the smallest of their
/// keys (ordinal), so the same roster always gives the same id whatever its order; from then on the id never changes,
/// because what the person has had, holds and earned is stored under it: a smaller key joining later takes the
/// existing id. A roster that links keys already working as two people keeps the smaller id and records the other in
/// <see cref="Reviewer.MergedFrom"/>, whose history is read alongside; nothing is copied, so a link is never half
/// done. An import never unlinks: an entry that leaves out its aliases would otherwise split a person, and the new
/// half could answer again what the other half answered.
/// </summary>
public static class People
{
    /// <summary>The records to store when <paramref name="imported"/> is written over what is stored:
    /// <paramref name="stored"/> holds the records of every key the import names or links to, and of their aliases.
    /// Each person the import touches gets a record under every key, all with the profile the roster gives (the
    /// last entry of theirs, when it lists several), keeping the latest pause they chose and their "reminders off": a
    /// roster says nothing of either, so an import must not undo them.</summary>
    public static IReadOnlyList<Reviewer> Link(IReadOnlyDictionary<string, Reviewer> stored, IReadOnlyList<Reviewer> imported)
    {
        var groups = new KeyGroups();
        foreach (var reviewer in imported.Concat(stored.Values))
        {
            groups.Join(reviewer.Key, reviewer.AlsoKnownAs);
        }

        var members = groups.Members();
        var written = new List<Reviewer>();
        foreach (var entries in imported.GroupBy(r => groups.Of(r.Key)))
        {
            var profile = entries.Last();
            var keys = members[entries.Key].ToList();
            var before = keys.Select(stored.GetValueOrDefault).OfType<Reviewer>().ToList();
            var ids = before.Select(r => r.Person).Distinct().Order(StringComparer.Ordinal).ToList();
            var person = ids.FirstOrDefault() ?? keys[0];
            var merged = ids.Concat(before.SelectMany(r => r.MergedFrom)).Where(id => id != person).Distinct().Order(StringComparer.Ordinal).ToList();
            var paused = before.Select(r => r.PausedUntil).Append(profile.PausedUntil).Max();
            var remindersOff = profile.RemindersOff || before.Any(r => r.RemindersOff);
            written.AddRange(keys.Select(key => profile with
            {
                Key = key,
                Person = person,
                MergedFrom = merged,
                AlsoKnownAs = keys.Where(k => k != key).ToList(),
                PausedUntil = paused,
                RemindersOff = remindersOff,
            }));
        }
        return written;
    }

    /// <summary><paramref name="profile"/> as the record of <paramref name="record"/>'s key: a profile edit or a
    /// verification changes what the person is, never which person or which keys.</summary>
    public static Reviewer ProfileOn(Reviewer profile, Reviewer record) => profile with
    {
        Key = record.Key,
        Person = record.Person,
        MergedFrom = record.MergedFrom,
        AlsoKnownAs = record.AlsoKnownAs,
    };

    /// <summary>Keys joined into groups (union–find); a group's members come out in ordinal order.</summary>
    internal sealed class KeyGroups
    {
        private readonly Dictionary<string, string> _parent = new(StringComparer.Ordinal);

        public void Join(string key, IEnumerable<string> others)
        {
            foreach (var other in others)
            {
                var (a, b) = (Of(key), Of(other));
                if (a != b)
                {
                    _parent[a] = b;
                }
            }
            Of(key);
        }

        public string Of(string key)
        {
            if (!_parent.TryGetValue(key, out var parent))
            {
                _parent[key] = key;
                return key;
            }
            return parent == key ? key : _parent[key] = Of(parent);
        }

        /// <summary>Each group's keys under the group's root.</summary>
        public ILookup<string, string> Members() =>
            _parent.Keys.Order(StringComparer.Ordinal).ToList().ToLookup(Of);
    }
}
