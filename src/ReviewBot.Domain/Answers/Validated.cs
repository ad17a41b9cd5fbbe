using System.Diagnostics.CodeAnalysis;

namespace ReviewBot.Answers;

/// <summary>Either the typed value, or every problem found, each at its field, so a card can show them all at once.</summary>
public sealed class Validated<T> where T : class
{
    private Validated(T? value, IReadOnlyList<FieldError> errors)
    {
        Value = value;
        Errors = errors;
    }

    public T? Value { get; }
    public IReadOnlyList<FieldError> Errors { get; }

    [MemberNotNullWhen(true, nameof(Value))]
    public bool IsValid => Value is not null;

    public static Validated<T> Valid(T value) => new(value, []);

    public static Validated<T> Invalid(IReadOnlyList<FieldError> errors) =>
        errors.Count > 0 ? new(null, errors) : throw new ArgumentException("An invalid result needs at least one error.", nameof(errors));
}
