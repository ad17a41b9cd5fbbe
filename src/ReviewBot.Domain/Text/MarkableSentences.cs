namespace ReviewBot.Text;

/// <summary>A model's answer as the numbered units a clinician marks on a card: its sentences, or, when there are
/// more than <see cref="MaxUnits"/>, runs of consecutive sentences grouped so that the card stays within limits.
/// Card and server both derive the units from the stored text, so a submitted number always means the same span.</summary>
public sealed record MarkableSentences(IReadOnlyList<Sentence> Units, int SentenceCount, int GroupSize)
{
    /// <summary>Twenty units keep a phone's card scrollable, a Teams card well under 28 KB, and Slack's form within
    /// its 100 blocks (a section and a note input per unit).</summary>
    public const int MaxUnits = 20;

    public bool Grouped => GroupSize > 1;

    public static MarkableSentences Of(string text)
    {
        var sentences = SentenceSplitter.Split(text);
        var size = Math.Max(1, (sentences.Count + MaxUnits - 1) / MaxUnits);
        var units = sentences.Chunk(size)
            .Select((group, i) => new Sentence(i + 1, group[0].Start, group[^1].End, text[group[0].Start..group[^1].End]))
            .ToList();
        return new MarkableSentences(units, sentences.Count, size);
    }
}
