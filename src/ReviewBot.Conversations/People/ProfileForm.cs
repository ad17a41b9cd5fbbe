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
        var specialties = Field("specialties").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(Specialty.Normalize).Where(s => s.Length > 0).Distinct().ToList();
        if (specialties.Count == 0)
        {
            errors.Add(new FieldError("specialties", "Name at least one specialty, e.g. cardiology, emergency-medicine."));
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
}
