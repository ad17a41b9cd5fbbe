namespace ReviewBot.Answers;

public enum IdentifierKind
{
    NameWithBirthDate,
    /// <summary>A full date of birth with no name beside it: on its own it still narrows a record to a handful of
    /// people, so synthetic cases give an age instead.</summary>
    BirthDate,
    MedicalRecordNumber,
    SocialSecurityNumber,
    Email,
    PhoneNumber,
    StreetAddress,
}

/// <summary>Words in free text that look like a real patient identifier. <see cref="Text"/> is exactly what the
/// clinician typed, so the refusal can quote it back.</summary>
public sealed record IdentifierFinding(IdentifierKind Kind, string Text, int Index)
{
    /// <summary>What a clinician reads beside the field: which words, why, and how to say it instead.</summary>
    public string Message => $"“{Text}” {Kind switch
    {
        IdentifierKind.NameWithBirthDate =>
            "looks like a real patient's name and date of birth. Use an age and a role instead (\"a 58-year-old man\").",
        IdentifierKind.BirthDate =>
            "looks like a real date of birth. Give an age instead (\"a 58-year-old\").",
        IdentifierKind.MedicalRecordNumber =>
            "looks like a medical record number. Leave it out; the case reads the same without it.",
        IdentifierKind.SocialSecurityNumber =>
            "looks like a Social Security number. Leave it out.",
        IdentifierKind.Email =>
            "looks like an email address. Leave it out, or say who was contacted (\"emailed her cardiologist\").",
        IdentifierKind.PhoneNumber =>
            "looks like a phone number. Leave it out, or say who was called (\"called the patient's daughter\").",
        IdentifierKind.StreetAddress =>
            "looks like a street address. Describe the setting instead (\"lives alone in a rural town\").",
        _ => throw new ArgumentOutOfRangeException(nameof(Kind), Kind, null),
    }}";
}
