using System.CommandLine;
using ReviewBot.Exports;
using ReviewBot.Host.Admin;
using ReviewBot.Reviewers;
using ReviewBot.Tasks;

namespace ReviewBot.Host.Cli;

/// <summary>The admin API's operations for people who prefer files: they open the configured store directly.</summary>
internal static class AdminCommands
{
    public static Command Import()
    {
        var file = new Argument<FileInfo>("FILE") { Description = "A batch: one JSON document, or JSON Lines of tasks (.jsonl/.ndjson) with the batch fields as options." };
        var id = new Option<string>("--id") { Description = "JSON Lines: the batch id." };
        var name = new Option<string>("--name") { Description = "JSON Lines: the batch name." };
        var overlap = new Option<string>("--overlap") { Description = "JSON Lines: reviewers per task." };
        var dueAt = new Option<string>("--due-at") { Description = "JSON Lines: due time, ISO 8601." };
        var perTask = new Option<string>("--per-task") { Description = "JSON Lines: USD per task (hourly by credential when absent)." };
        var credentials = new Option<string>("--credentials") { Description = "JSON Lines: credentials, comma-separated." };
        var specialties = new Option<string>("--specialties") { Description = "JSON Lines: specialties, comma-separated." };
        var command = new Command("import", "Import a batch of tasks (all or nothing; re-importing the same file changes nothing).")
        {
            file, id, name, overlap, dueAt, perTask, credentials, specialties,
        };
        command.SetAction((parse, cancellationToken) => RunAsync(async services =>
        {
            var path = parse.GetRequiredValue(file);
            var lines = path.Extension is ".jsonl" or ".ndjson";
            var header = lines
                ? new BatchHeader
                {
                    Id = parse.GetValue(id), Name = parse.GetValue(name), Overlap = parse.GetValue(overlap), DueAt = parse.GetValue(dueAt),
                    PerTask = parse.GetValue(perTask), Credentials = parse.GetValue(credentials), Specialties = parse.GetValue(specialties),
                }
                : null;
            await using var input = path.OpenRead();
            var outcome = await services.GetRequiredService<BatchImports>().ImportAsync(input, header, cancellationToken);
            if (outcome.Errors.Count > 0)
            {
                return Fail($"{path.Name} was not imported; nothing was stored:", outcome.Errors.Select(e => e.ToString()));
            }
            if (outcome.Stored!.Conflict is { } conflict)
            {
                return Fail($"{path.Name} was not imported; nothing was stored:", [conflict.Message]);
            }
            Console.WriteLine($"Batch {outcome.Batch!.Id}: {outcome.Stored.Status.ToString().ToLowerInvariant()}, " +
                $"{outcome.Stored.TasksAdded} tasks added, {outcome.Stored.TasksUnchanged} unchanged.");
            return 0;
        }, cancellationToken));
        return command;
    }

    public static Command Roster()
    {
        var file = new Argument<FileInfo>("FILE") { Description = "Reviewers: a JSON array or JSON Lines (idempotent on each key)." };
        var command = new Command("roster", "Import or update the roster of reviewers.") { file };
        command.SetAction((parse, cancellationToken) => RunAsync(async services =>
        {
            var path = parse.GetRequiredValue(file);
            await using var input = path.OpenRead();
            var read = await RosterReader.ReadAsync(input, cancellationToken);
            if (!read.Succeeded)
            {
                return Fail($"{path.Name} was not imported; nothing was stored:", read.Errors.Select(e => e.ToString()));
            }
            await services.GetRequiredService<IReviewerStore>().UpsertAsync(read.Value, cancellationToken);
            Console.WriteLine($"Roster: {read.Value.Count} reviewers imported.");
            return 0;
        }, cancellationToken));
        return command;
    }

    public static Command Progress()
    {
        var batchId = new Argument<string>("BATCH") { Description = "The batch id." };
        var command = new Command("progress", "Show where a batch stands.") { batchId };
        command.SetAction((parse, cancellationToken) => RunAsync(async services =>
        {
            var id = parse.GetRequiredValue(batchId);
            var clock = services.GetRequiredService<TimeProvider>();
            if (await services.GetRequiredService<IBatchStore>().GetProgressAsync(id, clock.GetUtcNow(), cancellationToken) is not { } progress)
            {
                return Fail($"There is no batch '{id}'.", []);
            }
            Console.Write(ProgressText.Render(progress));
            return 0;
        }, cancellationToken));
        return command;
    }

    public static Command Export()
    {
        var batchId = new Argument<string>("BATCH") { Description = "The batch id." };
        var format = new Option<string>("--format") { Description = DatasetFormats.Listed + ".", Required = true };
        var output = new Option<FileInfo>("--out") { Description = "Write to this file instead of standard output." };
        var command = new Command("export", "Export a batch's answers as a dataset.") { batchId, format, output };
        command.SetAction((parse, cancellationToken) => RunAsync(async services =>
        {
            var id = parse.GetRequiredValue(batchId);
            if (!DatasetFormats.TryParse(parse.GetRequiredValue(format), out var dataset))
            {
                return Fail($"--format must be {DatasetFormats.Listed}.", []);
            }
            var store = services.GetRequiredService<IBatchStore>();
            if (await store.GetAsync(id, cancellationToken) is not { } batch)
            {
                return Fail($"There is no batch '{id}'.", []);
            }
            var tasks = await store.GetTasksAsync(id, cancellationToken);
            var file = parse.GetValue(output);
            await using var writer = file is null ? new StreamWriter(Console.OpenStandardOutput()) : new StreamWriter(file.FullName);
            await DatasetWriter.WriteAsync(dataset, batch with { Tasks = tasks }, store.ReadAnswersAsync(id, cancellationToken), writer, cancellationToken);
            return 0;
        }, cancellationToken));
        return command;
    }

    /// <summary>Runs one job with the service's configuration and store, without its web server.</summary>
    private static async Task<int> RunAsync(Func<IServiceProvider, Task<int>> job, CancellationToken cancellationToken)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            ContentRootPath = AppContext.BaseDirectory,
            EnvironmentName = Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT") ?? Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT") ?? Environments.Production,
        });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddReviewBot();
        await using var services = builder.Services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
        try
        {
            return await job(services);
        }
        catch (InvalidOperationException e) when (e.Message.Contains("in use by another ReviewBot process", StringComparison.Ordinal))
        {
            return Fail(e.Message, []);
        }
    }

    private static int Fail(string message, IEnumerable<string> details)
    {
        Console.Error.WriteLine(message);
        foreach (var detail in details)
        {
            Console.Error.WriteLine("  " + detail);
        }
        return 1;
    }
}
