using ReviewBot.Conversations.Chat;
using ReviewBot.Reviewers;
using ReviewBot.Storage;

namespace ReviewBot.Host.Chat;

/// <summary>Tells every lead, through the outbox, that a person cannot be reached on a channel any more. Written to the
/// outbox store itself, not through <see cref="Outbox"/>: the channels that report here are what Outbox delivers with.
/// The message ids are the person's, so a second report of the same loss adds nothing while the first waits; the
/// next periodic sweep delivers them.</summary>
public sealed class ReachLost(RedisOutbox store, LeadRoster leads, IReviewerStore reviewers, TimeProvider clock) : IReachLost
{
    public async Task ReportAsync(string userKey, string channelName, CancellationToken cancellationToken)
    {
        var who = await reviewers.GetAsync(userKey, cancellationToken) is { } reviewer ? $"{reviewer.Name} ({userKey})" : userKey;
        var text = $"{who} has blocked or removed ReviewBot in {channelName}, so nothing more is sent to them there. "
            + "Their open tasks go back to the pool when their leases run out.";
        var everyLead = (await leads.AllAsync(reviewers, cancellationToken)).Where(l => l != userKey).ToList();
        if (everyLead.Count > 0)
        {
            await store.AddAsync(everyLead.Select((lead, i) =>
                new OutboxMessage($"reach-lost:{userKey}#{i + 1}", new DirectText(lead, text).ToJson(), clock.GetUtcNow(), Replaces: false)).ToList());
        }
    }
}
