namespace ReviewBot.Quality;

/// <summary>Krippendorff's α for any number of raters, any level of measurement and missing values, computed from
/// the coincidence matrix as in Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability":
/// α = 1 − (n − 1) · Σ o_ck δ²_ck / Σ n_c n_k δ²_ck.</summary>
public static class KrippendorffAlpha
{
    /// <summary>α over <paramref name="units"/>, each the values its raters gave (null where a rater gave none).
    /// Units with fewer than two values cannot be compared and are left out. Null when α is undefined: fewer than
    /// two comparable values, or every comparable value the same (no variation to agree on).</summary>
    public static double? Compute(IEnumerable<IEnumerable<double?>> units, MeasurementLevel level)
    {
        var pairable = units
            .Select(unit => unit.OfType<double>().ToList())
            .Where(values => values.Count >= 2)
            .ToList();
        var values = pairable.SelectMany(v => v).Distinct().Order().ToList();
        if (values.Count < 2)
        {
            return null;
        }
        var index = values.Select((value, i) => (value, i)).ToDictionary(p => p.value, p => p.i);
        var coincidences = Coincidences(pairable, index, values.Count);
        var marginals = Enumerable.Range(0, values.Count)
            .Select(c => Enumerable.Range(0, values.Count).Sum(k => coincidences[c, k]))
            .ToArray();
        var total = marginals.Sum();
        double observed = 0, expected = 0;
        for (var c = 0; c < values.Count; c++)
        {
            for (var k = 0; k < values.Count; k++)
            {
                var distance = Distance(level, values, marginals, c, k);
                observed += coincidences[c, k] * distance;
                expected += marginals[c] * marginals[k] * distance;
            }
        }
        return expected == 0 ? null : 1 - (total - 1) * observed / expected;
    }

    /// <summary>o_ck: every ordered pair of values within a unit, weighted 1/(m_u − 1) so that each unit contributes
    /// as many pairable values as it has.</summary>
    private static double[,] Coincidences(List<List<double>> units, Dictionary<double, int> index, int size)
    {
        var matrix = new double[size, size];
        foreach (var unit in units)
        {
            var weight = 1.0 / (unit.Count - 1);
            for (var i = 0; i < unit.Count; i++)
            {
                for (var j = 0; j < unit.Count; j++)
                {
                    if (i != j)
                    {
                        matrix[index[unit[i]], index[unit[j]]] += weight;
                    }
                }
            }
        }
        return matrix;
    }

    private static double Distance(MeasurementLevel level, List<double> values, double[] marginals, int c, int k)
    {
        if (c == k)
        {
            return 0;
        }
        var (a, b) = (values[c], values[k]);
        switch (level)
        {
            case MeasurementLevel.Nominal:
                return 1;
            case MeasurementLevel.Interval:
                return (a - b) * (a - b);
            case MeasurementLevel.Ratio:
                var relative = (a - b) / (a + b);
                return relative * relative;
            default:
                var (low, high) = c < k ? (c, k) : (k, c);
                var between = 0.0;
                for (var g = low; g <= high; g++)
                {
                    between += marginals[g];
                }
                between -= (marginals[c] + marginals[k]) / 2;
                return between * between;
        }
    }
}
