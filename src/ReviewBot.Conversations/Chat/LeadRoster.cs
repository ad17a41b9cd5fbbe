using ReviewBot.Reviewers;

namespace ReviewBot.Conversations.Chat;

/// <summary>Who leads: roster entries marked <c>lead</c>, and the user keys in Roles:Leads. <see cref="Channel"/> is
/// the leads' own channel for harm alerts (Roles:LeadChannel; with none, alerts go to each lead's DM), and
/// <see cref="TeamChannel"/> where announcements go when the lead names no channel (Roles:TeamChannel).</summary>
public sealed class LeadRoster(IReadOnlyCollection<string> configuredLeads, string? channel, string? teamChannel)
{
    public string? Channel { get; } = string.IsNullOrWhiteSpace(channel) ? null : channel;
    public string? TeamChannel { get; } = string.IsNullOrWhiteSpace(teamChannel) ? null : teamChannel;

    public bool IsLead(string userKey, Reviewer? reviewer) => reviewer?.Lead == true || configuredLeads.Contains(userKey);

    public async Task<IReadOnlyList<string>> AllAsync(IReviewerStore reviewers, CancellationToken cancellationToken)
    {
        var marked = (await reviewers.ListAsync(cancellationToken).ConfigureAwait(false)).Where(r => r.Lead).Select(r => r.Key);
        return marked.Union(configuredLeads).ToList();
    }
}
