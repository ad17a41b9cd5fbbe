using ReviewBot.Cards.Slack;

namespace ReviewBot.Cards;

/// <summary>Helpers for whoever builds card data.</summary>
public static class CardText
{
    public const int PreviewLength = 300;

    /// <summary>The beginning of a long text, cut at a word break and ended with "…", for the collapsed view of
    /// a model response (<c>responses[].preview</c> on task-rank, <c>responsePreview</c> on task-evaluate).
    /// Without it the card shows the full text clipped, and so carries it twice; Teams refuses a card over 28 KB,
    /// which three 4,000-character responses already pass.</summary>
    public static string Preview(string text, int length = PreviewLength) => TextFit.Truncate(text, length, "…");
}
