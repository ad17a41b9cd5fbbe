using System.Text.Json;
using ReviewBot.Imports;

namespace ReviewBot.Tasks;

/// <summary>Reads one task object of an import (DESIGN §3), reporting every problem at its field.</summary>
internal static class TaskReader
{
    public static ClinicalTask? Read(JsonElement task, ImportScope scope)
    {
        if (task.ValueKind != JsonValueKind.Object)
        {
            scope.Error("", "Each task must be a JSON object such as {\"id\": \"t1\", \"kind\": \"respond\", \"prompt\": \"…\"}.");
            return null;
        }
        var before = scope.ErrorCount;
        var id = scope.Id("id", scope.Scalar(task, "id"));
        var kind = Kind(task, scope);
        var needs = kind is { } k ? (k == TaskKind.Evaluate ? "an evaluate task" : $"a {ContractWords<TaskKind>.Of(k)} task") : null;
        var conversation = kind is TaskKind.Rubric ? PromptConversation.Read(task, scope) : null;
        // A rubric's prompt may be a conversation (read above); any other prompt is one text.
        var prompt = kind is not TaskKind.Rubric || ImportScope.Get(task, "prompt") is not { ValueKind: JsonValueKind.Array }
            ? scope.Text("prompt", scope.Scalar(task, "prompt"), BatchReader.MaxText,
                required: kind is TaskKind.Evaluate or TaskKind.Rank or TaskKind.Respond or TaskKind.Rubric, needs)
            : null;
        var response = scope.Text("response", scope.Scalar(task, "response"), BatchReader.MaxText,
            required: kind is TaskKind.Evaluate, needs);
        var responses = Responses(task, scope, required: kind is TaskKind.Rank);
        var brief = scope.Text("brief", scope.Scalar(task, "brief"), BatchReader.MaxText, required: kind is TaskKind.Vignette, needs);
        var requirements = ReadRequirements(task, scope);
        if (scope.ErrorCount > before)
        {
            return null;
        }
        return new ClinicalTask
        {
            Id = id!,
            Kind = kind!.Value,
            Prompt = prompt,
            Conversation = conversation,
            Response = response,
            Responses = responses,
            Brief = brief,
            Requirements = requirements,
            // Cloned so that they outlive the parsed document, and never re-read: exports carry them as given.
            Gold = ImportScope.Get(task, "gold")?.Clone(),
            Metadata = ImportScope.Get(task, "metadata")?.Clone(),
        };
    }

    /// <summary>Who may work on a batch or a task; a list left out takes the batch's (see Eligibility).</summary>
    public static Requirements? ReadRequirements(JsonElement owner, ImportScope scope)
    {
        switch (ImportScope.Get(owner, "requirements"))
        {
            case null:
                return null;
            case { ValueKind: JsonValueKind.Object } value:
                var at = scope.At("requirements");
                var credentials = at.Credentials("credentials", at.Words(value, "credentials"));
                var specialties = ImportScope.Specialties(at.Words(value, "specialties"));
                return credentials is null && specialties is null ? null : new Requirements { Credentials = credentials, Specialties = specialties };
            default:
                scope.Error("requirements", "requirements must be an object such as {\"credentials\": [\"MD\"], \"specialties\": [\"cardiology\"]}.");
                return null;
        }
    }

    private static TaskKind? Kind(JsonElement task, ImportScope scope)
    {
        var word = scope.Scalar(task, "kind")?.Trim();
        if (string.IsNullOrEmpty(word))
        {
            scope.Missing("kind", $"kind is required: {ContractWords<TaskKind>.Listed}.");
            return null;
        }
        if (ContractWords<TaskKind>.TryParse(word, out var kind))
        {
            return kind;
        }
        scope.Error("kind", $"“{word}” is not a task kind; use {ContractWords<TaskKind>.Listed}.");
        return null;
    }

    private static List<ModelResponse>? Responses(JsonElement task, ImportScope scope, bool required)
    {
        const string shape = "{\"id\": \"A\", \"text\": \"…\"}";
        var value = ImportScope.Get(task, "responses");
        if (value is null)
        {
            if (required)
            {
                scope.Error("responses", $"responses is required for a rank task: 2 or 3 model responses, each {shape}.");
            }
            return null;
        }
        if (value.Value.ValueKind != JsonValueKind.Array)
        {
            scope.Error("responses", $"responses must be a list of 2 or 3 model responses, each {shape}.");
            return null;
        }
        var count = value.Value.GetArrayLength();
        if (required && count is < 2 or > 3)
        {
            scope.Error("responses", $"A rank task compares 2 or 3 responses; this one has {count}.");
        }

        var responses = new List<ModelResponse>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var index = 0;
        foreach (var item in value.Value.EnumerateArray())
        {
            var at = scope.At("responses").At(index++);
            if (item.ValueKind != JsonValueKind.Object)
            {
                at.Error("", $"Each response must be an object such as {shape}.");
                continue;
            }
            var id = at.Id("id", at.Scalar(item, "id"));
            // Clinicians type ids into a ranking ("a>b"), so ids differing only in case would be ambiguous.
            if (id is not null && !seen.Add(id))
            {
                at.Error("id", $"Response id “{id}” is used twice in this task; each response needs its own id.");
            }
            var text = at.Text("text", at.Scalar(item, "text"), BatchReader.MaxText, required: true);
            if (id is not null && text is not null)
            {
                responses.Add(new ModelResponse(id, text));
            }
        }
        return responses;
    }
}
