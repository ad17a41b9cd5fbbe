using ReviewBot.Answers;

namespace ReviewBot.Conversations.Work;

/// <summary>One sentence telling the clinician what was recorded, so they can see at a glance it was what they meant.</summary>
public static class Summaries
{
    public static string Of(Answer answer) => answer switch
    {
        EvaluationAnswer e => $"You rated accuracy {e.Accuracy}, completeness {e.Completeness}, appropriateness {e.Appropriateness}; harm: {Harm(e.Harm)}.",
        RankingAnswer r => $"You ranked {RankingNotation.Format(r).Replace(">", " > ").Replace("=", " = ")}" +
            (r.Harmful.Count > 0 ? $" and flagged {string.Join(", ", r.Harmful)} as harmful." : "."),
        WrittenResponseAnswer w => $"Your response ({w.Text.Length:N0} characters) is recorded.",
        VignetteAnswer v => $"Your vignette “{v.Title}” is recorded.",
        RubricAnswer r => $"Your rubric of {r.Criteria.Count} criteria ({r.Criteria.Count(c => c.Points > 0)} to reward, {r.Criteria.Count(c => c.Points < 0)} to penalise) is recorded.",
        _ => "Your answer is recorded.",
    };

    public static string Harm(Harm harm) => harm switch
    {
        Answers.Harm.None => "none",
        Answers.Harm.Suboptimal => "wrong but harmless",
        Answers.Harm.Potential => "could hurt a patient",
        _ => "could seriously hurt a patient",
    };

    public static string Reason(SkipReason reason) => reason switch
    {
        SkipReason.OutsideExpertise => "outside your expertise",
        SkipReason.Unclear => "unclear task",
        _ => "problem with the content",
    };
}
