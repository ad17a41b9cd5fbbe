namespace ReviewBot.Answers;

/// <summary>The written form of a ranking: response ids best first joined by <c>&gt;</c>, a tie between two adjacent
/// ids joined by <c>=</c> ("A&gt;B=C"). Cards, chat and CSV exports all show rankings this way.</summary>
public static class RankingNotation
{
    public static string Format(RankingAnswer answer) => Format(answer.Ranking, answer.Tie);

    public static string Format(IReadOnlyList<string> ranking, IReadOnlyList<string>? tie)
    {
        var tiedAfter = tie is [var first, _] ? IndexOf(ranking, first) : -1;
        return string.Concat(ranking.Select((id, i) => i == 0 ? id : (i - 1 == tiedAfter ? "=" : ">") + id));
    }

    /// <summary>Whether two ids were tied, in either order.</summary>
    public static bool AreTied(RankingAnswer answer, string a, string b) =>
        answer.Tie is [var x, var y] && ((x == a && y == b) || (x == b && y == a));

    private static int IndexOf(IReadOnlyList<string> ranking, string id)
    {
        for (var i = 0; i < ranking.Count; i++)
        {
            if (ranking[i] == id)
            {
                return i;
            }
        }
        return -1;
    }
}
