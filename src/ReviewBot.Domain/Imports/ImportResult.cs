using System.Diagnostics.CodeAnalysis;

namespace ReviewBot.Imports;

/// <summary>All or nothing: the whole value read from a file, or every problem found in it (the first hundred),
/// and never a part of it.</summary>
public sealed class ImportResult<T> where T : class
{
    private ImportResult(T? value, IReadOnlyList<ImportError> errors)
    {
        Value = value;
        Errors = errors;
    }

    public T? Value { get; }
    public IReadOnlyList<ImportError> Errors { get; }

    [MemberNotNullWhen(true, nameof(Value))]
    public bool Succeeded => Value is not null;

    internal static ImportResult<T> Of(T? value, ImportErrors errors) =>
        errors.Any || value is null ? new(null, errors.ToList()) : new(value, []);

    internal static ImportResult<T> Failed(ImportError error) => new(null, [error]);
}
