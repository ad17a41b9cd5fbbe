using System.Text.Json;
using ReviewBot.Imports;

namespace ReviewBot.Tasks;

/// <summary>Reads a batch (DESIGN §3) as one JSON document, or as JSON Lines of tasks with the batch's fields given
/// apart. All or nothing: the whole batch, or every problem, each naming the line or task id and the field.</summary>
public static class BatchReader
{
    public const int MinOverlap = 1;
    public const int MaxOverlap = 20;
    public const int MinLeaseMinutes = 5;
    public const int MaxLeaseMinutes = 1440;
    public const int MaxName = 200;
    /// <summary>Longest prompt, response or brief, in characters.</summary>
    public const int MaxText = 20_000;

    public static async Task<ImportResult<Batch>> ReadDocumentAsync(Stream document, CancellationToken cancellationToken = default)
    {
        var errors = new ImportErrors();
        using var parsed = await TextInput.ParseAsync(document, errors, cancellationToken).ConfigureAwait(false);
        return FromDocument(parsed, errors);
    }

    public static async Task<ImportResult<Batch>> ReadJsonLinesAsync(Stream lines, BatchHeader header, CancellationToken cancellationToken = default) =>
        ReadJsonLines(await TextInput.ReadAllAsync(lines, cancellationToken).ConfigureAwait(false), header);

    public static ImportResult<Batch> ReadDocument(string json)
    {
        var errors = new ImportErrors();
        using var parsed = TextInput.Parse(TextInput.WithoutByteOrderMark(json), errors, line: null);
        return FromDocument(parsed, errors);
    }

    private static ImportResult<Batch> FromDocument(JsonDocument? document, ImportErrors errors)
    {
        if (document is null)
        {
            return ImportResult<Batch>.Of(null, errors);
        }
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            return ImportResult<Batch>.Failed(new ImportError(null, null, "",
                "A batch document is one JSON object holding the batch's fields and its tasks. To send one task per line, use JSON Lines with the batch's fields in the query string."));
        }

        var scope = new ImportScope(errors, null, null, "");
        var batch = BatchSettings.FromDocument(root, scope);
        var tasks = new TaskList(errors);
        switch (ImportScope.Get(root, "tasks"))
        {
            case { ValueKind: JsonValueKind.Array } list:
                var index = 0;
                foreach (var task in list.EnumerateArray())
                {
                    tasks.Add(task, scope.At("tasks").At(index), $"tasks[{index}]");
                    index++;
                }
                break;
            case null:
                break;
            default:
                scope.Error("tasks", "tasks must be a list of task objects.");
                break;
        }
        return tasks.Finish(batch, scope, "The batch has no tasks: add them under \"tasks\".");
    }

    public static ImportResult<Batch> ReadJsonLines(string text, BatchHeader header)
    {
        var errors = new ImportErrors();
        var batch = BatchSettings.FromHeader(header, new ImportScope(errors, null, null, ""));
        var tasks = new TaskList(errors);
        foreach (var (number, line) in TextInput.Lines(text))
        {
            using var document = TextInput.Parse(line, errors, number);
            if (document is null)
            {
                tasks.AddUnreadable();
            }
            else
            {
                tasks.Add(document.RootElement, new ImportScope(errors, number, null, ""), $"line {number}");
            }
        }
        return tasks.Finish(batch, new ImportScope(errors, null, null, ""), "The file has no tasks: send one task object per line.");
    }

    /// <summary>Tasks as they are read, with where each id was first seen so a duplicate can point back to it.</summary>
    private sealed class TaskList(ImportErrors errors)
    {
        private readonly List<ClinicalTask> _read = [];
        private readonly Dictionary<string, string> _firstSeen = new(StringComparer.Ordinal);
        private int _count;

        /// <summary>A line that was not JSON: already reported, and still not an empty file.</summary>
        public void AddUnreadable() => _count++;

        public void Add(JsonElement element, ImportScope scope, string place)
        {
            _count++;
            var id = element.ValueKind == JsonValueKind.Object ? ImportScope.Peek(element, "id")?.Trim() : null;
            scope = scope.WithId(id);
            if (id is not null && !_firstSeen.TryAdd(id, place))
            {
                scope.Error("id", $"Task id “{id}” is used twice in this file; it was first used at {_firstSeen[id]}.");
            }
            if (TaskReader.Read(element, scope) is { } task)
            {
                _read.Add(task);
            }
        }

        public ImportResult<Batch> Finish(Batch? batch, ImportScope scope, string emptyMessage)
        {
            if (_count == 0)
            {
                scope.Error("tasks", emptyMessage);
            }
            return ImportResult<Batch>.Of(batch is null ? null : batch with { Tasks = _read }, errors);
        }
    }
}
