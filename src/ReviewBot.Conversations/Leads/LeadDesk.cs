using System.Globalization;
using System.Text.Json.Nodes;
using ReviewBot.Conversations.Chat;
using ReviewBot.Exports;
using ReviewBot.Pay;
using ReviewBot.Reviewers;
using ReviewBot.Tasks;

namespace ReviewBot.Conversations.Leads;

/// <summary>What leads run a batch with (DESIGN §7): batches, progress, remind, announce, export, close, verify.</summary>
public sealed class LeadDesk(IBatchStore batches, IReviewerStore reviewers, ProgressCard progress,
    LeadRoster leads, PayRates pay, ReminderReach reminders, IDownloadLinks links, TimeProvider clock)
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
        var (batch, problem) = await BatchForAsync(context, context.Arguments.FirstOrDefault(), "progress <batch id>", cancellationToken).ConfigureAwait(false);
        if (batch is null)
        {
            return [problem!];
        }
        return await progress.DataAsync(batch.Id, context.Reviewer, cancellationToken).ConfigureAwait(false) is { } data
            ? [context.Event.Action is { Name: "refresh", Card: "progress" } ? new ReplaceCard("progress", data) : new SendCard("progress", data)]
            : [NoSuchBatch(batch.Id)];
    }

    /// <summary><c>remind [batch]</c>: a nudge to everyone holding an open task, and an invitation to every verified
    /// reviewer who could take one of the unfilled slots and has not started; paused people are left alone.</summary>
    public async Task<IReadOnlyList<Reply>> Remind(ChatContext context, CancellationToken cancellationToken)
    {
        var (batch, problem) = await BatchForAsync(context, context.Arguments.FirstOrDefault(), "remind <batch id>", cancellationToken).ConfigureAwait(false);
        if (batch is null)
        {
            return [problem!];
        }
        var (messages, reach) = await reminders.RemindersAsync(batch, deadline: null, cancellationToken).ConfigureAwait(false);
        return [.. messages, new SendText(reach.Summary(batch.Id))];
    }

    /// <summary><c>announce [batch] [channel] [at &lt;time&gt;]</c>: a card with a Start button in a team channel.</summary>
    public async Task<IReadOnlyList<Reply>> Announce(ChatContext context, CancellationToken cancellationToken)
    {
        var words = context.Arguments;
        // A first word that reads as a channel or a time leaves the batch unnamed: the only open one is meant.
        var named = words.Count > 0 && !IsChannelWord(words[0]) && words[0] != "at" ? words[0] : null;
        var (batch, problem) = await BatchForAsync(context, named, "announce <batch id> [channel] [at 09:00]", cancellationToken).ConfigureAwait(false);
        if (batch is null)
        {
            return [problem!];
        }
        var rest = words.Skip(named is null ? 0 : 1).ToList();
        var at = rest.IndexOf("at");
        var channelWord = rest.Take(at < 0 ? int.MaxValue : at).FirstOrDefault();
        var channel = channelWord is null ? (context.Event.InTeamChannel ? context.Event.ConversationKey : leads.TeamChannel)
            : ChannelNamed(channelWord, context.Event.UserKey);
        if (channel is null)
        {
            return [new SendText("Which channel? Say announce <batch id> <channel>, or set Roles:TeamChannel.")];
        }
        DateTimeOffset? when = null;
        if (at >= 0)
        {
            when = ParseTime(string.Join(' ', rest.Skip(at + 1)), context.Reviewer?.TimeZone);
            if (when is null)
            {
                return [new SendText("I could not read that time; say at 09:00 (your time) or at 2026-12-01T09:00Z.")];
            }
        }
        var stand = await batches.GetProgressAsync(batch.Id, clock.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        var openSlots = stand?.OpenSlots ?? 0;
        if (openSlots == 0)
        {
            return [new SendText($"Every slot in {batch.Id} is answered or being worked on, so there is nothing to announce.")];
        }
        var tasks = await batches.GetTasksAsync(batch.Id, cancellationToken).ConfigureAwait(false);
        var data = new JsonObject
        {
            ["batchId"] = batch.Id,
            ["batchName"] = batch.Name,
            ["title"] = $"{openSlots} {(openSlots == 1 ? "task needs" : "tasks need")} you: {batch.Name}",
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
                : $"Announced {batch.Id} in {ChannelName(channel)}: {openSlots} open {(openSlots == 1 ? "slot" : "slots")}."),
        ];
    }

    /// <summary><c>export [batch] [format]</c>: the dataset as a file the lead can download from chat.</summary>
    public async Task<IReadOnlyList<Reply>> Export(ChatContext context, CancellationToken cancellationToken)
    {
        var words = context.Arguments;
        // "export dpo" with one open batch: the word is the format, unless a batch has that id.
        var named = words.Count == 1 && DatasetFormats.TryParse(words[0], out _) && await batches.GetAsync(words[0], cancellationToken).ConfigureAwait(false) is null
            ? null
            : words.FirstOrDefault();
        var (batch, problem) = await BatchForAsync(context, named, $"export <batch id> [{DatasetFormats.Choices}]", cancellationToken).ConfigureAwait(false);
        if (batch is null)
        {
            return [problem!];
        }
        var formatWord = (named is null ? words.FirstOrDefault() : words.ElementAtOrDefault(1))?.ToLowerInvariant() ?? "jsonl";
        if (!DatasetFormats.TryParse(formatWord, out var format))
        {
            return [new SendText($"The format must be {DatasetFormats.Listed}; “{Display.Quote(formatWord)}” is not one.")];
        }
        if (await links.ForExportAsync(batch.Id, format, cancellationToken).ConfigureAwait(false) is not { } link)
        {
            return [new SendText("I cannot give you a download link: this service does not know the address people reach it at. " +
                $"Ask whoever runs ReviewBot to set PublicBaseUrl. Until then the data team can download it from GET /api/batches/{batch.Id}/export?format={formatWord}.")];
        }
        var stand = await batches.GetProgressAsync(batch.Id, clock.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        var answered = stand?.SlotsFilled ?? 0;
        var fileName = DatasetFormats.FileName(batch.Id, format);
        return
        [
            new ShareFile(batch.Id, format, fileName, "export", new JsonObject
            {
                ["batchId"] = batch.Id,
                ["batchName"] = batch.Name,
                ["format"] = formatWord,
                ["fileName"] = fileName,
                ["contents"] = $"{answered} {(answered == 1 ? "answer" : "answers")} recorded so far",
                ["expires"] = Display.When(link.ExpiresAt, context.Reviewer?.TimeZone),
                ["url"] = link.Url,
            }),
        ];
    }

    public async Task<IReadOnlyList<Reply>> Close(ChatContext context, CancellationToken cancellationToken)
    {
        // Unlike the other batch commands, close never picks the only open batch itself: a stray word must not stop work.
        if (context.Arguments.Count == 0)
        {
            return [new SendText("Which batch? Say close <batch id>; closing stops new tasks, so I need its name.")];
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

    /// <summary>The batch a command is about: the one named, the one on the card pressed, or, when the lead names
    /// none, the only open batch. Otherwise the reply says which batches there are.</summary>
    private async Task<(Batch? Batch, Reply? Problem)> BatchForAsync(ChatContext context, string? named, string usage,
        CancellationToken cancellationToken)
    {
        var batchId = named ?? context.Event.Action?.Value("batchId");
        if (batchId is null)
        {
            var open = (await batches.ListAsync(cancellationToken).ConfigureAwait(false)).Where(b => !b.Closed).ToList();
            if (open.Count != 1)
            {
                return (null, new SendText(open.Count == 0
                    ? "There is no open batch right now. Say batches to list them all."
                    : $"Which batch? Say {usage}. Open now: {string.Join(", ", open.Select(b => b.Id))}."));
            }
            batchId = open[0].Id;
        }
        return await batches.GetAsync(batchId, cancellationToken).ConfigureAwait(false) is { } batch
            ? (batch, null)
            : (null, NoSuchBatch(batchId));
    }

    private static bool IsChannelWord(string word) => word.StartsWith('#') || word.Contains(':');

    private static Reply NoSuchBatch(string batchId) => new SendText($"There is no batch “{Display.Quote(batchId)}”. Say batches to list them.");

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
