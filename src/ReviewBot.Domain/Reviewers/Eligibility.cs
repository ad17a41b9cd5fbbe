using ReviewBot.Tasks;

namespace ReviewBot.Reviewers;

/// <summary>Who may work on a task: a verified reviewer, holding one of the required credentials and one of the
/// required specialties when the task asks for them. A task's own list replaces the batch's list of the same kind
/// and leaves the other one standing (a pediatrics vignette in an MD-only batch still needs an MD).</summary>
public static class Eligibility
{
    public static Requirements Effective(Batch batch, ClinicalTask task) => new()
    {
        Credentials = task.Requirements?.Credentials ?? batch.Requirements?.Credentials,
        Specialties = task.Requirements?.Specialties ?? batch.Requirements?.Specialties,
    };

    public static bool IsEligible(Reviewer reviewer, Batch batch, ClinicalTask task) => WhyNotEligible(reviewer, batch, task) is null;

    /// <summary>Null when the reviewer may take the task; otherwise the reason, in words to show them.</summary>
    public static string? WhyNotEligible(Reviewer reviewer, Batch batch, ClinicalTask task)
    {
        if (!reviewer.Verified)
        {
            return "Your credential is waiting for a lead to verify it; tasks start coming once it is.";
        }
        var needs = Effective(batch, task);
        if (needs.Credentials is { Count: > 0 } credentials && (reviewer.Credential is not { } held || !credentials.Contains(held)))
        {
            var wanted = ContractWords.Listed(credentials.Select(c => c.ToString()).ToList());
            return reviewer.Credential is { } c
                ? $"This task is for {wanted}; your profile says {c}."
                : $"This task is for {wanted}; your profile has no credential yet.";
        }
        if (needs.Specialties is { Count: > 0 } specialties)
        {
            var wanted = specialties.Select(Specialty.Normalize).ToHashSet();
            if (!reviewer.Specialties.Any(s => wanted.Contains(Specialty.Normalize(s))))
            {
                return reviewer.Specialties.Count == 0
                    ? $"This task needs a specialty in {ContractWords.Listed(specialties)}; your profile lists no specialty."
                    : $"This task needs a specialty in {ContractWords.Listed(specialties)}; your profile lists {string.Join(", ", reviewer.Specialties)}.";
            }
        }
        return null;
    }
}
