using ReviewBot.Reviewers;

namespace ReviewBot.Conversations.Chat;

/// <summary>One event with what the handlers need to know about it: the person on the roster (null for someone
/// new), whether they lead, and the words after a command.</summary>
public sealed record ChatContext(ChatEvent Event, Reviewer? Reviewer, bool IsLead, IReadOnlyList<string> Arguments)
{
    public CardAction Action => Event.Action ?? throw new InvalidOperationException("This handler answers card actions only.");
}

public delegate Task<IReadOnlyList<Reply>> ChatHandler(ChatContext context, CancellationToken cancellationToken);
