using System.Runtime.CompilerServices;
using ReviewBot.Answers;
using ReviewBot.Quality;
using ReviewBot.Tasks;

namespace ReviewBot.Exports;

/// <summary>dpo-sidecar: what the dpo rows leave out, one row per pair under the same <c>pairId</c>: how far apart the
/// two responses were ranked, which of them the clinician flagged as harmful, and how many of the item's rankings
/// put the same response first (the item's agreement). The agreement needs all of an item's answers, so the rows are
/// written once all are read.</summary>
internal static class DpoSidecarRows
{
    public static string PairId(RecordedAnswer recorded, string better, string worse) => $"{recorded.AssignmentId}/{better}>{worse}";

    public static async IAsyncEnumerable<string> OfAsync(IAsyncEnumerable<RecordedAnswer> answers, JsonRow row,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var rankings = new List<(RecordedAnswer Recorded, RankingAnswer Ranking)>();
        await foreach (var answer in answers.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            if (answer.Answer is RankingAnswer ranking)
            {
                rankings.Add((answer, ranking));
            }
        }
        var bestByTask = rankings.GroupBy(r => r.Recorded.TaskId).ToDictionary(g => g.Key, g => g.Select(r => Opinion.Best(r.Ranking)).ToList());
        foreach (var (recorded, ranking) in rankings)
        {
            var bests = bestByTask[recorded.TaskId];
            var agreement = (double)bests.Count(b => b == Opinion.Best(ranking)) / bests.Count;
            foreach (var (better, worse) in PreferenceRows.Pairs(ranking))
            {
                yield return row.Write(writer =>
                {
                    writer.WriteString("pairId", PairId(recorded, better, worse));
                    writer.WriteString("batchId", recorded.BatchId);
                    writer.WriteString("taskId", recorded.TaskId);
                    writer.WriteNumber("rankGap", IndexOf(ranking, worse) - IndexOf(ranking, better));
                    writer.WriteStartArray("harmFlags");
                    foreach (var flagged in ranking.Harmful.Where(id => id == better || id == worse))
                    {
                        writer.WriteStringValue(flagged);
                    }
                    writer.WriteEndArray();
                    writer.WriteNumber("itemAnswers", bests.Count);
                    writer.WriteNumber("itemAgreement", Math.Round(agreement, 3));
                });
            }
        }
    }

    private static int IndexOf(RankingAnswer ranking, string id) => ranking.Ranking.ToList().IndexOf(id);
}
