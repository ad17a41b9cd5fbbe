using System.Globalization;
using System.Text;
using ReviewBot.Tasks;

namespace ReviewBot.Host.Cli;

/// <summary>A batch's progress as a few aligned lines for a terminal.</summary>
internal static class ProgressText
{
    public static string Render(BatchProgress p)
    {
        var text = new StringBuilder();
        var percent = p.Slots == 0 ? 0 : 100.0 * p.SlotsFilled / p.Slots;
        text.AppendLine(CultureInfo.InvariantCulture, $"{p.Name} ({p.BatchId}){(p.Closed ? " — closed" : "")}");
        if (p.DueAt is { } due)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  due          {due:yyyy-MM-dd HH:mm} UTC");
        }
        text.AppendLine(CultureInfo.InvariantCulture, $"  answers      {p.SlotsFilled} of {p.Slots} ({percent:0.#}%), {p.Tasks} tasks × overlap {p.Overlap}, {p.TasksComplete} tasks complete");
        text.AppendLine(CultureInfo.InvariantCulture, $"  by kind      {string.Join(", ", p.AnswersByKind.Select(k => $"{k.Key.ToString().ToLowerInvariant()} {k.Value}"))}");
        text.AppendLine(CultureInfo.InvariantCulture, $"  open now     {p.OpenAssignments}");
        text.AppendLine(CultureInfo.InvariantCulture, $"  skips        {p.Skips}");
        text.AppendLine(CultureInfo.InvariantCulture, $"  median time  {(p.MedianSecondsPerAnswer is { } m ? $"{m:0} s" : "—")}");
        text.AppendLine(CultureInfo.InvariantCulture, $"  harm flags   {p.HarmFlags} ({p.SevereHarmFlags} severe)");
        return text.ToString();
    }
}
