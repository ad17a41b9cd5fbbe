using ReviewBot.Reviewers;
using ReviewBot.Tasks;

namespace ReviewBot.Answers;

/// <summary>What an answer sets off once it is recorded (a harm alert to the leads), as messages the store keeps in
/// its outbox until they are delivered. Decided before recording, so they are written in the same atomic step.</summary>
public interface IAnswerFollowUps
{
    Task<IReadOnlyList<string>> ForAsync(Reviewer by, Batch batch, ClinicalTask task, string assignmentId, Answer answer,
        CancellationToken cancellationToken);
}
