using System.Text.Json.Serialization;

namespace ReviewBot.Exports;

/// <summary>The datasets a batch exports to (DESIGN §5): every answer as JSON Lines, preference pairs for DPO,
/// chat transcripts for supervised fine-tuning, or a flat CSV for spreadsheets.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<DatasetFormat>))]
public enum DatasetFormat
{
    [JsonStringEnumMemberName("jsonl")] Jsonl,
    [JsonStringEnumMemberName("dpo")] Dpo,
    [JsonStringEnumMemberName("sft")] Sft,
    [JsonStringEnumMemberName("csv")] Csv,
    /// <summary>One row per sentence marked on an evaluation (SpanRows).</summary>
    [JsonStringEnumMemberName("spans")] Spans,
    /// <summary>Rubric criteria per prompt in HealthBench's format (HealthBenchRows)…</summary>
    [JsonStringEnumMemberName("healthbench")] Healthbench,
    /// <summary>…and its sidecar: who wrote each criterion.</summary>
    [JsonStringEnumMemberName("healthbench-provenance")] HealthbenchProvenance,
}

public static class DatasetFormats
{
    /// <summary>"jsonl, dpo, sft, csv or …", for a message about an unknown format.</summary>
    public static string Listed => ContractWords<DatasetFormat>.Listed;

    /// <summary>"jsonl|dpo|sft|…", for a usage line.</summary>
    public static string Choices => string.Join('|', ContractWords<DatasetFormat>.Words);

    public static bool TryParse(string? word, out DatasetFormat format) => ContractWords<DatasetFormat>.TryParse(word, out format);

    public static string ContentType(DatasetFormat format) =>
        format == DatasetFormat.Csv ? "text/csv; charset=utf-8" : "application/x-ndjson; charset=utf-8";

    /// <summary>"cardio-nov.dpo.jsonl", "cardio-nov.csv": the format stays visible once the file is saved.</summary>
    public static string FileName(string batchId, DatasetFormat format) => format switch
    {
        DatasetFormat.Jsonl => $"{batchId}.jsonl",
        DatasetFormat.Csv => $"{batchId}.csv",
        _ => $"{batchId}.{ContractWords<DatasetFormat>.Of(format)}.jsonl",
    };
}
