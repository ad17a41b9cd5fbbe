namespace ReviewBot.Reviewers;

/// <summary>The roster: who may work, with which credential and specialties.</summary>
public interface IReviewerStore
{
    /// <summary>Idempotent on <see cref="Reviewer.Key"/>: the roster file is the authority for the people it lists. Keys
    /// linked by <see cref="Reviewer.AlsoKnownAs"/> become, or stay, one person, with a record under every key.</summary>
    Task UpsertAsync(IReadOnlyList<Reviewer> reviewers, CancellationToken cancellationToken = default);

    Task<Reviewer?> GetAsync(string key, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<Reviewer>> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>Marks the credential (and, when given, the specialties) as checked by a lead. Null when unknown.</summary>
    Task<Reviewer?> VerifyAsync(string key, Credential credential, IReadOnlyList<string>? specialties, CancellationToken cancellationToken = default);

    /// <summary>Changes one person, on every key of theirs, without losing a change made at the same moment elsewhere
    /// (a profile edit racing a lead's verification). The key, person id and aliases stay as they are. Null when
    /// unknown.</summary>
    Task<Reviewer?> UpdateAsync(string key, Func<Reviewer, Reviewer> change, CancellationToken cancellationToken = default);
}
