using ReviewBot.Bench;

// dotnet run -c Release --project bench/ReviewBot.Bench [import|record|cards|slack|teams|all]
// Prints each benchmark's figures; speed targets live here, not in timed unit tests.
var which = args.FirstOrDefault() ?? "all";
if (which == "teams-echo-peer")
{
    // The Teams benchmark starts this binary again as its peer, in a process of its own.
    await TeamsEchoPeer.RunAsync(int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture));
    return 0;
}
var benchmarks = new Dictionary<string, Func<Task>>
{
    ["import"] = () => StoreBenchmarks.ImportAsync(Console.Out),
    ["record"] = () => StoreBenchmarks.RecordAsync(Console.Out),
    ["cards"] = () => { ReviewBot.Bench.CardsBenchmark.Run(Console.Out); return Task.CompletedTask; },
    ["slack"] = () => SlackBenchmark.RunAsync(Console.Out),
    ["teams"] = () => TeamsBenchmark.RunAsync(Console.Out),
};
if (which == "all")
{
    foreach (var run in benchmarks.Values)
    {
        await run();
    }
}
else if (benchmarks.TryGetValue(which, out var run))
{
    await run();
}
else
{
    Console.Error.WriteLine($"Unknown benchmark '{which}'; choose {string.Join(", ", benchmarks.Keys)} or all.");
    return 1;
}
return 0;
