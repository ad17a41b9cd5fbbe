using System.Diagnostics;

namespace ReviewBot.Host.Tests;

/// <summary>The host binary's command line, run as a person would run it, against a store of its own. It runs
/// outside Development with no Admin:ApiKey: the key guards the service's HTTP API, and someone who may run the binary
/// beside the store needs none.</summary>
public sealed class CommandLineTests : IDisposable
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "rb-cli-" + Guid.NewGuid().ToString("N"));
    private readonly string _files = Path.Combine(Path.GetTempPath(), "rb-cli-files-" + Guid.NewGuid().ToString("N"));

    public CommandLineTests() => Directory.CreateDirectory(_files);

    private static string Sample(string name) => Path.Combine(AppContext.BaseDirectory, "samples", name);

    [Fact]
    public async Task Import_roster_progress_and_export_work_from_files()
    {
        var imported = await RunAsync("import", Sample("demo-batch.json"));
        var again = await RunAsync("import", Sample("demo-batch.json"));
        var roster = await RunAsync("roster", Sample("demo-roster.json"));
        var progress = await RunAsync("progress", "demo-nov");
        var exportFile = Path.Combine(_files, "demo.dpo.jsonl");
        var export = await RunAsync("export", "demo-nov", "--format", "dpo", "--out", exportFile);

        Assert.Equal((0, "Batch demo-nov: created, 16 tasks added, 0 unchanged."), (imported.ExitCode, imported.Output.Trim()));
        Assert.Equal("Batch demo-nov: unchanged, 0 tasks added, 16 unchanged.", again.Output.Trim());
        Assert.Equal("Roster: 7 reviewers imported.", roster.Output.Trim());
        Assert.Contains("answers      0 of 32 (0%)", progress.Output);
        Assert.Equal(0, export.ExitCode);
        Assert.True(File.Exists(exportFile));
    }

    [Fact]
    public async Task A_broken_line_is_reported_with_its_number_and_field_and_nothing_is_stored()
    {
        var file = Path.Combine(_files, "tasks.jsonl");
        await File.WriteAllLinesAsync(file,
        [
            """{"id":"a1","kind":"respond","prompt":"How do you counsel on statin side effects?"}""",
            """{"id":"a2","kind":"rank","prompt":"Which is better?","responses":[{"id":"A","text":"Only one"}]}""",
        ]);

        var result = await RunAsync("import", file, "--id", "lines", "--name", "Lines");
        var progress = await RunAsync("progress", "lines");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("line 2", result.Error);
        Assert.Contains("responses", result.Error);
        Assert.Contains("There is no batch 'lines'", progress.Error);
    }

    [Fact]
    public async Task An_unknown_export_format_is_refused_with_the_choices()
    {
        await RunAsync("import", Sample("demo-batch.json"));

        var result = await RunAsync("export", "demo-nov", "--format", "xlsx");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("jsonl, dpo, sft, csv, spans, healthbench or healthbench-provenance", result.Error);
    }

    [Fact]
    public async Task Cards_render_prints_exactly_the_engines_expansion_and_nothing_after_it()
    {
        var data = Path.Combine(AppContext.BaseDirectory, "cards", "samples", "task-rank.data.json");
        var expected = new StringWriter();
        ReviewBot.Cards.CardsCli.Render("task-rank", data, slack: true, expected);

        var printed = await RunAsync("cards", "render", "task-rank", "--data", data, "--slack");
        var unknown = await RunAsync("cards", "render", "no-such-card", "--data", data);

        Assert.Equal((0, expected.ToString()), (printed.ExitCode, printed.Output));
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("no-such-card", unknown.Error);
    }

    [Fact]
    public async Task While_the_service_holds_the_embedded_store_the_command_line_says_so()
    {
        await using var service = await HostProcess.StartAsync(_data);

        var result = await RunAsync("progress", "demo-nov");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("in use by another ReviewBot process", result.Error);
    }

    private async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "ReviewBot.dll"), .. args])
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["Storage__DataDirectory"] = _data, ["DOTNET_ENVIRONMENT"] = "Testing" },
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        // Generous: on a machine busy with the other suites a start of the binary with its store can take long.
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(180));
        return (process.ExitCode, await output, await error);
    }

    public void Dispose()
    {
        foreach (var directory in new[] { _data, _files }.Where(Directory.Exists))
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
