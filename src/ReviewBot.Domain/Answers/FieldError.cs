namespace ReviewBot.Answers;

/// <summary>A problem with one input, placed next to that field on the card or named in an import error.</summary>
public sealed record FieldError(string Field, string Message);
