using ReviewBot.Imports;
using ReviewBot.Reviewers;

namespace ReviewBot.Domain.Tests.Reviewers;

public class RosterReaderTests
{
    private const string DesignExample =
        """
        [ { "key": "slack:U0123ABCD", "name": "Dr. Amara Osei", "credential": "MD", "specialties": ["cardiology"],
            "timeZone": "America/Chicago", "verified": true, "lead": false, "weeklyHours": 10 } ]
        """;

    [Fact]
    public void Design_example_reads_as_one_verified_cardiologist()
    {
        var result = RosterReader.Read(DesignExample);

        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        var amara = Assert.Single(result.Value);
        Assert.Equal(("slack:U0123ABCD", "Dr. Amara Osei", Credential.MD, "America/Chicago", true, false, 10.0),
            (amara.Key, amara.Name, amara.Credential, amara.TimeZone, amara.Verified, amara.Lead, amara.WeeklyHours));
        Assert.Equal(["cardiology"], amara.Specialties);
    }

    [Fact]
    public void Json_lines_roster_reads_one_reviewer_per_line()
    {
        var roster =
            """
            {"key":"teams:5f1c2a7e-0000-4000-8000-000000000001","name":"Sam Reyes","credential":"rn","alsoKnownAs":["Web:sam"]}
            {"key":"web:lead","name":"Data lead","lead":true,"quietHours":{"start":"22:00","end":"6:30"}}
            """;

        var result = RosterReader.Read(roster);

        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        Assert.Equal(Credential.RN, result.Value[0].Credential);
        Assert.Equal(["web:sam"], result.Value[0].AlsoKnownAs);
        Assert.Equal(new QuietHours(new TimeOnly(22, 0), new TimeOnly(6, 30)), result.Value[1].QuietHours);
        Assert.Equal("UTC", result.Value[1].TimeZone);
    }

    [Fact]
    public void Array_roster_errors_name_the_index_key_and_field()
    {
        var roster =
            """
            [ {"key":"slack:U1","name":"A","credential":"MBBS","timeZone":"Mars/Olympus","weeklyHours":90},
              {"key":"email:someone","name":""} ]
            """;

        var errors = RosterReader.Read(roster).Errors;

        Assert.Equal(
            [
                new ImportError(null, "slack:U1", "[0].credential", "“MBBS” is not a credential ReviewBot knows; use MD, DO, NP, PA, RN, PharmD or PhD."),
                new ImportError(null, "slack:U1", "[0].timeZone", "“Mars/Olympus” is not an IANA time zone name such as America/Chicago or Europe/London."),
                new ImportError(null, "slack:U1", "[0].weeklyHours", "weeklyHours must be a number from 0 to 80; got “90”."),
                new ImportError(null, null, "[1].key", "“email:someone” is not a user key: write <channel>:<id>, with channel slack, teams or web (e.g. slack:U0123ABCD)."),
                new ImportError(null, null, "[1].name", "name is required."),
            ],
            errors);
    }

    [Fact]
    public void Keys_of_one_person_that_disagree_on_their_profile_are_refused_naming_both_keys_and_the_field()
    {
        var roster =
            """
            [ {"key":"slack:UKOFI","name":"Dr. Kofi Mensah","credential":"MD","verified":true,"alsoKnownAs":["teams:kofi"]},
              {"key":"web:ines","name":"Ines Duarte","credential":"RN"},
              {"key":"teams:kofi","name":"Dr. Kofi Mensah","credential":"NP","verified":true} ]
            """;

        var error = Assert.Single(RosterReader.Read(roster).Errors);

        Assert.Equal(new ImportError(null, "teams:kofi", "[2].credential",
            "“teams:kofi” and “slack:UKOFI” (at [0]) are one person by alsoKnownAs, and one person has one profile: this entry says NP where that one says MD. " +
            "Give both the same credential, or list the profile on one key only."), error);
    }

    [Fact]
    public void Windows_time_zone_name_is_refused_in_favour_of_iana()
    {
        var error = Assert.Single(RosterReader.Read("""{"key":"web:x","name":"X","timeZone":"Eastern Standard Time"}""").Errors);

        Assert.Equal((1, "timeZone"), (error.Line, error.Field));
    }

    [Fact]
    public void Duplicate_key_in_json_lines_points_back_to_its_first_line()
    {
        var roster = "{\"key\":\"slack:U1\",\"name\":\"A\"}\n{\"key\":\"slack:U2\",\"name\":\"B\"}\n{\"key\":\"slack:U1\",\"name\":\"C\"}";

        var error = Assert.Single(RosterReader.Read(roster).Errors);

        Assert.Equal(new ImportError(3, "slack:U1", "key", "“slack:U1” appears twice in this roster; it was first at line 1."), error);
    }

    [Fact]
    public void Broken_roster_line_is_refused_with_its_number()
    {
        var error = Assert.Single(RosterReader.Read("{\"key\":\"slack:U1\",\"name\":\"A\"}\n{\"key\":\"slack:U2\",").Errors);

        Assert.Equal(2, error.Line);
        Assert.StartsWith("Not valid JSON", error.Message);
    }

    [Fact]
    public void Empty_roster_is_refused()
    {
        var error = Assert.Single(RosterReader.Read("[]").Errors);

        Assert.Equal("The roster lists nobody: send a JSON array of reviewers, or one reviewer per line.", error.Message);
    }

    [Fact]
    public async Task Roster_reads_from_a_request_body()
    {
        var result = await RosterReader.ReadAsync(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(DesignExample)));

        Assert.True(result.Succeeded);
    }
}
