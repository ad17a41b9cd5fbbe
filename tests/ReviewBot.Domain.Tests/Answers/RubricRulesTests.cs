using System.Text.Json;
using ReviewBot.Answers;
using ReviewBot.Tasks;

namespace ReviewBot.Domain.Tests.Answers;

/// <summary>Rubric criteria: 3 to 10, distinct, at least one positive, each within bounds and free of identifiers.</summary>
public class RubricRulesTests
{
    private static readonly ClinicalTask Rubric = new() { Id = "rb1", Kind = TaskKind.Rubric, Prompt = "Should I stop aspirin before a tooth extraction?" };

    private static JsonElement Fields(object fields) => JsonSerializer.SerializeToElement(fields);

    private static object Criterion(string text, int points = 5, string axis = "accuracy") => new { criterion = text, points, axis };

    private static readonly object[] Three =
    [
        Criterion("Advises continuing aspirin for a simple extraction", 7),
        Criterion("Explains local measures such as pressure and sutures", 4, "completeness"),
        Criterion("Tells the patient to stop aspirin a week before", -8),
    ];

    [Fact]
    public void Three_criteria_from_the_api_are_recorded_in_order()
    {
        var result = AnswerValidator.Validate(Rubric, Fields(new { criteria = Three }));

        Assert.True(result.IsValid, string.Join("; ", result.Errors.Select(e => e.Message)));
        var answer = Assert.IsType<RubricAnswer>(result.Value);
        Assert.Equal([7, 4, -8], answer.Criteria.Select(c => c.Points));
        Assert.Equal(RubricAxis.Completeness, answer.Criteria[1].Axis);
    }

    [Fact]
    public void The_list_a_card_carries_as_text_and_the_criterion_being_written_count_together()
    {
        var result = AnswerValidator.Validate(Rubric, Fields(new
        {
            criteria = JsonSerializer.Serialize(Three[..2]),
            criterion = "Recommends paracetamol rather than ibuprofen afterwards", points = "3", axis = "context_awareness",
        }));

        Assert.True(result.IsValid, string.Join("; ", result.Errors.Select(e => e.Message)));
        Assert.Equal(3, ((RubricAnswer)result.Value).Criteria.Count);
        Assert.Equal(RubricAxis.ContextAwareness, ((RubricAnswer)result.Value).Criteria[2].Axis);
    }

    [Fact]
    public void Numbered_rows_from_a_form_that_shows_them_all_are_read()
    {
        var result = AnswerValidator.Validate(Rubric, Fields(new Dictionary<string, string>
        {
            ["criterion1"] = "Advises continuing aspirin for a simple extraction", ["points1"] = "7", ["axis1"] = "accuracy",
            ["criterion2"] = "Mentions telling the dentist about the aspirin", ["points2"] = "3", ["axis2"] = "completeness",
            ["criterion3"] = "Uses plain language without jargon", ["points3"] = "2", ["axis3"] = "communication_quality",
            ["criterion4"] = "", ["points4"] = "", ["axis4"] = "",
        }));

        Assert.True(result.IsValid, string.Join("; ", result.Errors.Select(e => e.Message)));
        Assert.Equal(3, ((RubricAnswer)result.Value).Criteria.Count);
    }

    [Fact]
    public void Too_few_repeated_or_only_negative_criteria_are_refused_with_why()
    {
        var few = AnswerValidator.Validate(Rubric, Fields(new { criteria = Three[..2] }));
        var repeated = AnswerValidator.Validate(Rubric, Fields(new { criteria = new[] { Three[0], Three[1], Criterion("advises  continuing aspirin for a simple extraction.") } }));
        var negative = AnswerValidator.Validate(Rubric, Fields(new
        {
            criteria = new[] { Criterion("Says to stop aspirin for a week", -5), Criterion("Recommends ibuprofen for the pain", -4), Criterion("Suggests bridging with heparin", -6) },
        }));

        Assert.Equal("A rubric needs 3 to 10 criteria; this one has 2.", Assert.Single(few.Errors).Message);
        Assert.Equal("Criterion 3 repeats criterion 1; each criterion must say something different.", Assert.Single(repeated.Errors).Message);
        Assert.Equal("At least one criterion must give positive points: something a good answer does.", Assert.Single(negative.Errors).Message);
    }

    [Fact]
    public void Adding_a_criterion_with_an_identifier_is_refused_naming_the_words()
    {
        var added = RubricRules.Add(Fields(new
        {
            criteria = JsonSerializer.Serialize(Three[..1]),
            criterion = "Tells the patient to email jane.doe@example.com with questions", points = "2", axis = "completeness",
        }));

        var error = Assert.Single(added.Errors);
        Assert.Equal("criterion", error.Field);
        Assert.StartsWith("“jane.doe@example.com” looks like an email address", error.Message);
    }

    [Fact]
    public void Adding_checks_points_axis_length_and_repeats()
    {
        var added = RubricRules.Add(Fields(new { criteria = JsonSerializer.Serialize(Three[..1]), criterion = "Short", points = "0", axis = "tone" }));
        var repeat = RubricRules.Add(Fields(new { criteria = JsonSerializer.Serialize(Three[..1]), criterion = "Advises continuing aspirin for a simple extraction", points = "2", axis = "accuracy" }));

        Assert.Equal(["criterion", "points", "axis"], added.Errors.Select(e => e.Field));
        Assert.Equal("This repeats criterion 1; write a different one.", Assert.Single(repeat.Errors).Message);
    }

    [Fact]
    public void A_criterion_in_the_list_with_an_identifier_is_refused_with_its_number()
    {
        var result = AnswerValidator.Validate(Rubric, Fields(new { criteria = new[] { Three[0], Three[1], Criterion("Asks the patient to call 555-867-5309 if bleeding continues") } }));

        Assert.StartsWith("Criterion 3: “555-867-5309” looks like a phone number", Assert.Single(result.Errors).Message);
    }
}
