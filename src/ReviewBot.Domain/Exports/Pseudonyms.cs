using System.Security.Cryptography;
using System.Text;
using ReviewBot.Answers;
using ReviewBot.Quality;

namespace ReviewBot.Exports;

/// <summary>Reviewer keys replaced for one export: the same key gives the same pseudonym within the export, so a
/// buyer can still group rows by reviewer, and a new random salt per export, never stored, means two exports cannot
/// be joined on it and nobody can turn a pseudonym back into a key.</summary>
public sealed class Pseudonyms
{
    private readonly byte[] _salt = RandomNumberGenerator.GetBytes(32);

    public string Of(string reviewerKey) =>
        "r-" + Convert.ToHexStringLower(HMACSHA256.HashData(_salt, Encoding.UTF8.GetBytes(reviewerKey)))[..16];

    public async IAsyncEnumerable<RecordedAnswer> Apply(IAsyncEnumerable<RecordedAnswer> answers)
    {
        await foreach (var answer in answers.ConfigureAwait(false))
        {
            yield return answer with { ReviewerKey = Of(answer.ReviewerKey) };
        }
    }

    public IReadOnlyDictionary<string, FinalLabel> Apply(IReadOnlyDictionary<string, FinalLabel> finals) =>
        finals.ToDictionary(f => f.Key, f => f.Value with { DecidedBy = Of(f.Value.DecidedBy) });
}
