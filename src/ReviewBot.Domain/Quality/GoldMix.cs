using ReviewBot.Tasks;

namespace ReviewBot.Quality;

/// <summary>Where gold tasks sit among a batch's work. Tasks are offered in order, so spreading the gold tasks evenly
/// at the batch's <see cref="Batch.GoldRate"/> makes every reviewer meet them at that rate, wherever they start, and
/// nothing on the card tells them apart.</summary>
public static class GoldMix
{
    public static IReadOnlyList<ClinicalTask> Order(Batch batch)
    {
        if (batch.GoldRate is not { } rate || rate <= 0)
        {
            return batch.Tasks;
        }
        var gold = new Queue<ClinicalTask>(batch.Tasks.Where(t => t.Gold is not null));
        var regular = new Queue<ClinicalTask>(batch.Tasks.Where(t => t.Gold is null));
        var ordered = new List<ClinicalTask>(batch.Tasks.Count);
        var goldPlaced = 0;
        while (gold.Count > 0 || regular.Count > 0)
        {
            // A gold task goes next once the share so far would reach the rate with it (a hair of slack for rounding).
            if (gold.Count > 0 && (regular.Count == 0 || goldPlaced + 1 <= rate * (ordered.Count + 1) + 1e-9))
            {
                ordered.Add(gold.Dequeue());
                goldPlaced++;
            }
            else
            {
                ordered.Add(regular.Dequeue());
            }
        }
        return ordered;
    }
}
