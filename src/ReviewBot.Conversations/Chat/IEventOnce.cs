namespace ReviewBot.Conversations.Chat;

/// <summary>Runs a platform event once across instances: a repeat of the same id gets the first run's result and sets
/// off nothing. The host implements it on Redis; a channel in a project of its own sees only this.</summary>
public interface IEventOnce
{
    Task<T> RunAsync<T>(string? eventId, Func<Task<T>> turn, CancellationToken cancellationToken);
}
