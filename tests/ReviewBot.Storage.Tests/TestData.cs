using ReviewBot.Testing;
using ReviewBot.Answers;
using ReviewBot.Assignments;
using ReviewBot.Reviewers;
using ReviewBot.Tasks;

namespace ReviewBot.Storage.Tests;

internal static class TestData
{
    public static string NewId(string stem) => stem + "-" + Guid.NewGuid().ToString("N")[..10];

    public static Batch Batch(string id, int tasks, int overlap = 1, DateTimeOffset? dueAt = null, int leaseMinutes = 30, Requirements? requirements = null) => new()
    {
        Id = id,
        Name = "Test batch " + id,
        Overlap = overlap,
        DueAt = dueAt,
        LeaseMinutes = leaseMinutes,
        Requirements = requirements,
        Tasks = Enumerable.Range(1, tasks).Select(n => Evaluate($"t{n}")).ToList(),
    };

    public static ClinicalTask Evaluate(string id, string prompt = "A 58-year-old man, BP 86/50, lactate 4.6: first steps?") => new()
    {
        Id = id,
        Kind = TaskKind.Evaluate,
        Prompt = prompt,
        Response = "Start 30 mL/kg crystalloid, draw cultures, give broad-spectrum antibiotics within the hour.",
    };

    public static Reviewer Reviewer(string? key = null, Credential credential = Credential.MD, params string[] specialties) => new()
    {
        Key = key ?? NewId("web:r"),
        Name = "Dr. Test",
        Credential = credential,
        Specialties = specialties.Length == 0 ? ["emergency-medicine"] : specialties,
        Verified = true,
    };

    public static EvaluationAnswer GoodEvaluation(Harm harm = Harm.None) =>
        new(4, 4, 5, harm, harm == Harm.None ? null : "Recommends the wrong drug.", harm == Harm.None ? null : "No monitoring plan.");

    public static AnswerSubmission Submission(Assignment assignment, Reviewer reviewer, Answer? answer = null) => new()
    {
        AssignmentId = assignment.Id,
        TaskId = assignment.TaskId,
        Reviewer = reviewer,
        Kind = TaskKind.Evaluate,
        Answer = answer ?? GoodEvaluation(),
        ActiveSecondsCap = 20 * 60,
        HourlyRate = 90m,
    };
}
