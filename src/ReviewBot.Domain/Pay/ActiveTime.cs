using ReviewBot.Tasks;

namespace ReviewBot.Pay;

/// <summary>Time a clinician is paid for: submission minus delivery, capped per kind so that a card left open
/// overnight is not paid as a night's work (DESIGN §4).</summary>
public static class ActiveTime
{
    public static readonly IReadOnlyDictionary<TaskKind, int> DefaultCapMinutes = new Dictionary<TaskKind, int>
    {
        [TaskKind.Evaluate] = 20,
        [TaskKind.Rank] = 20,
        [TaskKind.Respond] = 40,
        [TaskKind.Vignette] = 40,
        [TaskKind.Rubric] = 30,
    };

    public static int CapMinutes(Batch batch, TaskKind kind) =>
        batch.ActiveTimeCapMinutes is { } caps && caps.TryGetValue(kind, out var minutes) ? minutes : DefaultCapMinutes[kind];

    public static int Seconds(Batch batch, TaskKind kind, DateTimeOffset deliveredAt, DateTimeOffset submittedAt)
    {
        var spent = Math.Max(0, (submittedAt - deliveredAt).TotalSeconds);
        return (int)Math.Min(spent, CapMinutes(batch, kind) * 60);
    }
}
