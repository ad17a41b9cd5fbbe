using ReviewBot.Answers;

namespace ReviewBot.Quality;

/// <summary>What of an answer decides whether a task needs another opinion: the best response of a ranking (a tie
/// at the top names both), the harm level of an evaluation. The recording script compares these words; the
/// agreement figures read the same parts.</summary>
public static class Opinion
{
    /// <summary>"b:A", "b:A=B" (tied best) or "h:0"–"h:3"; null for kinds that are not compared.</summary>
    public static string? Of(Answer answer) => answer switch
    {
        RankingAnswer ranking => "b:" + Best(ranking),
        EvaluationAnswer evaluation => "h:" + (int)evaluation.Harm,
        _ => null,
    };

    /// <summary>The response ranked first, or the two tied at the top written "A=B" in id order.</summary>
    public static string Best(RankingAnswer ranking) =>
        ranking.Tie is { Count: 2 } tie && tie.Contains(ranking.Ranking[0])
            ? string.Join("=", tie.Order(StringComparer.Ordinal))
            : ranking.Ranking[0];
}
