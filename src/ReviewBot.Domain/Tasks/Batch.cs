using System.Text.Json;
using ReviewBot.Reviewers;

namespace ReviewBot.Tasks;

/// <summary>A batch of clinical tasks as a data team imports it (DESIGN §3).</summary>
public sealed record Batch
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public string? GuidelinesUrl { get; init; }
    /// <summary>How many different reviewers answer each task.</summary>
    public int Overlap { get; init; } = 1;
    public DateTimeOffset? DueAt { get; init; }
    public BatchPay? Pay { get; init; }
    public Requirements? Requirements { get; init; }
    /// <summary>How long an assignment holds its slot before it returns to the pool.</summary>
    public int LeaseMinutes { get; init; } = DefaultLeaseMinutes;
    /// <summary>Caps on paid active time per kind, in minutes; kinds not listed take <see cref="ActiveTimeCaps.Defaults"/>.</summary>
    public IReadOnlyDictionary<TaskKind, int>? ActiveTimeCapMinutes { get; init; }
    public JsonElement? Metadata { get; init; }
    public IReadOnlyList<ClinicalTask> Tasks { get; init; } = [];

    public const int DefaultLeaseMinutes = 30;
}

public sealed record BatchPay
{
    /// <summary>USD per answered task; when absent, pay is hourly by credential (Pay:HourlyByCredential).</summary>
    public decimal? PerTask { get; init; }
}

/// <summary>Who may work on a task: any of the credentials, and any of the specialties. Empty means anyone.</summary>
public sealed record Requirements
{
    public IReadOnlyList<Credential>? Credentials { get; init; }
    public IReadOnlyList<string>? Specialties { get; init; }
}

/// <summary>One micro-task. Which text fields are present depends on <see cref="Kind"/>.</summary>
public sealed record ClinicalTask
{
    public required string Id { get; init; }
    public required TaskKind Kind { get; init; }
    /// <summary>The clinical question (evaluate, rank, respond).</summary>
    public string? Prompt { get; init; }
    /// <summary>A short conversation ending with the user's turn (rubric, instead of a single-turn prompt).</summary>
    public IReadOnlyList<PromptMessage>? Conversation { get; init; }
    /// <summary>The model answer under evaluation (evaluate), or one to write criteria against (rubric, optional).</summary>
    public string? Response { get; init; }
    /// <summary>Two or three model responses to compare (rank).</summary>
    public IReadOnlyList<ModelResponse>? Responses { get; init; }
    /// <summary>What the synthetic case should be about (vignette).</summary>
    public string? Brief { get; init; }
    /// <summary>Overrides the batch's requirements for this task.</summary>
    public Requirements? Requirements { get; init; }
    /// <summary>The expected answer; its presence marks a gold task.</summary>
    public JsonElement? Gold { get; init; }
    /// <summary>Carried untouched into exports.</summary>
    public JsonElement? Metadata { get; init; }
}

public sealed record ModelResponse(string Id, string Text);

/// <summary>One turn of a conversation: <see cref="Role"/> is <c>user</c>, <c>assistant</c> or <c>system</c>.</summary>
public sealed record PromptMessage(string Role, string Content);
