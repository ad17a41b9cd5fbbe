using System.Globalization;
using System.Text.Json;
using ReviewBot.Answers;
using ReviewBot.Reviewers;

namespace ReviewBot.Conversations.People;

/// <summary>What a clinician declares on the profile card. Declaring a new credential or specialty makes the
/// profile pending again: only a lead can vouch for it.</summary>
public sealed record ProfileForm(string Name, Credential Credential, IReadOnlyList<string> Specialties, string TimeZone, double WeeklyHours)
{
    public Reviewer ApplyTo(Reviewer current)
    {
        var stillVouchedFor = current.Verified && current.Credential == Credential && Specialties.All(current.Specialties.Contains);
        return current with
        {
            Name = Name,
            Credential = Credential,
            Specialties = Specialties,
            TimeZone = TimeZone,
            WeeklyHours = WeeklyHours,
            Verified = stillVouchedFor,
        };
    }

    /// <summary>The choice that opens the free-text box, for a specialty no open batch asks for.</summary>
    public const string OtherSpecialty = "other";

    public const int MaxOtherSpecialties = 200;

    public static Validated<ProfileForm> Read(JsonElement fields)
    {
        string Field(string name) =>
            fields.ValueKind == JsonValueKind.Object && fields.TryGetProperty(name, out var value) ? value.ToString().Trim() : "";

        var errors = new List<FieldError>();
        var name = Field("name");
        if (name.Length is 0 or > 120)
        {
            errors.Add(new FieldError("name", "Give the name you want leads to see (up to 120 characters)."));
        }
        if (!Enum.TryParse<Credential>(Field("credential"), out var credential) || !Enum.IsDefined(credential) || int.TryParse(Field("credential"), out _))
        {
            errors.Add(new FieldError("credential", $"Choose your credential: {string.Join(", ", Enum.GetNames<Credential>())}."));
        }
        // The card offers the specialties open batches ask for, plus "other" with a box to name it.
        var chosen = SpecialtyList(Field("specialties"));
        var wantsOther = chosen.Remove(OtherSpecialty);
        var otherText = Field("otherSpecialties");
        var others = SpecialtyList(otherText);
        if (otherText.Length > MaxOtherSpecialties)
        {
            errors.Add(new FieldError("otherSpecialties", string.Create(CultureInfo.InvariantCulture,
                $"Other specialties are {otherText.Length:N0} characters long; the limit is {MaxOtherSpecialties}. Please shorten them.")));
        }
        else if (wantsOther && others.Count == 0)
        {
            errors.Add(new FieldError("otherSpecialties", "You chose Other: name the specialty in this box, e.g. nephrology."));
        }
        var specialties = chosen.Concat(others).Distinct().ToList();
        if (specialties.Count == 0 && !wantsOther)
        {
            errors.Add(new FieldError("specialties", "Choose at least one specialty, or Other and name it below."));
        }
        var zone = Field("timeZone");
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(zone, out var found) || !found.HasIanaId)
        {
            errors.Add(new FieldError("timeZone", $"“{zone}” is not a time zone name; use one like America/Chicago or Europe/London."));
        }
        if (!double.TryParse(Field("weeklyHours"), NumberStyles.Float, CultureInfo.InvariantCulture, out var hours) || hours is < 1 or > 80)
        {
            errors.Add(new FieldError("weeklyHours", "Give the hours a week you can give, from 1 to 80."));
        }
        return errors.Count > 0
            ? Validated<ProfileForm>.Invalid(errors)
            : Validated<ProfileForm>.Valid(new ProfileForm(name, credential, specialties, zone, hours));
    }

    private static List<string> SpecialtyList(string commaSeparated) =>
        commaSeparated.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(Specialty.Normalize).Where(s => s.Length > 0).Distinct().ToList();
}
