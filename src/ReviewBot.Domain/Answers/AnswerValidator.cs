using System.Text.Json;
using ReviewBot.Tasks;

namespace ReviewBot.Answers;

/// <summary>Turns the fields a card or an API submitted into a typed answer (DESIGN §4), or says everything that is
/// wrong at once, each problem at its field, in words a clinician can act on.</summary>
public static class AnswerValidator
{
    public const int MaxEvaluationText = 4000;
    public const int MinRationale = 10;
    public const int MaxRationale = 2000;
    public const int MinResponseText = 20;
    public const int MaxResponseText = 8000;
    public const int MaxVignetteTitle = 120;
    public const int MaxVignetteText = 4000;
    public const int MaxVignetteQuestion = 2000;

    public static Validated<Answer> Validate(ClinicalTask task, JsonElement fields)
    {
        if (fields.ValueKind != JsonValueKind.Object)
        {
            return Validated<Answer>.Invalid([new FieldError("", "The answer must be a JSON object of fields.")]);
        }
        if (task.Kind == TaskKind.Rank && task.Responses is not { Count: >= 2 })
        {
            throw new ArgumentException($"Task '{task.Id}' has no responses to rank.", nameof(task));
        }

        var reader = new AnswerFields(fields);
        Answer? answer = task.Kind switch
        {
            TaskKind.Evaluate => Evaluation(task, reader),
            TaskKind.Rank => RankingRules.Read(task, reader),
            TaskKind.Respond => WrittenResponse(reader),
            TaskKind.Vignette => Vignette(reader),
            TaskKind.Rubric => RubricRules.Read(reader),
            _ => throw new ArgumentOutOfRangeException(nameof(task), task.Kind, null),
        };
        return answer is not null && !reader.HasErrors ? Validated<Answer>.Valid(answer) : Validated<Answer>.Invalid(reader.Errors);
    }

    private static EvaluationAnswer? Evaluation(ClinicalTask task, AnswerFields fields)
    {
        var accuracy = Rating(fields, "accuracy", "Accuracy");
        var completeness = Rating(fields, "completeness", "Completeness");
        var appropriateness = Rating(fields, "appropriateness", "Appropriateness");
        var harm = fields.Word<Harm>("harm", "harm",
            $"Choose how much harm following this answer could do: {ContractWords<Harm>.Listed}.");
        var errors = fields.Text("errors", "The errors field", MaxEvaluationText);
        var omissions = fields.Text("omissions", "The omissions field", MaxEvaluationText);
        var marks = SentenceMarks.Read(task.Response ?? "", fields);
        // Harm comes from something wrong or something missing; either one explains it, and so does a marked
        // sentence, so that a clinician on a phone can explain harm with taps alone. Only all three blank is refused.
        if (harm is > Harm.None && errors is null && omissions is null && marks is null)
        {
            fields.Error("errors",
                $"You marked {ContractWords<Harm>.Of(harm.Value)} harm: describe the errors or the omissions behind it (at least one), or mark the sentences that are wrong.");
        }
        if (harm is Harm.None or Harm.Suboptimal && marks?.Any(m => m.Label == MarkLabel.Dangerous) == true)
        {
            fields.Error("harm",
                $"You marked a sentence as dangerous, so following this answer could hurt a patient: choose “Could hurt a patient” or “Could seriously hurt a patient”, or unmark the sentence.");
        }
        return fields.HasErrors
            ? null
            : new EvaluationAnswer(accuracy!.Value, completeness!.Value, appropriateness!.Value, harm!.Value, errors, omissions) { Marks = marks };
    }

    private static int? Rating(AnswerFields fields, string field, string label) =>
        fields.Integer(field, label, 1, 5, $"Rate {label.ToLowerInvariant()} from 1 to 5.");

    private static WrittenResponseAnswer? WrittenResponse(AnswerFields fields)
    {
        var text = fields.Text("text", "Your response", MaxResponseText,
            $"Write your response to the prompt (at least {MinResponseText} characters).", min: MinResponseText);
        return fields.HasErrors ? null : new WrittenResponseAnswer(text!);
    }

    private static VignetteAnswer? Vignette(AnswerFields fields)
    {
        var title = fields.Text("title", "The title", MaxVignetteTitle, "Give the case a short title.");
        var age = fields.Integer("age", "Age", 0, 120, "Give the patient's age in years (0 to 120).");
        var sex = fields.Choice("sex", "sex", ["female", "male", "other"], "Choose the patient's sex: female, male or other.");
        var setting = fields.Text("setting", "The setting", MaxVignetteText, "Describe the setting (where the patient is seen).");
        var history = fields.Text("history", "The history", MaxVignetteText, "Add the history.");
        var exam = fields.Text("exam", "The exam", MaxVignetteText, "Add the examination findings.");
        var labs = fields.Text("labs", "The labs", MaxVignetteText, "Add the labs and investigations (write “none” if there are none).");
        var question = fields.Text("question", "The question", MaxVignetteQuestion);
        var answer = fields.Text("answer", "The answer", MaxVignetteQuestion);
        return fields.HasErrors
            ? null
            : new VignetteAnswer(title!, age!.Value, sex!, setting!, history!, exam!, labs!, question, answer);
    }
}
