using ReviewBot.Answers;
using ReviewBot.Tasks;

namespace ReviewBot.Exports;

/// <summary>dpo: every ordered pair a ranking implies, as {prompt, chosen, rejected}. Three responses ranked
/// strictly give three pairs; a tie gives no pair between the tied two, since neither was preferred.</summary>
internal static class PreferenceRows
{
    public static IEnumerable<string> Of(RecordedAnswer recorded, ClinicalTask? task, JsonRow row)
    {
        if (recorded.Answer is not RankingAnswer ranking || task?.Responses is not { } responses)
        {
            yield break;
        }
        var texts = responses.ToDictionary(r => r.Id, r => r.Text);
        foreach (var (better, worse) in Pairs(ranking))
        {
            yield return row.Write(writer =>
            {
                writer.WriteString("pairId", DpoSidecarRows.PairId(recorded, better, worse));
                writer.WriteString("prompt", task.Prompt);
                writer.WriteString("chosen", texts[better]);
                writer.WriteString("rejected", texts[worse]);
                writer.WriteString("batchId", recorded.BatchId);
                writer.WriteString("taskId", recorded.TaskId);
                writer.WriteString("reviewerKey", recorded.ReviewerKey);
                JsonRow.WriteMetadata(writer, task);
            });
        }
    }

    public static IEnumerable<(string Better, string Worse)> Pairs(RankingAnswer ranking)
    {
        var order = ranking.Ranking;
        for (var i = 0; i < order.Count; i++)
        {
            for (var j = i + 1; j < order.Count; j++)
            {
                if (!RankingNotation.AreTied(ranking, order[i], order[j]))
                {
                    yield return (order[i], order[j]);
                }
            }
        }
    }
}
