using System.Text.Json.Nodes;
using ReviewBot.Assignments;
using ReviewBot.Conversations.Chat;
using ReviewBot.Reviewers;
using ReviewBot.Tasks;

namespace ReviewBot.Conversations.Leads;

/// <summary>
/// Whom a lead's <c>remind</c> reaches in a batch: everyone holding an open task, and every verified reviewer who
/// qualifies for some task in it and has not started, while slots are still unfilled. Paused reviewers asked not to
/// be disturbed, so they are counted and left alone. It counts people, not keys: someone who started on one channel
/// has started, and someone who has not is invited once.
/// </summary>
public sealed class ReminderReach(IBatchStore batches, IAssignmentStore assignments, IReviewerStore reviewers, TimeProvider clock)
{
    /// <summary>The reminders themselves: a nudge to each holder about the tasks they hold, an invitation to each
    /// who has not started; with <paramref name="deadline"/> words on each when the batch's due time is near.</summary>
    public async Task<(IReadOnlyList<DirectMessage> Reminders, Reach Reach)> RemindersAsync(Batch batch, string? deadline,
        CancellationToken cancellationToken)
    {
        var reach = await ReachAsync(batch, cancellationToken).ConfigureAwait(false);
        var reminders = new List<DirectMessage>();
        foreach (var holder in reach.Holding)
        {
            reminders.Add(new DirectMessage(holder.Reviewer.Key, "reminder", With(deadline, new JsonObject
            {
                ["batchId"] = batch.Id,
                ["batchName"] = batch.Name,
                ["openCount"] = holder.Open.Count,
                ["due"] = Display.When(holder.Open.Min(a => a.LeaseExpiresAt), holder.Reviewer.TimeZone),
            })));
        }
        foreach (var newcomer in reach.NotStarted)
        {
            var invitation = new JsonObject { ["batchId"] = batch.Id, ["batchName"] = batch.Name, ["openCount"] = 0 };
            if (batch.DueAt is { } due)
            {
                invitation["due"] = Display.When(due, newcomer.TimeZone);
            }
            reminders.Add(new DirectMessage(newcomer.Key, "reminder", With(deadline, invitation)));
        }
        return (reminders, reach);
    }

    private static JsonObject With(string? deadline, JsonObject data)
    {
        if (deadline is not null)
        {
            data["deadline"] = deadline;
        }
        return data;
    }

    public async Task<Reach> ReachAsync(Batch batch, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var roster = (await reviewers.ListAsync(cancellationToken).ConfigureAwait(false)).ToDictionary(r => r.Key);
        string PersonOf(string key) => roster.TryGetValue(key, out var reviewer) ? reviewer.Person : key;

        var open = await assignments.OpenInBatchAsync(batch.Id, now, cancellationToken).ConfigureAwait(false);
        var paused = 0;
        var holding = new List<HeldWork>();
        foreach (var group in open.GroupBy(a => a.ReviewerKey))
        {
            if (!roster.TryGetValue(group.Key, out var holder))
            {
                continue;
            }
            if (holder.IsPausedAt(now))
            {
                paused++;
                continue;
            }
            holding.Add(new HeldWork(holder, group.ToList()));
        }

        var notStarted = new List<Reviewer>();
        var stand = await batches.GetProgressAsync(batch.Id, now, cancellationToken).ConfigureAwait(false);
        if (stand is { Closed: false, OpenSlots: > 0 })
        {
            var started = (await StartedAsync(batch.Id, open, cancellationToken).ConfigureAwait(false)).Select(PersonOf).ToHashSet(StringComparer.Ordinal);
            var kindsOfTask = await DistinctRequirementsAsync(batch, cancellationToken).ConfigureAwait(false);
            // One invitation per person, always to the same key of theirs: the one their person id names, if it is theirs.
            var people = roster.Values.Where(r => r.Verified && !started.Contains(r.Person)).GroupBy(r => r.Person)
                .Select(person => person.OrderBy(r => r.Key == person.Key ? 0 : 1).ThenBy(r => r.Key, StringComparer.Ordinal).First());
            foreach (var reviewer in people.OrderBy(r => r.Key, StringComparer.Ordinal))
            {
                if (!kindsOfTask.Any(task => Eligibility.IsEligible(reviewer, batch, task)))
                {
                    continue;
                }
                if (reviewer.IsPausedAt(now))
                {
                    paused++;
                    continue;
                }
                notStarted.Add(reviewer);
            }
        }
        return new Reach(holding, notStarted, paused);
    }

    private async Task<HashSet<string>> StartedAsync(string batchId, IReadOnlyList<Assignment> open, CancellationToken cancellationToken)
    {
        var started = open.Select(a => a.ReviewerKey).ToHashSet(StringComparer.Ordinal);
        await foreach (var answer in batches.ReadAnswersAsync(batchId, cancellationToken).ConfigureAwait(false))
        {
            started.Add(answer.ReviewerKey);
        }
        await foreach (var skip in batches.ReadSkipsAsync(batchId, cancellationToken).ConfigureAwait(false))
        {
            started.Add(skip.ReviewerKey);
        }
        return started;
    }

    /// <summary>One task for each distinct set of requirements: a 5,000-task batch usually has a handful, so checking
    /// every reviewer against those is enough to know who qualifies for something.</summary>
    private async Task<IReadOnlyList<ClinicalTask>> DistinctRequirementsAsync(Batch batch, CancellationToken cancellationToken)
    {
        var tasks = await batches.GetTasksAsync(batch.Id, cancellationToken).ConfigureAwait(false);
        return tasks.GroupBy(task =>
            {
                var needs = Eligibility.Effective(batch, task);
                return string.Join(",", needs.Credentials ?? []) + "|" + string.Join(",", needs.Specialties ?? []);
            })
            .Select(g => g.First())
            .ToList();
    }
}

/// <summary>A reviewer and the open tasks they hold in the batch.</summary>
public sealed record HeldWork(Reviewer Reviewer, IReadOnlyList<Assignment> Open);

public sealed record Reach(IReadOnlyList<HeldWork> Holding, IReadOnlyList<Reviewer> NotStarted, int Paused)
{
    public int Count => Holding.Count + NotStarted.Count;

    /// <summary>What the lead is told: how many were reached, and which way.</summary>
    public string Summary(string batchId)
    {
        var paused = Paused == 0 ? "" : $" {Paused} paused {(Paused == 1 ? "reviewer was" : "reviewers were")} left alone.";
        if (Count == 0)
        {
            return $"Nobody to remind in {batchId}: no one holds an open task, and every verified reviewer who qualifies has started or the slots are full.{paused}";
        }
        return $"Reminded {Count} {(Count == 1 ? "reviewer" : "reviewers")} in {batchId}: {Holding.Count} with an open task, " +
            $"{NotStarted.Count} who {(NotStarted.Count == 1 ? "qualifies" : "qualify")} and {(NotStarted.Count == 1 ? "has" : "have")} not started.{paused} " +
            "Anyone in their quiet hours gets it in their morning.";
    }
}
