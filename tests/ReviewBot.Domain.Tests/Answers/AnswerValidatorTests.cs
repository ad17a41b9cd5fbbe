using System.Text.Json;
using ReviewBot.Answers;
using ReviewBot.Tasks;

namespace ReviewBot.Domain.Tests.Answers;

public class AnswerValidatorTests
{
    private static readonly ClinicalTask Evaluate = new() { Id = "t1", Kind = TaskKind.Evaluate, Prompt = "p", Response = "r" };
    private static readonly ClinicalTask RankTwo = new()
    {
        Id = "t2", Kind = TaskKind.Rank, Prompt = "p", Responses = [new("A", "a"), new("B", "b")],
    };
    private static readonly ClinicalTask RankThree = RankTwo with { Responses = [new("A", "a"), new("B", "b"), new("C", "c")] };
    private static readonly ClinicalTask Respond = new() { Id = "t3", Kind = TaskKind.Respond, Prompt = "p" };
    private static readonly ClinicalTask Vignette = new() { Id = "t4", Kind = TaskKind.Vignette, Brief = "b" };

    private const string Rationale = "B omits the repeat potassium.";

    private static JsonElement Fields(string json) => JsonDocument.Parse(json).RootElement.Clone();

    private static T Valid<T>(ClinicalTask task, string json) where T : Answer
    {
        var result = AnswerValidator.Validate(task, Fields(json));
        Assert.True(result.IsValid, string.Join("; ", result.Errors.Select(e => $"{e.Field}: {e.Message}")));
        return Assert.IsType<T>(result.Value);
    }

    private static IReadOnlyList<FieldError> Invalid(ClinicalTask task, string json)
    {
        var result = AnswerValidator.Validate(task, Fields(json));
        Assert.False(result.IsValid);
        return result.Errors;
    }

    private static string MessageAt(IReadOnlyList<FieldError> errors, string field) =>
        Assert.Single(errors, e => e.Field == field).Message;

    [Fact]
    public void Evaluation_from_a_card_reads_numbers_sent_as_strings()
    {
        var answer = Valid<EvaluationAnswer>(Evaluate,
            """{"accuracy":"4","completeness":"3","appropriateness":"5","harm":"none","errors":"","omissions":""}""");

        Assert.Equal(new EvaluationAnswer(4, 3, 5, Harm.None, null, null), answer);
    }

    [Fact]
    public void Evaluation_from_the_api_reads_numbers()
    {
        var answer = Valid<EvaluationAnswer>(Evaluate,
            """{"accuracy":2,"completeness":2,"appropriateness":1,"harm":"severe","errors":"Doubles the insulin dose."}""");

        Assert.Equal(Harm.Severe, answer.Harm);
        Assert.Equal("Doubles the insulin dose.", answer.Errors);
    }

    [Fact]
    public void Empty_evaluation_names_every_missing_field_at_once()
    {
        var errors = Invalid(Evaluate, "{}");

        Assert.Equal(["accuracy", "completeness", "appropriateness", "harm"], errors.Select(e => e.Field));
        Assert.Equal("Rate accuracy from 1 to 5.", MessageAt(errors, "accuracy"));
        Assert.Equal("Choose how much harm following this answer could do: none, suboptimal, potential or severe.", MessageAt(errors, "harm"));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("6")]
    [InlineData("4.5")]
    [InlineData("four")]
    public void Rating_outside_one_to_five_is_refused_quoting_what_was_sent(string rating)
    {
        var errors = Invalid(Evaluate, $$"""{"accuracy":"{{rating}}","completeness":3,"appropriateness":3,"harm":"none"}""");

        Assert.Equal($"Accuracy must be a whole number from 1 to 5; “{rating}” is not.", MessageAt(errors, "accuracy"));
    }

    [Fact]
    public void Unknown_harm_word_lists_the_choices()
    {
        var errors = Invalid(Evaluate, """{"accuracy":3,"completeness":3,"appropriateness":3,"harm":"lethal"}""");

        Assert.Equal("“lethal” is not a harm choice; choose none, suboptimal, potential or severe.", MessageAt(errors, "harm"));
    }

    [Fact]
    public void Harm_above_none_needs_the_errors_or_omissions_behind_it()
    {
        var errors = Invalid(Evaluate, """{"accuracy":3,"completeness":3,"appropriateness":3,"harm":"potential","errors":" "}""");

        Assert.Equal("You marked potential harm: describe the errors or the omissions behind it (at least one), or mark the sentences that are wrong.", MessageAt(errors, "errors"));
    }

    [Fact]
    public void Harm_explained_by_omissions_alone_is_accepted()
    {
        var answer = Valid<EvaluationAnswer>(Evaluate,
            """{"accuracy":3,"completeness":2,"appropriateness":3,"harm":"Suboptimal","omissions":"No mention of renal dosing."}""");

        Assert.Equal(Harm.Suboptimal, answer.Harm);
    }

    [Fact]
    public void Errors_longer_than_4000_characters_are_refused_with_the_count()
    {
        var errors = Invalid(Evaluate,
            $$"""{"accuracy":3,"completeness":3,"appropriateness":3,"harm":"severe","errors":"{{new string('x', 4001)}}"}""");

        Assert.Equal("The errors field is 4,001 characters long; the limit is 4,000. Please shorten it.", MessageAt(errors, "errors"));
    }

    [Fact]
    public void Identifier_in_errors_is_refused_at_that_field_naming_the_words()
    {
        var errors = Invalid(Evaluate,
            """{"accuracy":3,"completeness":3,"appropriateness":3,"harm":"severe","errors":"Same mistake as with John Smith, DOB 03/14/1962."}""");

        Assert.Equal(
            "“John Smith, DOB 03/14/1962” looks like a real patient's name and date of birth. Use an age and a role instead (\"a 58-year-old man\").",
            MessageAt(errors, "errors"));
    }

    [Theory]
    [InlineData("A>B>C", new[] { "A", "B", "C" }, null)]
    [InlineData("C > A > B", new[] { "C", "A", "B" }, null)]
    [InlineData("A=B>C", new[] { "A", "B", "C" }, new[] { "A", "B" })]
    [InlineData("A>C=B", new[] { "A", "C", "B" }, new[] { "C", "B" })]
    [InlineData("b>a>c", new[] { "B", "A", "C" }, null)]
    public void Written_ranking_of_three_is_read_best_first(string ranking, string[] order, string[]? tie)
    {
        var answer = Valid<RankingAnswer>(RankThree, $$"""{"ranking":"{{ranking}}","rationale":"{{Rationale}}"}""");

        Assert.Equal(order, answer.Ranking);
        Assert.Equal(tie, answer.Tie);
    }

    [Theory]
    [InlineData("A>B", new[] { "A", "B" }, null)]
    [InlineData("B>A", new[] { "B", "A" }, null)]
    [InlineData("A=B", new[] { "A", "B" }, new[] { "A", "B" })]
    public void Written_ranking_of_two_is_read_best_first(string ranking, string[] order, string[]? tie)
    {
        var answer = Valid<RankingAnswer>(RankTwo, $$"""{"ranking":"{{ranking}}","rationale":"{{Rationale}}"}""");

        Assert.Equal(order, answer.Ranking);
        Assert.Equal(tie, answer.Tie);
    }

    [Fact]
    public void Ranking_sent_as_an_array_with_a_tie_pair_is_read()
    {
        var answer = Valid<RankingAnswer>(RankThree,
            $$"""{"ranking":["B","C","A"],"tie":["C","B"],"rationale":"{{Rationale}}","harmful":["A"]}""");

        Assert.Equal(["B", "C", "A"], answer.Ranking);
        Assert.Equal(["B", "C"], answer.Tie);
        Assert.Equal(["A"], answer.Harmful);
    }

    [Fact]
    public void Written_ranking_takes_a_tie_chosen_apart_on_the_card()
    {
        var answer = Valid<RankingAnswer>(RankThree, $$"""{"ranking":"A>B>C","tie":"C,B","rationale":"{{Rationale}}"}""");

        Assert.Equal(["B", "C"], answer.Tie);
        Assert.Equal("A>B=C", RankingNotation.Format(answer));
    }

    [Fact]
    public void Harmful_from_a_multi_select_is_comma_separated()
    {
        var answer = Valid<RankingAnswer>(RankThree, $$"""{"ranking":"A>B>C","rationale":"{{Rationale}}","harmful":"B,C"}""");

        Assert.Equal(["B", "C"], answer.Harmful);
    }

    [Fact]
    public void Ranking_that_leaves_a_response_out_names_it()
    {
        var errors = Invalid(RankThree, $$"""{"ranking":"A>B","rationale":"{{Rationale}}"}""");

        Assert.Equal("The ranking leaves out “C”; name every response once, best first.", MessageAt(errors, "ranking"));
    }

    [Fact]
    public void Ranking_that_names_a_response_twice_is_refused()
    {
        var errors = Invalid(RankTwo, $$"""{"ranking":"A>A","rationale":"{{Rationale}}"}""");

        Assert.Equal(
            "“A” appears more than once; name each response once. The ranking leaves out “B”; name every response once, best first.",
            MessageAt(errors, "ranking"));
    }

    [Fact]
    public void Ranking_with_an_unknown_id_lists_the_real_ones()
    {
        var errors = Invalid(RankTwo, $$"""{"ranking":"A>D","rationale":"{{Rationale}}"}""");

        Assert.Equal("“D” is not one of this task's responses (A, B).", MessageAt(errors, "ranking"));
    }

    [Fact]
    public void Three_way_tie_is_refused()
    {
        var errors = Invalid(RankThree, $$"""{"ranking":"A=B=C","rationale":"{{Rationale}}"}""");

        Assert.Equal("Only two responses can be tied; put the other above or below them (e.g. “A=B>C”).", MessageAt(errors, "ranking"));
    }

    [Fact]
    public void Tie_between_responses_that_are_not_adjacent_is_refused()
    {
        var errors = Invalid(RankThree, $$"""{"ranking":["A","B","C"],"tie":["A","C"],"rationale":"{{Rationale}}"}""");

        Assert.Equal("A tie joins exactly two responses that sit next to each other in the ranking.", MessageAt(errors, "tie"));
    }

    [Theory]
    [InlineData("A>>B")]
    [InlineData(">A>B")]
    public void Malformed_written_ranking_shows_the_form_to_use(string ranking)
    {
        var errors = Invalid(RankTwo, $$"""{"ranking":"{{ranking}}","rationale":"{{Rationale}}"}""");

        Assert.Equal($"“{ranking}” is not a ranking. Write the response ids best first, joined by “>” (e.g. “A>B”).", MessageAt(errors, "ranking"));
    }

    [Fact]
    public void Ranking_without_order_rationale_or_known_harmful_ids_reports_each_field()
    {
        var errors = Invalid(RankTwo, """{"ranking":"","rationale":"B worse","harmful":"C"}""");

        Assert.Equal("Rank the responses best first, e.g. “A>B”; use “=” for a tie (“A=B”).", MessageAt(errors, "ranking"));
        Assert.Equal("The rationale needs at least 10 characters; it has 7.", MessageAt(errors, "rationale"));
        Assert.Equal("“C” is not one of this task's responses (A, B).", MessageAt(errors, "harmful"));
    }

    [Fact]
    public void Written_response_needs_twenty_characters()
    {
        var errors = Invalid(Respond, """{"text":"Give aspirin."}""");

        Assert.Equal("Your response needs at least 20 characters; it has 13.", MessageAt(errors, "text"));
    }

    [Fact]
    public void Written_response_is_kept_as_typed_without_surrounding_blanks()
    {
        var answer = Valid<WrittenResponseAnswer>(Respond,
            "{\"text\":\"  Start IV fluids: 30 mL/kg crystalloid within 3 h.\\nRecheck lactate.  \"}");

        Assert.Equal("Start IV fluids: 30 mL/kg crystalloid within 3 h.\nRecheck lactate.", answer.Text);
    }

    [Fact]
    public void Written_response_with_a_phone_number_is_refused()
    {
        var errors = Invalid(Respond, """{"text":"Tell the family to call the ward on (617) 555-0142 tonight."}""");

        Assert.StartsWith("“(617) 555-0142” looks like a phone number.", MessageAt(errors, "text"));
    }

    private const string GoodVignette =
        """
        {"title":"Syncope on exertion","age":"71","sex":"Female","setting":"Emergency department",
         "history":"Two episodes of exertional syncope over a week.","exam":"Harsh late-peaking systolic murmur.",
         "labs":"Troponin 0.02 ng/mL, Hb 12.1 g/dL","question":"Next best test?","answer":"Echocardiography."}
        """;

    [Fact]
    public void Vignette_is_read_with_its_optional_question_and_answer()
    {
        var answer = Valid<VignetteAnswer>(Vignette, GoodVignette);

        Assert.Equal(71, answer.Age);
        Assert.Equal("female", answer.Sex);
        Assert.Equal("Echocardiography.", answer.Answer);
    }

    [Fact]
    public void Vignette_with_missing_parts_names_each_of_them()
    {
        var errors = Invalid(Vignette, """{"title":"Chest pain","age":"130","sex":"unknown"}""");

        Assert.Equal(["age", "sex", "setting", "history", "exam", "labs"], errors.Select(e => e.Field));
        Assert.Equal("Age must be a whole number from 0 to 120; “130” is not.", MessageAt(errors, "age"));
        Assert.Equal("“unknown” is not a sex choice; choose female, male or other.", MessageAt(errors, "sex"));
        Assert.Equal("Add the history.", MessageAt(errors, "history"));
    }

    [Fact]
    public void Vignette_with_a_real_address_says_which_words_and_how_to_rephrase()
    {
        var fields = GoodVignette.Replace("Two episodes", "Lives at 1427 Oak Street. Two episodes");

        var errors = Invalid(Vignette, fields);

        Assert.Equal(
            "“1427 Oak Street” looks like a street address. Describe the setting instead (\"lives alone in a rural town\").",
            MessageAt(errors, "history"));
    }

    [Fact]
    public void Vignette_title_over_120_characters_is_refused()
    {
        var fields = GoodVignette.Replace("Syncope on exertion", new string('t', 121));

        var errors = Invalid(Vignette, fields);

        Assert.Equal("The title is 121 characters long; the limit is 120. Please shorten it.", MessageAt(errors, "title"));
    }

    [Fact]
    public void Fields_that_are_not_an_object_are_refused()
    {
        var errors = Invalid(Respond, "[1,2]");

        Assert.Equal("The answer must be a JSON object of fields.", MessageAt(errors, ""));
    }

    [Fact]
    public void Skip_reads_its_reason_and_note()
    {
        var result = SkipValidator.Validate(Fields("""{"skipReason":"outside-expertise","skipNote":"Neonatal dosing is not my field."}"""));

        Assert.True(result.IsValid);
        Assert.Equal(new SkipRequest(SkipReason.OutsideExpertise, "Neonatal dosing is not my field."), result.Value);
    }

    [Fact]
    public void Skip_without_a_known_reason_lists_the_reasons()
    {
        var result = SkipValidator.Validate(Fields("""{"skipReason":"busy","skipNote":"x"}"""));

        var error = Assert.Single(result.Errors);
        Assert.Equal(new FieldError("skipReason", "“busy” is not a reason choice; choose outside-expertise, unclear or content-problem."), error);
    }

    [Fact]
    public void Skip_note_over_500_characters_is_refused()
    {
        var result = SkipValidator.Validate(Fields($$"""{"skipReason":"unclear","skipNote":"{{new string('n', 501)}}"}"""));

        Assert.Equal(new FieldError("skipNote", "The note is 501 characters long; the limit is 500. Please shorten it."), Assert.Single(result.Errors));
    }
}
