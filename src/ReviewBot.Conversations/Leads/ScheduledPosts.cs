using System.Text;
using ReviewBot.Conversations.Chat;

namespace ReviewBot.Conversations.Leads;

/// <summary><c>announcements</c> lists what is scheduled to be posted, and what could not be delivered;
/// <c>cancel &lt;id&gt;</c> takes a scheduled post back before it goes.</summary>
public sealed class ScheduledPosts(IScheduledMessages schedule)
{
    public async Task<IReadOnlyList<Reply>> List(ChatContext context, CancellationToken cancellationToken)
    {
        var all = await schedule.ListAsync(cancellationToken).ConfigureAwait(false);
        var posts = all.Where(m => m is { State: ScheduledState.Waiting, Reply: PostToChannel }).ToList();
        var parked = all.Where(m => m.State == ScheduledState.Parked).ToList();
        var text = new StringBuilder(posts.Count == 0 ? "No announcement is scheduled." : "Scheduled announcements:");
        foreach (var post in posts)
        {
            var reply = (PostToChannel)post.Reply;
            var batch = (string?)reply.Data["batchName"] ?? (string?)reply.Data["batchId"] ?? "a batch";
            text.Append($"\n• {post.Id}: {batch} in #{reply.ConversationKey[(reply.ConversationKey.LastIndexOf(':') + 1)..]}, " +
                $"{Display.When(post.At, context.Reviewer?.TimeZone)}. Say cancel {post.Id} to take it back.");
        }
        if (parked.Count > 0)
        {
            text.Append($"\n{parked.Count} {(parked.Count == 1 ? "message" : "messages")} could not be delivered after many tries " +
                $"(GET /api/schedule lists them): {string.Join(", ", parked.Select(p => $"{p.Id} to {Recipient(p.Reply)}"))}.");
        }
        return [new SendText(text.ToString())];
    }

    public async Task<IReadOnlyList<Reply>> Cancel(ChatContext context, CancellationToken cancellationToken)
    {
        if (context.Arguments.FirstOrDefault() is not { } id)
        {
            return [new SendText("Which one? Say cancel <id>; announcements lists them with their ids.")];
        }
        return await schedule.CancelAsync(id, cancellationToken).ConfigureAwait(false)
            ? [new SendText($"Cancelled {id}: it will not be posted.")]
            : [new SendText($"Nothing scheduled has the id “{Display.Quote(id, 20)}” (it may have gone out already). Say announcements to list what is waiting.")];
    }

    private static string Recipient(Reply reply) => reply switch
    {
        PostToChannel post => post.ConversationKey,
        DirectMessage message => message.UserKey,
        DirectText text => text.UserKey,
        _ => "someone",
    };
}
