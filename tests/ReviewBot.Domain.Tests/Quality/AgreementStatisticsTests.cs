using ReviewBot.Quality;

namespace ReviewBot.Domain.Tests.Quality;

public class AgreementStatisticsTests
{
    /// <summary>Krippendorff, K. (2011). "Computing Krippendorff's Alpha-Reliability", Annenberg School for
    /// Communication, University of Pennsylvania: the reliability data of section C (4 observers A–D × 12 units,
    /// values 1–5, blanks missing). Rows are observers, columns units.</summary>
    private static readonly double?[][] Krippendorff2011 =
    [
        [1, 2, 3, 3, 2, 1, 4, 1, 2, null, null, null],
        [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, null, 3],
        [null, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, null],
        [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, null],
    ];

    /// <summary>Fleiss, J. L. (1971). "Measuring nominal scale agreement among many raters", Psychological Bulletin
    /// 76(5), 378–382, as reproduced in the worked example of Wikipedia's "Fleiss' kappa": 10 subjects, 14 raters
    /// each, 5 categories; each cell counts the raters who chose that category.</summary>
    private static readonly int[][] Fleiss1971 =
    [
        [0, 0, 0, 0, 14],
        [0, 2, 6, 4, 2],
        [0, 0, 3, 5, 6],
        [0, 3, 9, 2, 0],
        [2, 2, 8, 1, 1],
        [7, 7, 0, 0, 0],
        [3, 2, 6, 3, 0],
        [2, 5, 3, 2, 2],
        [6, 5, 2, 1, 0],
        [0, 2, 2, 3, 7],
    ];

    [Theory]
    [InlineData(MeasurementLevel.Nominal, 0.743)]
    [InlineData(MeasurementLevel.Ordinal, 0.815)]
    [InlineData(MeasurementLevel.Interval, 0.849)]
    [InlineData(MeasurementLevel.Ratio, 0.797)]
    public void Alpha_equals_Krippendorff_2011_worked_example(MeasurementLevel level, double published)
    {
        var alpha = KrippendorffAlpha.Compute(Units(Krippendorff2011), level);

        Assert.Equal(published, Math.Round(alpha!.Value, 3));
    }

    [Fact]
    public void Fleiss_kappa_equals_Fleiss_1971_worked_example()
    {
        var kappa = Kappa.Fleiss(Fleiss1971);

        Assert.Equal(0.210, Math.Round(kappa!.Value, 3));
    }

    /// <summary>Cohen, J. (1960) as worked in Wikipedia's "Cohen's kappa" (first example): 50 proposals, both
    /// readers yes on 20, both no on 15, A yes and B no on 5, A no and B yes on 10: κ = 0.4.</summary>
    [Fact]
    public void Cohen_kappa_equals_the_yes_no_worked_example()
    {
        var pairs = Enumerable.Repeat(("yes", "yes"), 20)
            .Concat(Enumerable.Repeat(("no", "no"), 15))
            .Concat(Enumerable.Repeat(("yes", "no"), 5))
            .Concat(Enumerable.Repeat(("no", "yes"), 10));

        Assert.Equal(0.4, Math.Round(Kappa.Cohen(pairs)!.Value, 3));
    }

    [Fact]
    public void Fleiss_kappa_does_not_apply_to_items_with_different_numbers_of_raters()
    {
        Assert.Null(Kappa.Fleiss<string>([["a", "b"], ["a", "a", "b"]]));
    }

    [Fact]
    public void Alpha_is_undefined_without_two_comparable_values()
    {
        Assert.Null(KrippendorffAlpha.Compute([[3, null], [2]], MeasurementLevel.Ordinal));
        Assert.Null(KrippendorffAlpha.Compute([[3, 3], [3, 3, 3]], MeasurementLevel.Interval));
    }

    [Theory]
    [MemberData(nameof(LevelsAndSeeds))]
    public void Alpha_is_one_when_every_rater_agrees(MeasurementLevel level, int seed)
    {
        var random = new Random(seed);
        var units = Enumerable.Range(0, 5 + random.Next(30))
            .Select(i => (double)(1 + (i % 2 == 0 ? 0 : random.Next(1, 5))))
            .Select(value => Enumerable.Range(0, 2 + random.Next(4)).Select(_ => (double?)value).ToArray())
            .ToList();

        Assert.Equal(1.0, KrippendorffAlpha.Compute(units, level)!.Value, 12);
    }

    [Theory]
    [MemberData(nameof(LevelsAndSeeds))]
    public void Alpha_does_not_depend_on_the_order_of_raters_or_of_items(MeasurementLevel level, int seed)
    {
        var random = new Random(seed);
        var raters = 2 + random.Next(5);
        var matrix = Enumerable.Range(0, raters)
            .Select(_ => Enumerable.Range(0, 20).Select(_ => random.Next(4) == 0 ? null : (double?)random.Next(1, 6)).ToArray())
            .ToArray();
        var shuffledRaters = matrix.OrderBy(_ => random.Next()).ToArray();
        var itemOrder = Enumerable.Range(0, 20).OrderBy(_ => random.Next()).ToArray();
        var shuffledItems = matrix.Select(row => itemOrder.Select(i => row[i]).ToArray()).ToArray();

        var alpha = KrippendorffAlpha.Compute(Units(matrix), level);

        Assert.NotNull(alpha);
        Assert.Equal(alpha!.Value, KrippendorffAlpha.Compute(Units(shuffledRaters), level)!.Value, 12);
        Assert.Equal(alpha.Value, KrippendorffAlpha.Compute(Units(shuffledItems), level)!.Value, 12);
    }

    [Theory]
    [InlineData(0.85, "good")]
    [InlineData(0.7, "tentative")]
    [InlineData(0.41, "fair")]
    [InlineData(0.1, "poor")]
    [InlineData(-0.2, "worse than chance")]
    public void Alpha_reads_as_words_a_lead_understands(double alpha, string words)
    {
        Assert.Equal(words, AgreementWords.Describe(alpha));
    }

    public static TheoryData<MeasurementLevel, int> LevelsAndSeeds()
    {
        var data = new TheoryData<MeasurementLevel, int>();
        foreach (var level in Enum.GetValues<MeasurementLevel>())
        {
            foreach (var seed in Enumerable.Range(1, 10))
            {
                data.Add(level, seed);
            }
        }
        return data;
    }

    /// <summary>Observer rows turned into the units (columns) that <see cref="KrippendorffAlpha"/> takes.</summary>
    private static List<double?[]> Units(double?[][] observers) =>
        Enumerable.Range(0, observers[0].Length).Select(u => observers.Select(row => row[u]).ToArray()).ToList();
}
