using ReviewBot.Reviewers;

namespace ReviewBot.Domain.Tests.Reviewers;

public class PeopleTests
{
    private static Reviewer Entry(string key, params string[] alsoKnownAs) =>
        new() { Key = key, Name = "Dr. Kofi Mensah", Credential = Credential.MD, Verified = true, AlsoKnownAs = alsoKnownAs };

    private static Dictionary<string, Reviewer> Stored(params Reviewer[] records) => records.ToDictionary(r => r.Key);

    [Fact]
    public void Keys_named_under_alsoKnownAs_from_either_side_are_one_person_named_by_the_smallest_key()
    {
        var roster = RosterReader.Read(
            """
            {"key":"teams:kofi","name":"Dr. Kofi Mensah","alsoKnownAs":["slack:UKOFI"]}
            {"key":"web:kofi","name":"Dr. Kofi Mensah"}
            {"key":"web:mensah","name":"Dr. Kofi Mensah","alsoKnownAs":["slack:UKOFI","web:kofi"]}
            {"key":"web:ines","name":"Ines Duarte"}
            """).Value!;

        var written = People.Link(Stored(), roster).ToDictionary(r => r.Key);

        Assert.Equal(["slack:UKOFI", "teams:kofi", "web:ines", "web:kofi", "web:mensah"], written.Keys.Order(StringComparer.Ordinal));
        Assert.All(new[] { "slack:UKOFI", "teams:kofi", "web:kofi", "web:mensah" }, key => Assert.Equal("slack:UKOFI", written[key].Person));
        Assert.Equal(["slack:UKOFI", "teams:kofi", "web:kofi"], written["web:mensah"].AlsoKnownAs);
        Assert.Equal(("web:ines", 0), (written["web:ines"].Person, written["web:ines"].AlsoKnownAs.Count));
    }

    [Fact]
    public void A_smaller_key_joining_later_takes_the_person_id_already_in_use()
    {
        var teams = Entry("teams:kofi") with { Person = "teams:kofi" };

        var written = People.Link(Stored(teams), [Entry("slack:UKOFI", "teams:kofi")]);

        Assert.All(written, r => Assert.Equal("teams:kofi", r.Person));
        Assert.Empty(written[0].MergedFrom);
    }

    [Fact]
    public void Linking_two_keys_that_are_each_a_person_keeps_the_smaller_id_and_remembers_the_other()
    {
        var slack = Entry("slack:UKOFI") with { Person = "slack:UKOFI" };
        var teams = Entry("teams:kofi") with { Person = "teams:kofi", PausedUntil = new DateTimeOffset(2026, 11, 26, 7, 0, 0, TimeSpan.Zero) };

        var written = People.Link(Stored(slack, teams), [Entry("teams:kofi", "slack:UKOFI")]);

        Assert.Equal(2, written.Count);
        Assert.All(written, r => Assert.Equal(("slack:UKOFI", "teams:kofi", teams.PausedUntil), (r.Person, Assert.Single(r.MergedFrom), r.PausedUntil)));
    }

    [Fact]
    public void A_profile_change_keeps_the_key_the_person_and_the_aliases_whatever_it_returns()
    {
        var record = Entry("teams:kofi", "slack:UKOFI") with { Person = "slack:UKOFI", MergedFrom = ["teams:kofi"] };

        var changed = People.ProfileOn(new Reviewer { Key = "web:someone", Name = "Dr. K. Mensah", WeeklyHours = 4 }, record);

        Assert.Equal(("teams:kofi", "slack:UKOFI", "Dr. K. Mensah", 4.0), (changed.Key, changed.Person, changed.Name, changed.WeeklyHours));
        Assert.Equal(record.AlsoKnownAs, changed.AlsoKnownAs);
        Assert.Equal(record.MergedFrom, changed.MergedFrom);
    }
}
