using System.Diagnostics;

namespace ReviewBot.Testing;

/// <summary>The built service binary (ReviewBot.dll, copied beside a test project that references the host) run with
/// arguments, as an operator runs its command line.</summary>
public static class HostBinary
{
    /// <summary>Its exit code, and its output and error together.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "ReviewBot.dll"), .. arguments])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        return (process.ExitCode, await output + await error);
    }
}
