using System.Text.Json;

namespace ReviewBot.Answers;

/// <summary>Why a clinician handed a task back, with an optional note for the data team.</summary>
public sealed record SkipRequest(SkipReason Reason, string? Note);

/// <summary>Reads a skip submission: <c>skipReason</c> (<c>outside-expertise</c>, <c>unclear</c>,
/// <c>content-problem</c>) and an optional <c>skipNote</c>, which passes the identifier guard like any free text.</summary>
public static class SkipValidator
{
    public const int MaxNote = 500;

    public static Validated<SkipRequest> Validate(JsonElement fields)
    {
        if (fields.ValueKind != JsonValueKind.Object)
        {
            return Validated<SkipRequest>.Invalid([new FieldError("", "The skip must be a JSON object of fields.")]);
        }
        var reader = new AnswerFields(fields);
        var reason = reader.Word<SkipReason>("skipReason", "reason",
            $"Say why you are skipping: {ContractWords<SkipReason>.Listed}.");
        var note = reader.Text("skipNote", "The note", MaxNote);
        return reader.HasErrors ? Validated<SkipRequest>.Invalid(reader.Errors) : Validated<SkipRequest>.Valid(new SkipRequest(reason!.Value, note));
    }
}
