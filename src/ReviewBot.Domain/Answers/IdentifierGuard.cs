using System.Text.RegularExpressions;

namespace ReviewBot.Answers;

/// <summary>Finds words in free text that look like a real patient identifier (DESIGN §4), so that no real patient
/// reaches the training data. It leans towards refusing: a clinician can always rephrase, a leaked identifier cannot
/// be taken back. Clinical shorthand (vitals, labs, doses, ICD codes, times, years, a name alone) passes.</summary>
public static partial class IdentifierGuard
{
    private const string NameWord = @"\p{Lu}(?:\p{Ll}+|['’]\p{Lu}\p{Ll}+)(?:-?\p{Lu}\p{Ll}+)*(?!\w)";
    private const string Title = @"(?:Mr|Mrs|Ms|Miss|Mx|Dr)\.?";
    private const string Name =
        $@"(?:{Title}\s+)?{NameWord}(?:\s+(?:\p{{Lu}}\.|{NameWord})){{1,2}}|{NameWord},\s*{NameWord}|{Title}\s+{NameWord}";
    private const string BirthMarker =
        @"(?i:\bD\.?O\.?B\b\.?|\bdate\s+of\s+birth\b|\bbirth\s*date\b|\bbirthday\b|\bborn(?:\s+on)?\b)\s*[:=-]?\s*";
    private const string Month =
        @"(?i:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)(?!\w)\.?";
    private const string FullDate =
        $@"(?:\d{{1,2}}[/.-]\d{{1,2}}[/.-](?:\d{{4}}|\d{{2}})|\d{{4}}-\d{{1,2}}-\d{{1,2}}|{Month}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{Month},?\s+\d{{4}})(?!\d)";
    private const string BirthYear = @"(?:in\s+)?(?:19|20)\d{2}(?!\d)";

    // Words that follow a number in ordinary clinical text ("3 days", "40 mph on the road") and never name a street.
    private const string NotAStreetName =
        @"(?!(?i:years?|yrs?|months?|weeks?|days?|hours?|hrs?|minutes?|mins?|times?|doses?|units?|tablets?|blocks?|steps?|flights?|feet|ft|miles?|km|meters?|mph|mg|kg)\b)";
    private const string StreetSuffix =
        @"(?:(?:Street|Avenue|Road|Boulevard|Lane|Drive|Court|Way|Place|Terrace|Circle|Parkway|Highway|Square|Crescent|Close)(?!\w)|(?:St|Ave|Rd|Blvd|Ln|Dr|Ct|Pl|Ter|Cir|Pkwy|Hwy|Sq)(?!\w)\.?)";

    [GeneratedRegex($@"(?<name>{Name})[\s,;:(\[–—-]*{BirthMarker}(?:{FullDate}|{BirthYear})")]
    private static partial Regex NameWithBirthDate();

    [GeneratedRegex($@"{BirthMarker}{FullDate}")]
    private static partial Regex BirthDate();

    [GeneratedRegex(@"(?<![\d-])\d{3}-\d{2}-\d{4}(?![\d-])|(?i:\b(?:SSN|SS#|social\s+security(?:\s+(?:number|no\.?|#))?)\s*[:#]?\s*)\d{3}[\s-]?\d{2}[\s-]?\d{4}(?!\d)")]
    private static partial Regex SocialSecurityNumber();

    [GeneratedRegex(@"(?i:\b(?:MRN|MR\s*#|medical\s+record(?:\s+(?:number|no\.?|#))?|chart\s+(?:number|no\.?|#)|hospital\s+(?:number|no\.?|#)|patient\s+(?:id|number|no\.?|#))(?:\s*(?:[:#]|no\.?|number))?\s*#?\s*[A-Z]{0,3})\d[\d-]{2,}\d")]
    private static partial Regex MedicalRecordNumber();

    [GeneratedRegex(@"[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}")]
    private static partial Regex Email();

    [GeneratedRegex(@"(?<![\d.+/-])(?:\+?1[\s.-]?)?(?:\(\d{3}\)\s?|\d{3}[\s.-])\d{3}[\s.-]\d{4}(?!\d)")]
    private static partial Regex NorthAmericanPhone();

    [GeneratedRegex(@"(?<![\w+])\+\d{1,3}(?:[\s.-]?(?:\(\d{1,4}\)|\d{1,5})){2,6}(?!\d)")]
    private static partial Regex InternationalPhone();

    // A number after "phone", "tel" or "called her at" is a phone number whatever its national format.
    [GeneratedRegex(@"(?i:\b(?:phone|tel|telephone|cell|mobile|fax|pager|call(?:ed)?(?:\s+(?:him|her|them|me|us))?\s+(?:at|on))\b\.?(?:\s*(?:no\.?|number|#))?\s*[:.]?\s*)(?<number>\+?\(?\d[\d\s().-]{5,}\d)")]
    private static partial Regex PhoneAfterWord();

    [GeneratedRegex($@"(?<![\w.,/-])\d{{1,5}}[A-Za-z]?\s+(?:(?:[NSEW]|North|South|East|West)\.?\s+)?(?:{NotAStreetName}(?:\p{{Lu}}\p{{Ll}}+|\d{{1,3}}(?:st|nd|rd|th))\.?\s+){{1,3}}{StreetSuffix}(?:,?\s*(?:Apt|Apartment|Suite|Ste|Unit|Floor|Fl|#)\.?\s*#?\s*[\w-]+)?(?:\s+(?:NW|NE|SW|SE)(?!\w))?")]
    private static partial Regex CapitalizedStreetAddress();

    [GeneratedRegex($@"(?<![\w.,/-])\d{{1,5}}\s+(?:{NotAStreetName}[a-z]+\s+){{1,2}}(?:street|avenue|road|boulevard)(?!\w)")]
    private static partial Regex LowercaseStreetAddress();

    // Leading words the name pattern picks up that are roles, not names ("Patient Li Wei, DOB …").
    [GeneratedRegex(@"^(?:(?:Patient|Pt|Name|Mother|Father|Son|Daughter|Wife|Husband|Baby)\s+)+(?=\p{Lu})")]
    private static partial Regex LeadingRoleWords();

    public static IReadOnlyList<IdentifierFinding> Find(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return [];
        }

        // Listed most specific first: where two patterns claim the same words, the earlier kind names them.
        var candidates = new List<IdentifierFinding>();
        foreach (Match match in NameWithBirthDate().Matches(text))
        {
            candidates.Add(NamedBirthDate(match));
        }
        Add(candidates, BirthDate(), IdentifierKind.BirthDate, text);
        Add(candidates, SocialSecurityNumber(), IdentifierKind.SocialSecurityNumber, text);
        Add(candidates, MedicalRecordNumber(), IdentifierKind.MedicalRecordNumber, text);
        Add(candidates, Email(), IdentifierKind.Email, text);
        Add(candidates, NorthAmericanPhone(), IdentifierKind.PhoneNumber, text);
        foreach (Match match in InternationalPhone().Matches(text))
        {
            if (DigitCount(match.Value) is >= 8 and <= 15)
            {
                candidates.Add(new IdentifierFinding(IdentifierKind.PhoneNumber, match.Value, match.Index));
            }
        }
        foreach (Match match in PhoneAfterWord().Matches(text))
        {
            var number = match.Groups["number"];
            if (DigitCount(number.Value) is >= 7 and <= 15)
            {
                candidates.Add(new IdentifierFinding(IdentifierKind.PhoneNumber, number.Value.TrimEnd(), number.Index));
            }
        }
        Add(candidates, CapitalizedStreetAddress(), IdentifierKind.StreetAddress, text);
        Add(candidates, LowercaseStreetAddress(), IdentifierKind.StreetAddress, text);

        var kept = new List<IdentifierFinding>();
        foreach (var candidate in candidates)
        {
            if (!kept.Any(k => Overlaps(k, candidate)))
            {
                kept.Add(candidate);
            }
        }
        return kept.OrderBy(f => f.Index).ToList();
    }

    private static void Add(List<IdentifierFinding> findings, Regex pattern, IdentifierKind kind, string text)
    {
        foreach (Match match in pattern.Matches(text))
        {
            findings.Add(new IdentifierFinding(kind, match.Value.TrimEnd(), match.Index));
        }
    }

    private static IdentifierFinding NamedBirthDate(Match match)
    {
        var skip = LeadingRoleWords().Match(match.Value).Length;
        return new IdentifierFinding(IdentifierKind.NameWithBirthDate, match.Value[skip..].TrimEnd(), match.Index + skip);
    }

    private static bool Overlaps(IdentifierFinding a, IdentifierFinding b) =>
        a.Index < b.Index + b.Text.Length && b.Index < a.Index + a.Text.Length;

    private static int DigitCount(string value) => value.Count(char.IsAsciiDigit);
}
