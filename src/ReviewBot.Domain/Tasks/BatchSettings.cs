using System.Text.Json;
using ReviewBot.Imports;

namespace ReviewBot.Tasks;

/// <summary>A batch's own fields (everything but its tasks), from a JSON document or from a JSON Lines import's
/// query string, under the same rules and messages.</summary>
internal static class BatchSettings
{
    public static Batch? FromDocument(JsonElement root, ImportScope scope)
    {
        var batch = Read(scope,
            id: scope.Scalar(root, "id"),
            name: scope.Scalar(root, "name"),
            overlap: ImportScope.Get(root, "overlap") is { ValueKind: JsonValueKind.Object } range
                ? scope.At("overlap").Scalar(range, "min")
                : scope.Scalar(root, "overlap"),
            leaseMinutes: scope.Scalar(root, "leaseMinutes"),
            dueAt: scope.Scalar(root, "dueAt"),
            guidelinesUrl: scope.Scalar(root, "guidelinesUrl"));
        var perTask = ImportScope.Get(root, "pay") switch
        {
            null => null,
            { ValueKind: JsonValueKind.Object } pay => scope.At("pay").Money("perTask", scope.At("pay").Scalar(pay, "perTask")),
            _ => Wrong(scope, "pay", "pay must be an object such as {\"perTask\": 4.00}."),
        };
        var requirements = TaskReader.ReadRequirements(root, scope);
        var caps = Caps(root, scope);
        var overlapMax = OverlapMax(root, scope, batch?.Overlap);
        var goldRate = scope.Number("goldRate", scope.Scalar(root, "goldRate"), 0, 1);
        var screening = ScreeningOf(root, scope);
        return batch is null ? null : batch with
        {
            OverlapMax = overlapMax,
            GoldRate = goldRate,
            Screening = screening,
            Pay = perTask is null ? null : new BatchPay { PerTask = perTask },
            Requirements = requirements,
            ActiveTimeCapMinutes = caps,
            Metadata = ImportScope.Get(root, "metadata")?.Clone(),
        };
    }

    public static Batch? FromHeader(BatchHeader header, ImportScope scope)
    {
        var batch = Read(scope, header.Id, header.Name, header.Overlap, header.LeaseMinutes, header.DueAt, header.GuidelinesUrl);
        var perTask = scope.Money("perTask", header.PerTask);
        var credentials = scope.Credentials("credentials", ImportScope.Split(header.Credentials));
        var specialties = ImportScope.Specialties(ImportScope.Split(header.Specialties));
        return batch is null ? null : batch with
        {
            Pay = perTask is null ? null : new BatchPay { PerTask = perTask },
            Requirements = credentials is [] && specialties is []
                ? null
                : new Requirements { Credentials = credentials is [] ? null : credentials, Specialties = specialties is [] ? null : specialties },
        };
    }

    private static Batch? Read(ImportScope scope, string? id, string? name, string? overlap, string? leaseMinutes, string? dueAt, string? guidelinesUrl)
    {
        var before = scope.ErrorCount;
        var batch = new Batch
        {
            Id = scope.Id("id", id) ?? "",
            Name = scope.Text("name", name, BatchReader.MaxName, required: true) ?? "",
            Overlap = scope.Integer("overlap", overlap, BatchReader.MinOverlap, BatchReader.MaxOverlap) ?? 1,
            LeaseMinutes = scope.Integer("leaseMinutes", leaseMinutes, BatchReader.MinLeaseMinutes, BatchReader.MaxLeaseMinutes)
                ?? Batch.DefaultLeaseMinutes,
            DueAt = scope.Instant("dueAt", dueAt),
            GuidelinesUrl = scope.Url("guidelinesUrl", guidelinesUrl),
        };
        return scope.ErrorCount > before ? null : batch;
    }

    /// <summary>The top of <c>"overlap": {"min": 2, "max": 4}</c>; null for a plain number, which means exactly that many.</summary>
    private static int? OverlapMax(JsonElement root, ImportScope scope, int? min)
    {
        if (ImportScope.Get(root, "overlap") is not { ValueKind: JsonValueKind.Object } range)
        {
            return null;
        }
        var at = scope.At("overlap");
        foreach (var bound in (string[])["min", "max"])
        {
            if (ImportScope.Get(range, bound) is null)
            {
                at.Error(bound, "overlap must be a number, or an object with both bounds such as {\"min\": 2, \"max\": 4}.");
            }
        }
        if (at.Integer("max", at.Scalar(range, "max"), BatchReader.MinOverlap, BatchReader.MaxOverlap) is not { } max)
        {
            return null;
        }
        if (min is { } first && max < first)
        {
            at.Error("max", $"overlap.max ({max}) must be at least overlap.min ({first}).");
        }
        return max;
    }

    /// <summary><c>"screening": {"passScore": 0.8, "retryAfterDays": 14}</c>; both are required.</summary>
    private static Quality.Screening? ScreeningOf(JsonElement root, ImportScope scope)
    {
        switch (ImportScope.Get(root, "screening"))
        {
            case null:
                return null;
            case { ValueKind: JsonValueKind.Object } screening:
                var at = scope.At("screening");
                var passScore = at.Number("passScore", at.Scalar(screening, "passScore"), 0, 1);
                var retry = at.Integer("retryAfterDays", at.Scalar(screening, "retryAfterDays"), 0, 365);
                if (passScore is { } pass && retry is { } days)
                {
                    return new Quality.Screening(pass, days);
                }
                scope.Error("screening", "screening needs passScore (0–1) and retryAfterDays (0–365), such as {\"passScore\": 0.8, \"retryAfterDays\": 14}.");
                return null;
            default:
                scope.Error("screening", "screening must be an object such as {\"passScore\": 0.8, \"retryAfterDays\": 14}.");
                return null;
        }
    }

    /// <summary>Per-kind caps on paid active time, e.g. {"respond": 60}; a kind left out keeps its default.</summary>
    private static Dictionary<TaskKind, int>? Caps(JsonElement root, ImportScope scope)
    {
        var value = ImportScope.Get(root, "activeTimeCapMinutes");
        if (value is null)
        {
            return null;
        }
        if (value.Value.ValueKind != JsonValueKind.Object)
        {
            scope.Error("activeTimeCapMinutes", "activeTimeCapMinutes must be an object such as {\"respond\": 60}.");
            return null;
        }
        var at = scope.At("activeTimeCapMinutes");
        var caps = new Dictionary<TaskKind, int>();
        foreach (var cap in value.Value.EnumerateObject())
        {
            if (!ContractWords<TaskKind>.TryParse(cap.Name, out var kind))
            {
                at.Error(cap.Name, $"“{cap.Name}” is not a task kind; use {ContractWords<TaskKind>.Listed}.");
            }
            else if (at.Integer(cap.Name, at.Scalar(value.Value, cap.Name), 1, BatchReader.MaxLeaseMinutes) is { } minutes)
            {
                caps[kind] = minutes;
            }
        }
        return caps;
    }

    private static decimal? Wrong(ImportScope scope, string field, string message)
    {
        scope.Error(field, message);
        return null;
    }
}
