using System.Text.RegularExpressions;
using ReviewBot.Conversations.Chat;
using ReviewBot.Reviewers;

namespace ReviewBot.Host.WebChat;

/// <summary>
/// Which conversations a person may read and write in the web chat. A person's direct messages with the bot are the
/// conversation named by their own key (<c>web:amara</c>); the team channel (Roles:TeamChannel) is open to everyone;
/// the leads' channel (Roles:LeadChannel) carries harm alerts and opens to leads only.
/// </summary>
public sealed partial class ChatAccess(LeadRoster leads, IReviewerStore reviewers)
{
    public const string ChannelPrefix = "web:channel:";

    public static bool IsPersonKey(string? key) => key is not null && PersonKey().IsMatch(key);

    public static bool IsChannel(string conversation) => conversation.StartsWith(ChannelPrefix, StringComparison.Ordinal);

    public async Task<IReadOnlyList<Pane>> PanesForAsync(string userKey, CancellationToken cancellationToken)
    {
        var reviewer = await reviewers.GetAsync(userKey, cancellationToken);
        var panes = new List<Pane> { new(userKey, "ReviewBot", "Your tasks and answers", Pane.Direct) };
        if (leads.TeamChannel is { } team && IsChannel(team))
        {
            panes.Add(new Pane(team, "#" + team[ChannelPrefix.Length..], "Announcements for everyone", Pane.Team));
        }
        if (leads.Channel is { } leadChannel && IsChannel(leadChannel) && leads.IsLead(userKey, reviewer))
        {
            panes.Add(new Pane(leadChannel, "#" + leadChannel[ChannelPrefix.Length..], "Harm alerts · leads only", Pane.Leads));
        }
        return panes;
    }

    public async Task<bool> MayUseAsync(string userKey, string conversation, CancellationToken cancellationToken) =>
        (await PanesForAsync(userKey, cancellationToken)).Any(p => p.Key == conversation);

    [GeneratedRegex("^web:[A-Za-z0-9._-]{1,64}$")]
    private static partial Regex PersonKey();
}

/// <summary>A conversation the page shows: the person's chat with the bot, the team channel, or the leads' channel.</summary>
public sealed record Pane(string Key, string Title, string Subtitle, string Kind)
{
    public const string Direct = "direct";
    public const string Team = "team";
    public const string Leads = "leads";
}
