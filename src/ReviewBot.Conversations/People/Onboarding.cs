using System.Text.Json.Nodes;
using ReviewBot.Answers;
using ReviewBot.Conversations.Chat;
using ReviewBot.Pay;
using ReviewBot.Reviewers;

namespace ReviewBot.Conversations.People;

/// <summary>
/// First contact and the profile: someone new gets a welcome and a profile card (credential, specialties, time zone,
/// weekly hours). A declared credential stays pending until a lead verifies it, and the leads are told who to check.
/// </summary>
public sealed class Onboarding(IReviewerStore reviewers, LeadRoster leads, PayRates pay, WorkRules rules)
{
    public Task<IReadOnlyList<Reply>> Welcome(ChatContext context, CancellationToken cancellationToken)
    {
        var name = context.Event.UserName ?? "there";
        var welcome = new JsonObject { ["name"] = name, ["payRate"] = PayRange(), ["pending"] = true };
        var profile = ProfileData(null, name);
        IReadOnlyList<Reply> replies = context.Event.InTeamChannel
            ?
            [
                new DirectMessage(context.Event.UserKey, "welcome", welcome),
                new DirectMessage(context.Event.UserKey, "profile", profile),
                new Ephemeral("Welcome! I sent you a direct message to set up your profile."),
            ]
            : [new SendCard("welcome", welcome), new SendCard("profile", profile)];
        return Task.FromResult(replies);
    }

    public Task<IReadOnlyList<Reply>> ShowProfile(ChatContext context, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<Reply>>([new SendCard("profile", ProfileData(context.Reviewer, context.Reviewer?.Name ?? context.Event.UserName))]);

    public async Task<IReadOnlyList<Reply>> SaveProfile(ChatContext context, CancellationToken cancellationToken)
    {
        var action = context.Action;
        var validated = ProfileForm.Read(action.Data);
        if (!validated.IsValid)
        {
            var data = ProfileData(context.Reviewer, action.Value("name") ?? context.Event.UserName);
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
            return [new ReplaceCard("welcome", new JsonObject { ["name"] = saved.Name, ["payRate"] = RateFor(saved), ["pending"] = false })];
        }

        var leadKeys = await leads.AllAsync(reviewers, cancellationToken).ConfigureAwait(false);
        var specialties = string.Join(" ", saved.Specialties);
        List<Reply> replies =
        [
            new ReplaceCard("welcome", new JsonObject { ["name"] = saved.Name, ["payRate"] = RateFor(saved), ["pending"] = true }),
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

    private JsonObject ProfileData(Reviewer? reviewer, string? name) => new()
    {
        ["name"] = name ?? "",
        ["credential"] = reviewer?.Credential?.ToString() ?? "",
        ["specialties"] = string.Join(", ", reviewer?.Specialties ?? []),
        ["timeZone"] = reviewer?.TimeZone ?? "America/New_York",
        ["weeklyHours"] = reviewer?.WeeklyHours ?? rules.DefaultWeeklyHours,
        ["pending"] = reviewer is { Verified: false },
    };
}
