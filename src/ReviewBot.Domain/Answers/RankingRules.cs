using System.Text.Json;
using ReviewBot.Tasks;

namespace ReviewBot.Answers;

/// <summary>DESIGN §4 rank: every response of the task named exactly once, best first, at most one tie between two
/// adjacent responses. Accepts the written form ("A=B&gt;C") or a list of ids, with the tie as "=" in the written
/// form or as a separate <c>tie</c> pair.</summary>
internal static class RankingRules
{
    public static RankingAnswer? Read(ClinicalTask task, AnswerFields fields)
    {
        var ids = task.Responses!.Select(r => r.Id).ToList();
        var ranking = Order(fields, ids, out var tie);
        var rationale = fields.Text("rationale", "The rationale", AnswerValidator.MaxRationale,
            $"Say why you ranked them this way (at least {AnswerValidator.MinRationale} characters).", min: AnswerValidator.MinRationale);
        var harmful = Resolve(fields, "harmful", fields.List("harmful"), ids)?.Distinct().ToList();
        return fields.HasErrors ? null : new RankingAnswer(ranking!, tie, rationale!, harmful!);
    }

    private static List<string>? Order(AnswerFields fields, IReadOnlyList<string> ids, out IReadOnlyList<string>? tie)
    {
        tie = null;
        if (!Tokens(fields, ids, out var tokens, out var tied) || Resolve(fields, "ranking", tokens, ids) is not { } ranking)
        {
            return null;
        }
        var repeated = ranking.GroupBy(id => id).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        var missing = ids.Except(ranking).ToList();
        if (repeated.Count > 0)
        {
            fields.Error("ranking", $"{Quoted(repeated)} appears more than once; name each response once.");
        }
        if (missing.Count > 0)
        {
            fields.Error("ranking", $"The ranking leaves out {Quoted(missing)}; name every response once, best first.");
        }
        if (repeated.Count > 0 || missing.Count > 0 || tied.Count == 0 || Resolve(fields, "tie", tied, ids) is not { } tiedIds)
        {
            return ranking;
        }
        var positions = tiedIds.Select(id => ranking.IndexOf(id)).Order().ToList();
        if (positions is not [var upper, var lower] || lower - upper != 1)
        {
            fields.Error("tie", "A tie joins exactly two responses that sit next to each other in the ranking.");
            return ranking;
        }
        tie = [ranking[upper], ranking[lower]];
        return ranking;
    }

    /// <summary>The ids as typed, best first, and the tied pair if any; false when the ranking cannot be read.</summary>
    private static bool Tokens(AnswerFields fields, IReadOnlyList<string> ids, out IReadOnlyList<string> tokens, out IReadOnlyList<string> tied)
    {
        var example = string.Join(">", ids);
        var raw = fields.Raw("ranking");
        var written = raw is { ValueKind: JsonValueKind.String } value ? value.GetString()!.Trim() : null;
        tokens = [];
        tied = fields.List("tie");
        if (raw is null || written is "")
        {
            fields.Error("ranking", $"Rank the responses best first, e.g. “{example}”; use “=” for a tie (“{ids[0]}={ids[1]}”).");
            return false;
        }
        if (written is null || !written.AsSpan().ContainsAny('>', '='))
        {
            tokens = fields.List("ranking");
            return true;
        }

        var parts = written.Split(['>', '='], StringSplitOptions.TrimEntries);
        var separators = written.Where(c => c is '>' or '=').ToList();
        if (parts.Any(p => p.Length == 0))
        {
            fields.Error("ranking", $"“{written}” is not a ranking. Write the response ids best first, joined by “>” (e.g. “{example}”).");
            return false;
        }
        if (separators.Count(c => c == '=') > 1)
        {
            var tieExample = ids.Count > 2 ? $"{ids[0]}={ids[1]}>{ids[2]}" : $"{ids[0]}={ids[1]}";
            fields.Error("ranking", $"Only two responses can be tied; put the other above or below them (e.g. “{tieExample}”).");
            return false;
        }
        tokens = parts;
        if (separators.IndexOf('=') is var at and >= 0)
        {
            tied = [parts[at], parts[at + 1]];
        }
        return true;
    }

    /// <summary>Maps what was typed to the task's response ids, forgiving case ("a" for "A").</summary>
    private static List<string>? Resolve(AnswerFields fields, string field, IReadOnlyList<string> typed, IReadOnlyList<string> ids)
    {
        var resolved = new List<string>();
        var unknown = new List<string>();
        foreach (var token in typed)
        {
            var id = ids.FirstOrDefault(i => i == token) ?? ids.FirstOrDefault(i => string.Equals(i, token, StringComparison.OrdinalIgnoreCase));
            if (id is null)
            {
                unknown.Add(token);
            }
            else
            {
                resolved.Add(id);
            }
        }
        if (unknown.Count == 0)
        {
            return resolved;
        }
        var verb = unknown.Count == 1 ? "is not one of this task's responses" : "are not among this task's responses";
        fields.Error(field, $"{Quoted(unknown)} {verb} ({string.Join(", ", ids)}).");
        return null;
    }

    private static string Quoted(IEnumerable<string> ids) => string.Join(" and ", ids.Select(id => $"“{id}”"));
}
