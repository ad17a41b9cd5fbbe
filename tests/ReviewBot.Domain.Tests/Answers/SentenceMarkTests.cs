using System.Text.Json;
using ReviewBot.Answers;
using ReviewBot.Tasks;
using ReviewBot.Text;

namespace ReviewBot.Domain.Tests.Answers;

/// <summary>Sentences marked on an evaluation: numbers from a card become offsets into the response; offsets from
/// the API are checked against it.</summary>
public class SentenceMarkTests
{
    private const string Response = "Continue aspirin 75 mg daily. Stop it 7 days before the extraction. Dr. Lee can use sutures.";
    private static readonly ClinicalTask Evaluate = new() { Id = "t1", Kind = TaskKind.Evaluate, Prompt = "p", Response = Response };
    private const string Ratings = "\"accuracy\":\"2\",\"completeness\":\"3\",\"appropriateness\":\"2\"";

    private static Validated<Answer> Validate(string json, ClinicalTask? task = null) =>
        AnswerValidator.Validate(task ?? Evaluate, JsonDocument.Parse(json).RootElement.Clone());

    [Fact]
    public void Tapped_sentence_numbers_become_offsets_with_labels_and_notes()
    {
        var result = Validate($$"""{{{Ratings}},"harm":"potential","wrongSentences":"3","dangerousSentences":"2","sentenceNote2":"Not needed for one tooth."}""");

        Assert.True(result.IsValid, string.Join("; ", result.Errors.Select(e => e.Message)));
        var marks = ((EvaluationAnswer)result.Value).Marks!;
        Assert.Equal(["Stop it 7 days before the extraction.", "Dr. Lee can use sutures."], marks.Select(m => Response[m.Start..m.End]));
        Assert.Equal([MarkLabel.Dangerous, MarkLabel.Wrong], marks.Select(m => m.Label));
        Assert.Equal("Not needed for one tooth.", marks[0].Note);
        Assert.Null(marks[1].Note);
    }

    [Fact]
    public void A_sentence_number_outside_the_answer_is_refused_at_its_field()
    {
        var result = Validate($$"""{{{Ratings}},"harm":"suboptimal","wrongSentences":"1,4"}""");

        var error = Assert.Single(result.Errors);
        Assert.Equal("wrongSentences", error.Field);
        Assert.Equal("“4” is not a sentence of this answer; they are numbered 1 to 3.", error.Message);
    }

    [Fact]
    public void A_note_on_an_unmarked_sentence_or_with_an_identifier_is_refused()
    {
        var result = Validate($$"""{{{Ratings}},"harm":"suboptimal","wrongSentences":"1","sentenceNote1":"Call 555-867-5309.","sentenceNote3":"ok"}""");

        Assert.Contains("“555-867-5309” looks like a phone number", Assert.Single(result.Errors, e => e.Field == "sentenceNote1").Message);
        Assert.Equal("Sentence 3 has a note but is not marked: mark it wrong or dangerous, or clear the note.",
            Assert.Single(result.Errors, e => e.Field == "sentenceNote3").Message);
    }

    [Fact]
    public void A_dangerous_sentence_needs_harm_that_could_hurt_a_patient()
    {
        var result = Validate($$"""{{{Ratings}},"harm":"none","dangerousSentences":"2"}""");

        Assert.StartsWith("You marked a sentence as dangerous", Assert.Single(result.Errors, e => e.Field == "harm").Message);
    }

    [Fact]
    public void Offsets_from_the_api_must_lie_inside_the_response_and_carry_a_known_label()
    {
        var result = Validate($$"""{{{Ratings}},"harm":"suboptimal","marks":[{"start":0,"end":29,"label":"wrong"},{"start":80,"end":200,"label":"wrong"},{"start":0,"end":5,"label":"odd"}]}""");

        var message = Assert.Single(result.Errors, e => e.Field == "marks").Message;
        Assert.Contains($"Mark 2 runs from 80 to 200, outside the response (0 to {Response.Length}", message);
        Assert.Contains("Mark 3 has label “odd”; use wrong or dangerous.", message);
        Assert.DoesNotContain("Mark 1", message);
    }

    [Fact]
    public void Offsets_from_the_api_are_kept_as_sent()
    {
        var result = Validate($$"""{{{Ratings}},"harm":"suboptimal","marks":[{"start":30,"end":67,"label":"wrong","note":"Too long."}]}""");

        Assert.True(result.IsValid);
        Assert.Equal(new SentenceMark(30, 67, MarkLabel.Wrong, "Too long."), Assert.Single(((EvaluationAnswer)result.Value).Marks!));
    }

    [Fact]
    public void More_sentences_than_a_card_holds_are_grouped_and_still_cover_the_text()
    {
        var text = string.Join(" ", Enumerable.Range(1, 45).Select(i => $"Sentence number {i} is here."));

        var markable = MarkableSentences.Of(text);

        Assert.Equal(45, markable.SentenceCount);
        Assert.Equal(3, markable.GroupSize);
        Assert.Equal(15, markable.Units.Count);
        Assert.Equal("Sentence number 4 is here. Sentence number 5 is here. Sentence number 6 is here.", markable.Units[1].Text);
        Assert.All(markable.Units, u => Assert.Equal(u.Text, text[u.Start..u.End]));
    }
}
