using ReviewBot.Answers;

namespace ReviewBot.Domain.Tests.Answers;

public class IdentifierGuardTests
{
    // Each line: the text, the kind the guard must report, and the exact words it must quote back.
    public static TheoryData<string, IdentifierKind, string> MustRefuse => new()
    {
        { "John Smith DOB 03/14/1962", IdentifierKind.NameWithBirthDate, "John Smith DOB 03/14/1962" },
        { "Maria Lopez, born 4/2/1980", IdentifierKind.NameWithBirthDate, "Maria Lopez, born 4/2/1980" },
        { "Pt: Jane Doe, D.O.B. 1962-03-14, presents with dyspnea", IdentifierKind.NameWithBirthDate, "Jane Doe, D.O.B. 1962-03-14" },
        { "Smith, John  DOB: 3/14/62", IdentifierKind.NameWithBirthDate, "Smith, John  DOB: 3/14/62" },
        { "Mr. Robert Brown, date of birth March 3, 1955, was admitted", IdentifierKind.NameWithBirthDate, "Mr. Robert Brown, date of birth March 3, 1955" },
        { "Ahmed Khan (born 14 March 1971) reports chest pain", IdentifierKind.NameWithBirthDate, "Ahmed Khan (born 14 March 1971" },
        { "Mrs. Okafor DOB 12.01.1948", IdentifierKind.NameWithBirthDate, "Mrs. Okafor DOB 12.01.1948" },
        { "Patient Li Wei, birthdate 1990-07-21", IdentifierKind.NameWithBirthDate, "Li Wei, birthdate 1990-07-21" },
        { "O'Brien, Patrick dob 5/5/55", IdentifierKind.NameWithBirthDate, "O'Brien, Patrick dob 5/5/55" },
        { "Ana María Núñez, DOB 02/11/1975", IdentifierKind.NameWithBirthDate, "Ana María Núñez, DOB 02/11/1975" },
        { "Maria Lopez, born in 1980, has lupus", IdentifierKind.NameWithBirthDate, "Maria Lopez, born in 1980" },
        { "DOB 03/14/1962, presenting with syncope", IdentifierKind.BirthDate, "DOB 03/14/1962" },
        { "born on July 4, 1976 at home", IdentifierKind.BirthDate, "born on July 4, 1976" },
        { "MRN 00482913", IdentifierKind.MedicalRecordNumber, "MRN 00482913" },
        { "see medical record #4482913 for details", IdentifierKind.MedicalRecordNumber, "medical record #4482913" },
        { "mrn: A1234567", IdentifierKind.MedicalRecordNumber, "mrn: A1234567" },
        { "Medical record number 55120934", IdentifierKind.MedicalRecordNumber, "Medical record number 55120934" },
        { "MR# 7731902", IdentifierKind.MedicalRecordNumber, "MR# 7731902" },
        { "call her at 555-867-5309", IdentifierKind.PhoneNumber, "555-867-5309" },
        { "daughter's number (617) 555-0142", IdentifierKind.PhoneNumber, "(617) 555-0142" },
        { "reachable on +1 415 555 2671", IdentifierKind.PhoneNumber, "+1 415 555 2671" },
        { "UK contact +44 20 7946 0958", IdentifierKind.PhoneNumber, "+44 20 7946 0958" },
        { "Paris office +33 1 42 68 53 00", IdentifierKind.PhoneNumber, "+33 1 42 68 53 00" },
        { "son in Pune, +91 98765 43210", IdentifierKind.PhoneNumber, "+91 98765 43210" },
        { "phone 020 7946 0958", IdentifierKind.PhoneNumber, "020 7946 0958" },
        { "hotline 1-800-555-0199", IdentifierKind.PhoneNumber, "1-800-555-0199" },
        { "cell: 617.555.0142", IdentifierKind.PhoneNumber, "617.555.0142" },
        { "wrote to jsmith@example.com", IdentifierKind.Email, "jsmith@example.com" },
        { "email maria.lopez+clinic@mail.hospital.org today", IdentifierKind.Email, "maria.lopez+clinic@mail.hospital.org" },
        { "lives at 1427 Oak Street with her son", IdentifierKind.StreetAddress, "1427 Oak Street" },
        { "22 Elm Ave., Apt 4", IdentifierKind.StreetAddress, "22 Elm Ave., Apt 4" },
        { "found at 350 W. 42nd St by EMS", IdentifierKind.StreetAddress, "350 W. 42nd St" },
        { "1600 Pennsylvania Avenue NW", IdentifierKind.StreetAddress, "1600 Pennsylvania Avenue NW" },
        { "clinic at 88 Harbor Blvd, Suite 210", IdentifierKind.StreetAddress, "88 Harbor Blvd, Suite 210" },
        { "4 Privet Drive, Little Whinging", IdentifierKind.StreetAddress, "4 Privet Drive" },
        { "lives at 12 main street alone", IdentifierKind.StreetAddress, "12 main street" },
        { "SSN 123-45-6789", IdentifierKind.SocialSecurityNumber, "SSN 123-45-6789" },
        { "social security number 123 45 6789", IdentifierKind.SocialSecurityNumber, "social security number 123 45 6789" },
        { "078-05-1120 on the insurance form", IdentifierKind.SocialSecurityNumber, "078-05-1120" },
    };

    public static TheoryData<string> MustPass => new()
    {
        "58-year-old man, BP 86/50, lactate 4.6",
        "HR 112, SpO2 91% on 4 L",
        "troponin 0.04 ng/mL at 0 and 3 h",
        "INR 3.2 on warfarin 5 mg",
        "Started 2 weeks ago",
        "Na 128 mmol/L, K 5.9",
        "ECG: ST elevation V1-V4",
        "G2P1 at 32 weeks",
        "Dr. Smith recommends starting metoprolol 25 mg twice daily.",
        "ICD-10 I21.4 and E11.65; ICD-9 410.71",
        "Vancomycin 10–20 mg/kg/day in divided doses",
        "Repeat lactate at 0300",
        "Diagnosed with type 2 diabetes in 2019",
        "Born at 32 weeks, now 6 months old",
        "Platelets 45 x 10^9/L, WBC 14.2, Hgb 9.1",
        "Heparin infusion at 18 units/kg/h, aPTT 62 s",
        "Follow up in 4–6 weeks at the cardiology clinic",
        "Took 2 doses of 500 mg 12 h apart",
        "Amoxicillin 875 mg PO q12h for 7 days",
        "Glucose 312 mg/dL, anion gap 24, beta-hydroxybutyrate 5.1 mmol/L",
        "She walked 3 blocks before stopping to rest",
        "Lives alone on the second floor and walks with a cane",
        "pH 7.21 / pCO2 58 / pO2 62 / HCO3 24",
        "Creatinine rose from 1.1 to 2.4 mg/dL over 48 h",
        "Vitals at 14:30: T 38.9 °C, HR 124, RR 28",
        "Apgar 8 and 9 at 1 and 5 minutes",
        "NYHA class III, EF 25%, QTc 512 ms",
        "Stage T2N1M0 adenocarcinoma",
        "CT on 03/14 showed a segmental PE",
        "Admitted 3/14/2024 with chest pain",
        "Email the team if the INR is above 4",
        "Call 911 if the chest pain comes back",
        "A 34-year-old G3P2 at 39+2 weeks with headache",
        "Oxygen 2 L via nasal cannula, titrate to SpO2 88–92%",
        "Hit by a car at 40 mph on the road home",
        "Rolled 10 minutes down the road in the ambulance",
        "Dr. Nguyen, the on-call cardiologist, was paged at 0200",
        "PMH: HTN since 2015, DM2 since 2018, CKD stage 3b",
        "Response A misses hyperkalemia; B is safer but omits the repeat ECG.",
        "Seen in the ED 3 times this year for the same complaint",
        "Mother reports he was born at term without complications",
        "Transferred to 5 West, bed 12, after the rapid response",
        "Moved from Tel Aviv in 2010; phone follow-up in 2 weeks",
        "Paged at 0415, pager 4-1234, no answer",
        "Ceftriaxone 1,000 mg IV every 24 hours",
        "Boston Children's Hospital protocol, 2023 edition",
        "Ranked B over A: A gives 1 000 000 units of penicillin without a test dose",
    };

    [Theory]
    [MemberData(nameof(MustRefuse))]
    public void Identifier_is_refused_and_its_words_quoted(string text, IdentifierKind kind, string words)
    {
        var finding = Assert.Single(IdentifierGuard.Find(text));

        Assert.Equal(kind, finding.Kind);
        Assert.Equal(words, finding.Text);
        Assert.StartsWith($"“{words}” looks like", finding.Message);
    }

    [Theory]
    [MemberData(nameof(MustPass))]
    public void Ordinary_clinical_text_passes(string text)
    {
        Assert.Empty(IdentifierGuard.Find(text));
    }

    [Fact]
    public void Every_identifier_in_a_text_is_reported_in_order()
    {
        var findings = IdentifierGuard.Find("John Smith DOB 03/14/1962, MRN 00482913, call 555-867-5309 or jsmith@example.com");

        Assert.Equal(
            [IdentifierKind.NameWithBirthDate, IdentifierKind.MedicalRecordNumber, IdentifierKind.PhoneNumber, IdentifierKind.Email],
            findings.Select(f => f.Kind));
    }

    [Fact]
    public void Name_and_birth_date_refusal_says_how_to_rephrase()
    {
        var finding = Assert.Single(IdentifierGuard.Find("John Smith, DOB 03/14/1962"));

        Assert.Equal(
            "“John Smith, DOB 03/14/1962” looks like a real patient's name and date of birth. Use an age and a role instead (\"a 58-year-old man\").",
            finding.Message);
    }
}
