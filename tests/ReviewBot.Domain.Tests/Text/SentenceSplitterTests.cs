using ReviewBot.Text;

namespace ReviewBot.Domain.Tests.Text;

/// <summary>The splitter against a corpus of clinical answers split by hand, the way a clinician marking sentences
/// would: abbreviations, doses, decimals, lists and line breaks.</summary>
public class SentenceSplitterTests
{
    /// <summary>Each text with the sentences a clinician sees in it, in order.</summary>
    public static readonly TheoryData<string, string[]> Corpus = new()
    {
        {
            "Continue aspirin 75 mg daily. Dr. Patel should review the stent in 6 weeks. Avoid NSAIDs, e.g. ibuprofen, for pain.",
            [
                "Continue aspirin 75 mg daily.",
                "Dr. Patel should review the stent in 6 weeks.",
                "Avoid NSAIDs, e.g. ibuprofen, for pain.",
            ]
        },
        {
            "Start metformin 500 mg b.i.d. with meals. Increase to 1 g b.i.d. after 2 weeks if tolerated. Check renal function first, i.e. an eGFR above 30.",
            [
                "Start metformin 500 mg b.i.d. with meals.",
                "Increase to 1 g b.i.d. after 2 weeks if tolerated.",
                "Check renal function first, i.e. an eGFR above 30.",
            ]
        },
        {
            "Give levothyroxine 12.5 mcg daily in the frail elderly. The usual adult dose is 1.6 mcg/kg. Recheck TSH in 6–8 weeks.",
            [
                "Give levothyroxine 12.5 mcg daily in the frail elderly.",
                "The usual adult dose is 1.6 mcg/kg.",
                "Recheck TSH in 6–8 weeks.",
            ]
        },
        {
            "The dose is 10 mg. Take it at night. Potassium was 2.9 mmol/L on admission.",
            [
                "The dose is 10 mg.",
                "Take it at night.",
                "Potassium was 2.9 mmol/L on admission.",
            ]
        },
        {
            "Give amoxicillin 500 mg. t.i.d. for 5 days. Is she allergic to penicillin? If so, use doxycycline instead!",
            [
                "Give amoxicillin 500 mg. t.i.d. for 5 days.",
                "Is she allergic to penicillin?",
                "If so, use doxycycline instead!",
            ]
        },
        {
            "Next steps:\n1. Stop the beta-blocker.\n2. Check an ECG within 24 h.\n3. Refer to cardiology if the QTc is above 500 ms.",
            [
                "Next steps:",
                "Stop the beta-blocker.",
                "Check an ECG within 24 h.",
                "Refer to cardiology if the QTc is above 500 ms.",
            ]
        },
        {
            "Red flags:\n- Chest pain at rest\n- Syncope. Call an ambulance.\n* New confusion\n• Oxygen saturation below 92%",
            [
                "Red flags:",
                "Chest pain at rest",
                "Syncope.",
                "Call an ambulance.",
                "New confusion",
                "Oxygen saturation below 92%",
            ]
        },
        {
            "Options include:\n(a) watchful waiting;\n(b) a PPI trial.\n\nMr. Jones, aged 70, prefers the second.",
            [
                "Options include:",
                "watchful waiting;",
                "a PPI trial.",
                "Mr. Jones, aged 70, prefers the second.",
            ]
        },
        {
            "Paracetamol 1 g q.i.d. p.r.n. is safe here. The maximum is 4 g per day (i.e. 8 tablets). Reduce it to 3 g in adults under 50 kg.",
            [
                "Paracetamol 1 g q.i.d. p.r.n. is safe here.",
                "The maximum is 4 g per day (i.e. 8 tablets).",
                "Reduce it to 3 g in adults under 50 kg.",
            ]
        },
        {
            "Target BP is below 130/80 mmHg. Use an ACE inhibitor, e.g. ramipril 2.5 mg daily, titrated every 2 wks. Avoid it in pregnancy.",
            [
                "Target BP is below 130/80 mmHg.",
                "Use an ACE inhibitor, e.g. ramipril 2.5 mg daily, titrated every 2 wks.",
                "Avoid it in pregnancy.",
            ]
        },
        {
            "He was seen by Dr. A. Okafor on the ward.\r\nHb was 7.4 g/dL. Transfuse one unit and recheck.",
            [
                "He was seen by Dr. A. Okafor on the ward.",
                "Hb was 7.4 g/dL.",
                "Transfuse one unit and recheck.",
            ]
        },
        {
            "Insulin glargine 0.2 units/kg at bedtime is a reasonable start. Titrate by 2 units every 3 days to a fasting glucose of 4.0–7.0 mmol/L. \"Hypos\" need a dose cut of 10–20%.",
            [
                "Insulin glargine 0.2 units/kg at bedtime is a reasonable start.",
                "Titrate by 2 units every 3 days to a fasting glucose of 4.0–7.0 mmol/L.",
                "\"Hypos\" need a dose cut of 10–20%.",
            ]
        },
        {
            "Warfarin vs. a DOAC: both work. DOACs need no INR checks, fewer interactions, etc. Warfarin remains first choice for mechanical valves.",
            [
                "Warfarin vs. a DOAC: both work.",
                "DOACs need no INR checks, fewer interactions, etc.",
                "Warfarin remains first choice for mechanical valves.",
            ]
        },
        {
            "**Rate control**\n- With no heart failure, a beta-blocker is first line.\n- Digoxin needs a reduced dose in CKD.\n\n## Anticoagulation\nApixaban 5 mg b.i.d. applies. **Avoid** dabigatran.",
            [
                "With no heart failure, a beta-blocker is first line.",
                "Digoxin needs a reduced dose in CKD.",
                "Apixaban 5 mg b.i.d. applies.",
                "**Avoid** dabigatran.",
            ]
        },
    };

    [Theory]
    [MemberData(nameof(Corpus))]
    public void Clinical_text_splits_as_a_clinician_would(string text, string[] expected)
    {
        var sentences = SentenceSplitter.Split(text);

        Assert.Equal(expected, sentences.Select(s => s.Text));
        Assert.Equal(Enumerable.Range(1, expected.Length), sentences.Select(s => s.Number));
    }

    [Theory]
    [MemberData(nameof(Corpus))]
    public void Offsets_reproduce_each_sentence_from_the_original(string text, string[] expected)
    {
        var sentences = SentenceSplitter.Split(text);

        Assert.Equal(expected.Length, sentences.Count);
        Assert.All(sentences, s => Assert.Equal(s.Text, text[s.Start..s.End]));
        Assert.All(sentences.Zip(sentences.Skip(1)), pair => Assert.True(pair.First.End <= pair.Second.Start));
    }

    [Fact]
    public void The_corpus_holds_at_least_forty_sentences()
    {
        Assert.True(Corpus.Sum(row => ((string[])row[1]).Length) >= 40);
    }

    [Fact]
    public void Empty_or_blank_text_has_no_sentences()
    {
        Assert.Empty(SentenceSplitter.Split(""));
        Assert.Empty(SentenceSplitter.Split(" \n\n---\n"));
    }
}
