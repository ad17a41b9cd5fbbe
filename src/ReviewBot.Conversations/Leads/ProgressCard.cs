using System.Text.Json;
using System.Text.Json.Nodes;
using ReviewBot.Answers;
using ReviewBot.Conversations.Chat;
using ReviewBot.Quality;
using ReviewBot.Reviewers;
using ReviewBot.Tasks;

namespace ReviewBot.Conversations.Leads;

/// <summary>A batch's progress as a lead reads it: completion, counts per kind, median time, skips, harm flags,
/// agreement on gold tasks, agreement between reviewers per question, and the slowest reviewers (who may need a word).</summary>
public sealed class ProgressCard(IBatchStore batches, IReviewerStore reviewers, TimeProvider clock)
{
    public async Task<JsonObject?> DataAsync(string batchId, Reviewer? reader, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (await batches.GetProgressAsync(batchId, now, cancellationToken).ConfigureAwait(false) is not { } progress)
        {
            return null;
        }
        var answers = new List<RecordedAnswer>();
        await foreach (var answer in batches.ReadAnswersAsync(batchId, cancellationToken).ConfigureAwait(false))
        {
            answers.Add(answer);
        }
        var roster = (await reviewers.ListAsync(cancellationToken).ConfigureAwait(false)).ToDictionary(r => r.Key);
        // Answers carry the key they came from; a person answering on two channels is still one reviewer.
        string PersonOf(string key) => roster.TryGetValue(key, out var reviewer) ? reviewer.Person : key;
        var zone = reader?.TimeZone;

        var data = new JsonObject
        {
            ["batchId"] = progress.BatchId,
            ["batchName"] = progress.Name + (progress.Closed ? " (closed)" : ""),
            ["answered"] = progress.SlotsFilled,
            ["total"] = progress.Slots,
            ["percent"] = progress.Slots == 0 ? 0 : (int)Math.Floor(100.0 * progress.SlotsFilled / progress.Slots),
            ["inProgress"] = progress.OpenAssignments,
            ["skipped"] = progress.Skips,
            ["reviewers"] = $"{answers.Select(a => PersonOf(a.ReviewerKey)).Distinct().Count()} answered so far",
            ["byKind"] = string.Join(" · ", progress.AnswersByKind.Where(k => k.Value > 0).Select(k => $"{Words(k.Key)} {k.Value}")) is { Length: > 0 } kinds ? kinds : "none yet",
            ["medianTime"] = progress.MedianSecondsPerAnswer is { } median ? Display.Duration((int)median) : "—",
            ["harmFlags"] = progress.HarmFlags == 0 ? "none" : $"{progress.HarmFlags} ({progress.SevereHarmFlags} severe)",
            ["due"] = progress.DueAt is { } due ? Display.When(due, zone) : "no due date",
            ["updated"] = Display.When(now, zone),
        };
        var slowest = answers.GroupBy(a => PersonOf(a.ReviewerKey))
            .Select(g => (Key: g.First().ReviewerKey, Median: Median(g.Select(a => a.ActiveSeconds).ToList()), Count: g.Count()))
            .OrderByDescending(r => r.Median).Take(3)
            .Select(r => (JsonNode)new JsonObject
            {
                ["name"] = roster.TryGetValue(r.Key, out var reviewer) ? reviewer.Name : r.Key,
                ["median"] = $"{Display.Duration(r.Median)} median over {r.Count}",
            }).ToArray();
        if (slowest.Length > 0)
        {
            data["slowest"] = new JsonArray(slowest);
        }
        if (await GoldAgreementAsync(batchId, answers, cancellationToken).ConfigureAwait(false) is { } gold)
        {
            data["goldAgreement"] = gold;
        }
        if (AgreementWords.Summary(BatchAgreement.Of(answers)) is { } agreement)
        {
            data["agreement"] = agreement;
        }
        return data;
    }

    /// <summary>Rankings on gold tasks that put the responses in the gold order, when the gold names a ranking.</summary>
    private async Task<string?> GoldAgreementAsync(string batchId, List<RecordedAnswer> answers, CancellationToken cancellationToken)
    {
        var gold = (await batches.GetTasksAsync(batchId, cancellationToken).ConfigureAwait(false))
            .Where(t => t.Gold is { ValueKind: JsonValueKind.Object } g && g.TryGetProperty("ranking", out _))
            .ToDictionary(t => t.Id, t => t.Gold!.Value.GetProperty("ranking").EnumerateArray().Select(e => e.GetString()).ToList());
        var judged = answers.Where(a => gold.ContainsKey(a.TaskId) && a.Answer is RankingAnswer).ToList();
        if (judged.Count == 0)
        {
            return null;
        }
        var agreeing = judged.Count(a => ((RankingAnswer)a.Answer).Ranking.SequenceEqual(gold[a.TaskId]));
        return $"{100 * agreeing / judged.Count}% on {judged.Count} gold answers";
    }

    private static int Median(List<int> values)
    {
        values.Sort();
        return values.Count % 2 == 1 ? values[values.Count / 2] : (values[values.Count / 2 - 1] + values[values.Count / 2]) / 2;
    }

    private static string Words(TaskKind kind) => kind.ToString().ToLowerInvariant();
}
