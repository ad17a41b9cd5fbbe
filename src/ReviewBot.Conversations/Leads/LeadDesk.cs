using System.Globalization;
using System.Text.Json.Nodes;
using ReviewBot.Assignments;
using ReviewBot.Conversations.Chat;
using ReviewBot.Pay;
using ReviewBot.Reviewers;
using ReviewBot.Tasks;

namespace ReviewBot.Conversations.Leads;

/// <summary>What leads run a batch with (DESIGN §7): batches, progress, remind, announce, export, close, verify.</summary>
public sealed class LeadDesk(IBatchStore batches, IAssignmentStore assignments, IReviewerStore reviewers, ProgressCard progress,
    LeadRoster leads, PayRates pay, LeadDeskOptions options, TimeProvider clock)
{
    /// <summary>Wraps a lead command: anyone else is told plainly that it is for leads.</summary>
    public static ChatHandler LeadsOnly(ChatHandler handler) => (context, cancellationToken) =>
        context.IsLead
            ? handler(context, cancellationToken)
            : Task.FromResult<IReadOnlyList<Reply>>([new SendText(
                $"Sorry, “{CommandWord(context)}” is for leads. If you need it, ask your lead to add you under Roles:Leads.")]);

    public async Task<IReadOnlyList<Reply>> ListBatches(ChatContext context, CancellationToken cancellationToken)
    {
        var all = await batches.ListAsync(cancellationToken).ConfigureAwait(false);
        if (all.Count == 0)
        {
            return [new SendText("There are no batches yet. Import one with POST /api/batches or the import command.")];
        }
        var lines = new List<string>();
        foreach (var batch in all)
        {
            var p = await batches.GetProgressAsync(batch.Id, clock.GetUtcNow(), cancellationToken).ConfigureAwait(false);
            lines.Add($"• {batch.Id} — {batch.Name}: {p?.SlotsFilled ?? 0} of {p?.Slots ?? 0} answers" +
                (batch.DueAt is { } due ? $", due {Display.When(due, context.Reviewer?.TimeZone)}" : "") + (batch.Closed ? " (closed)" : ""));
        }
        return [new SendText(string.Join("\n", lines))];
    }

    public async Task<IReadOnlyList<Reply>> ShowProgress(ChatContext context, CancellationToken cancellationToken)
    {
        if (BatchIdOf(context) is not { } batchId)
        {
            return [new SendText("Which batch? Say progress <batch id>; batches lists them.")];
        }
        return await progress.DataAsync(batchId, context.Reviewer, cancellationToken).ConfigureAwait(false) is { } data
            ? [context.Event.Action is { Name: "refresh", Card: "progress" } ? new ReplaceCard("progress", data) : new SendCard("progress", data)]
            : [NoSuchBatch(batchId)];
    }

    public async Task<IReadOnlyList<Reply>> Remind(ChatContext context, CancellationToken cancellationToken)
    {
        if (BatchIdOf(context) is not { } batchId)
        {
            return [new SendText("Which batch? Say remind <batch id>.")];
        }
        if (await batches.GetAsync(batchId, cancellationToken).ConfigureAwait(false) is not { } batch)
        {
            return [NoSuchBatch(batchId)];
        }
        var open = await assignments.OpenInBatchAsync(batchId, clock.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        var replies = new List<Reply>();
        foreach (var group in open.GroupBy(a => a.ReviewerKey))
        {
            var reviewer = await reviewers.GetAsync(group.Key, cancellationToken).ConfigureAwait(false);
            replies.Add(new DirectMessage(group.Key, "reminder", new JsonObject
            {
                ["batchId"] = batch.Id,
                ["batchName"] = batch.Name,
                ["openCount"] = group.Count(),
                ["due"] = Display.When(group.Min(a => a.LeaseExpiresAt), reviewer?.TimeZone),
            }));
        }
        replies.Add(new SendText(replies.Count == 0
            ? $"Nobody has an open task in {batch.Id} right now, so there is no one to remind."
            : $"Reminded {replies.Count} {(replies.Count == 1 ? "reviewer" : "reviewers")} with open tasks in {batch.Id}."));
        return replies;
    }

    /// <summary><c>announce &lt;batch&gt; [channel] [at &lt;time&gt;]</c>: a card with a Start button in a team channel.</summary>
    public async Task<IReadOnlyList<Reply>> Announce(ChatContext context, CancellationToken cancellationToken)
    {
        var words = context.Arguments;
        if (words.Count == 0)
        {
            return [new SendText("Which batch? Say announce <batch id> [channel] [at 09:00].")];
        }
        if (await batches.GetAsync(words[0], cancellationToken).ConfigureAwait(false) is not { } batch)
        {
            return [NoSuchBatch(words[0])];
        }
        var at = words.ToList().IndexOf("at");
        var channelWord = words.Skip(1).Take(at < 0 ? int.MaxValue : at - 1).FirstOrDefault();
        var channel = channelWord is null ? (context.Event.InTeamChannel ? context.Event.ConversationKey : leads.TeamChannel)
            : ChannelNamed(channelWord, context.Event.UserKey);
        if (channel is null)
        {
            return [new SendText("Which channel? Say announce <batch id> <channel>, or set Roles:TeamChannel.")];
        }
        DateTimeOffset? when = null;
        if (at >= 0)
        {
            when = ParseTime(string.Join(' ', words.Skip(at + 1)), context.Reviewer?.TimeZone);
            if (when is null)
            {
                return [new SendText("I could not read that time; say at 09:00 (your time) or at 2026-12-01T09:00Z.")];
            }
        }
        var tasks = await batches.GetTasksAsync(batch.Id, cancellationToken).ConfigureAwait(false);
        var data = new JsonObject
        {
            ["batchId"] = batch.Id,
            ["batchName"] = batch.Name,
            ["title"] = $"{tasks.Count} {(tasks.Count == 1 ? "task" : "tasks")} need you: {batch.Name}",
            ["text"] = $"{Describe(tasks)} For {Who(batch)}. Tap Start and your first task arrives in your direct messages.",
            ["pay"] = batch.Pay?.PerTask is { } perTask ? $"{Display.Money(perTask)} per task"
                : $"{Display.HourlyRange(pay)} per hour of active time",
            ["from"] = context.Reviewer?.Name ?? context.Event.UserName ?? "Your lead",
        };
        if (batch.DueAt is { } due)
        {
            data["due"] = Display.When(due, context.Reviewer?.TimeZone);
        }
        return
        [
            new PostToChannel(channel, "announcement", data, when),
            new SendText(when is { } w
                ? $"{batch.Id} will be announced in {ChannelName(channel)} at {Display.When(w, context.Reviewer?.TimeZone)}."
                : $"Announced {batch.Id} in {ChannelName(channel)}."),
        ];
    }

    public async Task<IReadOnlyList<Reply>> Export(ChatContext context, CancellationToken cancellationToken)
    {
        if (context.Arguments.Count == 0)
        {
            return [new SendText("Which batch? Say export <batch id> [jsonl|dpo|sft|csv].")];
        }
        var batchId = context.Arguments[0];
        var format = context.Arguments.ElementAtOrDefault(1)?.ToLowerInvariant() ?? "jsonl";
        if (!Exports.DatasetFormats.TryParse(format, out _))
        {
            return [new SendText($"The format must be {Exports.DatasetFormats.Listed}.")];
        }
        return await batches.GetAsync(batchId, cancellationToken).ConfigureAwait(false) is null
            ? [NoSuchBatch(batchId)]
            : [new SendText($"{batchId} as {format}: {options.PublicBaseUrl.TrimEnd('/')}/api/batches/{Uri.EscapeDataString(batchId)}/export?format={format} (the admin key is needed to download it).")];
    }

    public async Task<IReadOnlyList<Reply>> Close(ChatContext context, CancellationToken cancellationToken)
    {
        if (context.Arguments.Count == 0)
        {
            return [new SendText("Which batch? Say close <batch id>.")];
        }
        var batchId = context.Arguments[0];
        return await batches.CloseAsync(batchId, cancellationToken).ConfigureAwait(false)
            ? [new SendText($"Closed {batchId}: no new tasks go out. Answers on tasks already open are still accepted until their time runs out.")]
            : [NoSuchBatch(batchId)];
    }

    /// <summary><c>verify &lt;user&gt; &lt;credential&gt; [specialties…]</c>; the clinician is told they can start.</summary>
    public async Task<IReadOnlyList<Reply>> Verify(ChatContext context, CancellationToken cancellationToken)
    {
        var words = context.Arguments;
        if (words.Count < 2 || !Enum.TryParse<Credential>(words[1], ignoreCase: true, out var credential) || int.TryParse(words[1], out _))
        {
            return [new SendText($"Say verify <user key> <credential> [specialties…], with a credential of {string.Join(", ", Enum.GetNames<Credential>())}.")];
        }
        var specialties = words.Skip(2).Select(Specialty.Normalize).ToList();
        if (await reviewers.VerifyAsync(words[0], credential, specialties, cancellationToken).ConfigureAwait(false) is not { } verified)
        {
            return [new SendText($"There is no one with the key {words[0]} on the roster. They join by messaging me first.")];
        }
        return
        [
            new SendText($"Verified {verified.Name}: {verified.Credential} in {string.Join(", ", verified.Specialties)}."),
            new DirectMessage(verified.Key, "welcome", new JsonObject
            {
                ["name"] = verified.Name,
                ["payRate"] = $"{Display.Money(pay.HourlyFor(credential))} per hour of active time",
                ["pending"] = false,
            }),
        ];
    }

    private static string? BatchIdOf(ChatContext context) =>
        context.Arguments.FirstOrDefault() ?? context.Event.Action?.Value("batchId");

    private static Reply NoSuchBatch(string batchId) => new SendText($"There is no batch “{batchId}”. Say batches to list them.");

    private static string CommandWord(ChatContext context) =>
        context.Event.Action?.Name ?? (context.Event.Text ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "that";

    /// <summary>A channel as a lead types it: a full key (<c>slack:C0123</c>), or a name (<c>team</c>, <c>#team</c>)
    /// matching a configured channel, or else an id on the lead's own channel.</summary>
    private string ChannelNamed(string word, string userKey)
    {
        if (word.Contains(':'))
        {
            return word;
        }
        var name = word.TrimStart('#');
        return new[] { leads.TeamChannel, leads.Channel }.FirstOrDefault(c => c is not null && c.EndsWith(":" + name, StringComparison.OrdinalIgnoreCase))
            ?? $"{userKey[..Math.Max(0, userKey.IndexOf(':'))]}:{name}";
    }

    private static string ChannelName(string channelKey) => "#" + channelKey[(channelKey.LastIndexOf(':') + 1)..];

    private static string Describe(IReadOnlyList<ClinicalTask> tasks) =>
        string.Join(", ", tasks.GroupBy(t => t.Kind).Select(g => $"{g.Count()} × {Display.Kind(g.Key).ToLowerInvariant()}")) + ".";

    private static string Who(Batch batch)
    {
        var credentials = batch.Requirements?.Credentials is { Count: > 0 } c ? string.Join(", ", c) : "all clinicians";
        return batch.Requirements?.Specialties is { Count: > 0 } s ? $"{credentials} in {string.Join(", ", s)}" : credentials;
    }

    /// <summary>"09:00" (the next such time in the lead's zone) or an ISO 8601 moment.</summary>
    private DateTimeOffset? ParseTime(string text, string? timeZone)
    {
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var moment) && text.Contains('-'))
        {
            return moment;
        }
        if (!TimeOnly.TryParse(text, CultureInfo.InvariantCulture, out var time))
        {
            return null;
        }
        var zone = timeZone is not null && TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out var found) ? found : TimeZoneInfo.Utc;
        var local = TimeZoneInfo.ConvertTime(clock.GetUtcNow(), zone);
        var day = local.TimeOfDay < time.ToTimeSpan() ? local.Date : local.Date.AddDays(1);
        var target = day + time.ToTimeSpan();
        return new DateTimeOffset(target, zone.GetUtcOffset(target));
    }
}

/// <summary>PublicBaseUrl: where people reach this service, for links such as exports.</summary>
public sealed record LeadDeskOptions(string PublicBaseUrl);
