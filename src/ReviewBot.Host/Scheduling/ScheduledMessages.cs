using System.Security.Cryptography;
using System.Text;
using ReviewBot.Conversations.Chat;
using ReviewBot.Conversations.Leads;
using ReviewBot.Storage;

namespace ReviewBot.Host.Scheduling;

/// <summary>The outboxes as leads and the admin API see them: every message under a short id (eight letters of a
/// hash of where it is), soonest first.</summary>
public sealed class ScheduledMessages(RedisOutbox store, TimeProvider clock) : IScheduledMessages
{
    public async Task<IReadOnlyList<ScheduledMessage>> ListAsync(CancellationToken cancellationToken) =>
        (await EntriesAsync()).Select(e => e.Message).OrderBy(m => m.At).ToList();

    public async Task<bool> CancelAsync(string id, CancellationToken cancellationToken)
    {
        var found = (await EntriesAsync()).Where(e => string.Equals(e.Message.Id, id, StringComparison.OrdinalIgnoreCase)).ToList();
        return found.Count == 1 && await store.CancelAsync(found[0].Outbox, found[0].StoredId, clock.GetUtcNow());
    }

    private async Task<List<(OutboxKeys Outbox, string StoredId, ScheduledMessage Message)>> EntriesAsync()
    {
        var now = clock.GetUtcNow();
        var entries = new List<(OutboxKeys, string, ScheduledMessage)>();
        foreach (var outbox in await store.AllAsync())
        {
            foreach (var entry in await store.ListAsync(outbox, now))
            {
                var state = entry.State switch
                {
                    OutboxState.InFlight => ScheduledState.InFlight,
                    OutboxState.Parked => ScheduledState.Parked,
                    _ => ScheduledState.Waiting,
                };
                entries.Add((outbox, entry.Id, new ScheduledMessage(ShortId(outbox, entry.Id), Reply.FromJson(entry.Json), entry.At, state, entry.Failures)));
            }
        }
        return entries;
    }

    private static string ShortId(OutboxKeys outbox, string id) =>
        Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes($"{outbox.Items}\n{id}")))[..8];
}
