namespace ReviewBot.Conversations.Chat;

/// <summary>A channel that learns it can no longer reach a person (they blocked or removed the app) says so here, once
/// per loss; the leads are told, and the person's work stays theirs. The host implements it through the outbox; a
/// channel in a project of its own sees only this.</summary>
public interface IReachLost
{
    Task ReportAsync(string userKey, string channelName, CancellationToken cancellationToken);
}
