namespace ReviewBot.Quality;

/// <summary>Chance-corrected agreement on categories: Fleiss' κ for many raters per item (Fleiss 1971,
/// "Measuring nominal scale agreement among many raters") and Cohen's κ for two raters.</summary>
public static class Kappa
{
    /// <summary>Fleiss' κ over items that each got the same number of ratings (the raters need not be the same
    /// people). Null where it does not apply: fewer than one item, items rated by different numbers of raters,
    /// fewer than two ratings per item, or a single category used throughout.</summary>
    public static double? Fleiss<T>(IEnumerable<IReadOnlyCollection<T>> items) where T : notnull
    {
        var rated = items.ToList();
        if (rated.Count == 0 || rated.Select(i => i.Count).Distinct().Count() != 1 || rated[0].Count < 2)
        {
            return null;
        }
        var raters = (double)rated[0].Count;
        var counts = rated.Select(item => item.GroupBy(c => c).Select(g => (double)g.Count()).ToList()).ToList();
        var observed = counts.Average(item => (item.Sum(n => n * n) - raters) / (raters * (raters - 1)));
        var shares = rated.SelectMany(i => i).GroupBy(c => c).Select(g => g.Count() / (raters * rated.Count));
        var expected = shares.Sum(p => p * p);
        return expected >= 1 ? null : (observed - expected) / (1 - expected);
    }

    /// <summary>Fleiss' κ from a table of counts: one row per item, one column per category, each cell the number
    /// of raters who put the item in that category (the layout of Fleiss' own worked example).</summary>
    public static double? Fleiss(IEnumerable<IReadOnlyList<int>> table) =>
        Fleiss(table.Select(row => (IReadOnlyCollection<int>)row.SelectMany((count, category) => Enumerable.Repeat(category, count)).ToList()));

    /// <summary>Cohen's κ for two raters who rated the same items, pairs in item order. Null with no pairs or when
    /// both raters used one and the same category throughout.</summary>
    public static double? Cohen<T>(IEnumerable<(T First, T Second)> pairs) where T : notnull
    {
        var rated = pairs.ToList();
        if (rated.Count == 0)
        {
            return null;
        }
        double n = rated.Count;
        var observed = rated.Count(p => EqualityComparer<T>.Default.Equals(p.First, p.Second)) / n;
        var first = rated.GroupBy(p => p.First).ToDictionary(g => g.Key, g => g.Count() / n);
        var expected = rated.GroupBy(p => p.Second).Sum(g => first.GetValueOrDefault(g.Key) * g.Count() / n);
        return expected >= 1 ? null : (observed - expected) / (1 - expected);
    }
}
