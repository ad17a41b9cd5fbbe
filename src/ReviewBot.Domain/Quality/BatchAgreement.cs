using ReviewBot.Answers;
using ReviewBot.Tasks;

namespace ReviewBot.Quality;

/// <summary>Agreement per question of a batch, over the items that two or more reviewers answered: evaluations'
/// accuracy, completeness and appropriateness (1–5) and harm (its four levels in order), all ordinal; rankings' best
/// response, nominal.</summary>
public static class BatchAgreement
{
    public static IReadOnlyList<QuestionAgreement> Of(IEnumerable<RecordedAnswer> answers)
    {
        var byTask = answers.GroupBy(a => a.TaskId).ToList();
        var evaluations = byTask.Select(g => g.Select(a => a.Answer).OfType<EvaluationAnswer>().ToList()).Where(e => e.Count > 0).ToList();
        var rankings = byTask.Select(g => g.Select(a => a.Answer).OfType<RankingAnswer>().ToList()).Where(r => r.Count > 0).ToList();
        var questions = new List<QuestionAgreement>();
        if (evaluations.Count > 0)
        {
            questions.Add(Ordinal("accuracy", evaluations, e => e.Accuracy));
            questions.Add(Ordinal("completeness", evaluations, e => e.Completeness));
            questions.Add(Ordinal("appropriateness", evaluations, e => e.Appropriateness));
            questions.Add(Ordinal("harm", evaluations, e => (int)e.Harm));
        }
        if (rankings.Count > 0)
        {
            var units = rankings.Where(r => r.Count >= 2).Select(r => r.Select(Opinion.Best).ToList()).ToList();
            var codes = units.SelectMany(u => u).Distinct().Select((best, i) => (best, i)).ToDictionary(p => p.best, p => (double)p.i);
            questions.Add(new QuestionAgreement("best", TaskKind.Rank, MeasurementLevel.Nominal, units.Count, units.Sum(u => u.Count),
                KrippendorffAlpha.Compute(units.Select(u => u.Select(b => (double?)codes[b])), MeasurementLevel.Nominal),
                Kappa.Fleiss(units.Select(u => (IReadOnlyCollection<string>)u))));
        }
        return questions;
    }

    private static QuestionAgreement Ordinal(string question, List<List<EvaluationAnswer>> items, Func<EvaluationAnswer, int> value)
    {
        var units = items.Where(i => i.Count >= 2).Select(i => i.Select(value).ToList()).ToList();
        return new QuestionAgreement(question, TaskKind.Evaluate, MeasurementLevel.Ordinal, units.Count, units.Sum(u => u.Count),
            KrippendorffAlpha.Compute(units.Select(u => u.Select(v => (double?)v)), MeasurementLevel.Ordinal),
            Kappa.Fleiss(units.Select(u => (IReadOnlyCollection<int>)u)));
    }
}

/// <summary>One question's agreement (the <c>/api/batches/{id}/agreement</c> contract): <see cref="Units"/> items with
/// two or more answers, <see cref="Answers"/> answers on them, α at <see cref="Level"/>, and Fleiss' κ where every
/// such item has the same number of answers (null otherwise).</summary>
public sealed record QuestionAgreement(string Question, TaskKind Kind, MeasurementLevel Level, int Units, int Answers, double? Alpha, double? FleissKappa);
