using System.Text.Json.Nodes;
using ReviewBot.Answers;
using ReviewBot.Conversations.Chat;
using ReviewBot.Pay;
using ReviewBot.Reviewers;
using ReviewBot.Tasks;

namespace ReviewBot.Conversations.People;

/// <summary>
/// First contact and the profile: someone new gets a welcome and a profile card (credential, specialties, time zone,
/// weekly hours). A declared credential stays pending until a lead verifies it, and the leads are told who to check.
/// </summary>
public sealed class Onboarding(IReviewerStore reviewers, IBatchStore batches, LeadRoster leads, PayRates pay, WorkRules rules)
{
    /// <summary>Words that need no explaining before the profile: the welcome card is the answer to them.</summary>
    private const int MaxSpecialtyLength = 64;

    private static readonly HashSet<string> Greetings = new(StringComparer.OrdinalIgnoreCase) { "hello", "hi", "hey", "help", "profile", "start" };

    public async Task<IReadOnlyList<Reply>> Welcome(ChatContext context, CancellationToken cancellationToken)
    {
        var name = context.Event.UserName ?? "there";
        var welcome = new JsonObject { ["name"] = name, ["payRate"] = PayRange(), ["pending"] = true };
        var profile = await ProfileDataAsync(null, name, cancellationToken).ConfigureAwait(false);
        var why = WhyProfileFirst(context.Event);
        if (context.Event.InTeamChannel)
        {
            return
            [
                new DirectMessage(context.Event.UserKey, "welcome", welcome),
                new DirectMessage(context.Event.UserKey, "profile", profile),
                new Ephemeral((why is null ? "Welcome! " : why + " ") + "I sent you a direct message to set up your profile."),
            ];
        }
        List<Reply> replies = why is null ? [] : [new SendText(why)];
        replies.Add(new SendCard("welcome", welcome));
        replies.Add(new SendCard("profile", profile));
        return replies;
    }

    public async Task<IReadOnlyList<Reply>> ShowProfile(ChatContext context, CancellationToken cancellationToken) =>
        [new SendCard("profile", await ProfileDataAsync(context.Reviewer, context.Reviewer?.Name ?? context.Event.UserName, cancellationToken).ConfigureAwait(false))];

    /// <summary>Someone new who asked for something (next, status, a Start button) learns why they get a form instead.</summary>
    private static string? WhyProfileFirst(ChatEvent chatEvent)
    {
        if (chatEvent.Action is { } action)
        {
            return action.Name is "next" or "start"
                ? "Before I can send you a task, I need your profile: fill in the card below and press Save profile."
                : null;
        }
        var word = (chatEvent.Text ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).FirstOrDefault()?.TrimStart('/');
        if (word is null || Greetings.Contains(word))
        {
            return null;
        }
        return word.ToLowerInvariant() switch
        {
            "next" => "Before I can send you a task, I need your profile: fill in the card below and press Save profile.",
            "status" => "You have no tasks or earnings yet: save your profile below first, and a lead will verify your credential.",
            _ => $"Before I can do “{Display.Quote(word, 30)}”, I need your profile: fill in the card below and press Save profile.",
        };
    }

    public async Task<IReadOnlyList<Reply>> SaveProfile(ChatContext context, CancellationToken cancellationToken)
    {
        var action = context.Action;
        var validated = ProfileForm.Read(action.Data);
        if (!validated.IsValid)
        {
            var data = await ProfileDataAsync(context.Reviewer, action.Value("name") ?? context.Event.UserName, cancellationToken).ConfigureAwait(false);
            var errors = validated.Errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => string.Join(" ", g.Select(e => e.Message)));
            data["errors"] = new JsonObject(errors.Select(e => KeyValuePair.Create(e.Key, (JsonNode?)e.Value)));
            data["values"] = TypedValues(action.Data);
            return [new ShowFieldErrors("profile", data, errors)];
        }

        var declared = validated.Value;
        var saved = context.Reviewer is null
            ? await Join(context.Event.UserKey, declared, cancellationToken).ConfigureAwait(false)
            : await reviewers.UpdateAsync(context.Reviewer.Key, current => declared.ApplyTo(current), cancellationToken).ConfigureAwait(false);
        if (saved!.Verified)
        {
            return [new ReplaceCard("welcome", new JsonObject
            {
                ["name"] = saved.Name, ["payRate"] = RateFor(saved), ["pending"] = false, ["saved"] = "Your profile is saved.",
            })];
        }

        var leadKeys = await leads.AllAsync(reviewers, cancellationToken).ConfigureAwait(false);
        var specialties = string.Join(" ", saved.Specialties);
        List<Reply> replies =
        [
            new ReplaceCard("welcome", new JsonObject
            {
                ["name"] = saved.Name, ["payRate"] = RateFor(saved), ["pending"] = true,
                ["saved"] = "Your profile is saved; a lead will verify your credential. Tasks start once it is verified, and I will message you.",
            }),
        ];
        replies.AddRange(leadKeys.Select(lead => (Reply)new DirectText(lead,
            $"{saved.Name} ({saved.Key}) declared {saved.Credential} in {string.Join(", ", saved.Specialties)}. " +
            $"To let them start: verify {saved.Key} {saved.Credential} {specialties}")));
        return replies;
    }

    /// <summary>What was typed, to put back in the inputs; the hours input takes a number, not its text.</summary>
    private static JsonObject TypedValues(System.Text.Json.JsonElement fields) => new(fields.EnumerateObject()
        .Where(f => f.Value.ValueKind == System.Text.Json.JsonValueKind.String)
        .Select(f => KeyValuePair.Create(f.Name, f.Name == "weeklyHours" && double.TryParse(f.Value.GetString(),
                System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var hours)
            ? JsonValue.Create(hours)
            : (JsonNode?)f.Value.GetString())));

    private async Task<Reviewer> Join(string key, ProfileForm declared, CancellationToken cancellationToken)
    {
        var joined = declared.ApplyTo(new Reviewer { Key = key, Name = declared.Name, WeeklyHours = rules.DefaultWeeklyHours });
        await reviewers.UpsertAsync([joined], cancellationToken).ConfigureAwait(false);
        return joined;
    }

    private string PayRange() =>
        $"{Display.HourlyRange(pay)} per hour of active time, by credential";

    private string RateFor(Reviewer reviewer) =>
        reviewer.Credential is { } credential ? $"{Display.Money(pay.HourlyFor(credential))} per hour of active time" : PayRange();

    private async Task<JsonObject> ProfileDataAsync(Reviewer? reviewer, string? name, CancellationToken cancellationToken) => new()
    {
        ["name"] = name ?? "",
        ["credential"] = reviewer?.Credential?.ToString() ?? "",
        // Comma-separated without spaces: a multi-select reads its selection that way.
        ["specialties"] = string.Join(",", reviewer?.Specialties ?? []),
        ["specialtiesShown"] = string.Join(", ", reviewer?.Specialties ?? []),
        ["specialtyChoices"] = await SpecialtyChoicesAsync(reviewer, cancellationToken).ConfigureAwait(false),
        ["timeZone"] = reviewer?.TimeZone ?? "America/New_York",
        ["weeklyHours"] = reviewer?.WeeklyHours ?? rules.DefaultWeeklyHours,
        ["pending"] = reviewer is { Verified: false },
    };

    /// <summary>The specialties the open batches ask for (and the reviewer's own), so that what a clinician picks is
    /// what a batch matches on; "other" opens a box for the rest.</summary>
    private async Task<JsonArray> SpecialtyChoicesAsync(Reviewer? reviewer, CancellationToken cancellationToken)
    {
        var wanted = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var summary in (await batches.ListAsync(cancellationToken).ConfigureAwait(false)).Where(b => !b.Closed))
        {
            wanted.UnionWith((await batches.GetAsync(summary.Id, cancellationToken).ConfigureAwait(false))?.Requirements?.Specialties ?? []);
            foreach (var task in await batches.GetTasksAsync(summary.Id, cancellationToken).ConfigureAwait(false))
            {
                wanted.UnionWith(task.Requirements?.Specialties ?? []);
            }
        }
        wanted.UnionWith(reviewer?.Specialties ?? []);
        // A choice's value is an id every channel must carry (Slack: 150 characters at most); no real specialty is longer.
        var choices = wanted.Select(Specialty.Normalize).Where(s => s.Length is > 0 and <= MaxSpecialtyLength && s != ProfileForm.OtherSpecialty).Distinct()
            .Select(s => (JsonNode)new JsonObject { ["title"] = Specialty.Title(s), ["value"] = s })
            .Append(new JsonObject { ["title"] = "Other (say which below)", ["value"] = ProfileForm.OtherSpecialty });
        return new JsonArray(choices.ToArray());
    }
}
