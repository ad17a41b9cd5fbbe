using System.Globalization;

namespace ReviewBot.Quality;

/// <summary>α in words a lead reads at a glance. The bands follow Krippendorff's own guidance (α ≥ 0.800 to rely
/// on the data, ≥ 0.667 for tentative conclusions), with the range below split at 0.40 so that "fair" and
/// "poor" separate items worth a second look from noise.</summary>
public static class AgreementWords
{
    public static string Describe(double? alpha) => alpha switch
    {
        null => "not enough answers yet",
        >= 0.8 => "good",
        >= 0.667 => "tentative",
        >= 0.4 => "fair",
        >= 0 => "poor",
        _ => "worse than chance",
    };

    /// <summary>"harm: α 0.41, fair · best: α 0.80, good": each question with items that two or more answered; null
    /// before there is one.</summary>
    public static string? Summary(IReadOnlyList<QuestionAgreement> questions) =>
        questions.Where(q => q.Units > 0)
            .Select(q => q.Alpha is { } alpha
                ? string.Create(CultureInfo.InvariantCulture, $"{q.Question}: α {alpha:0.00}, {Describe(alpha)}")
                : $"{q.Question}: {Describe(null)}")
            .ToList() is { Count: > 0 } parts ? string.Join(" · ", parts) : null;
}
