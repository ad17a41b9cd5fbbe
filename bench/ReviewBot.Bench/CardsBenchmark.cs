using System.Diagnostics;
using System.Text.Json.Nodes;
using ReviewBot.Cards;

namespace ReviewBot.Bench;

/// <summary>Expansion time of the <c>task-rank</c> card with three 2,000-character responses: the Adaptive Card,
/// the Slack message and the Slack form, each as a JSON tree and as the JSON text a channel sends. Target: under
/// 50 µs per card.</summary>
public static class CardsBenchmark
{
    private const int ResponseLength = 2_000;
    private static readonly TimeSpan Round = TimeSpan.FromMilliseconds(500);

    public static void Run(TextWriter output)
    {
        var renderer = new CardRenderer(CardTemplates.FromOutputDirectory());
        var data = RankingData();
        output.WriteLine($"cards: task-rank, three {ResponseLength:N0}-character responses; mean of the best of 3 rounds of {Round.TotalMilliseconds:N0} ms");

        Report(output, "Adaptive Card", () => renderer.RenderAdaptive("task-rank", data));
        Report(output, "Block Kit message", () => renderer.RenderSlack("task-rank", data));
        Report(output, "Block Kit form", () => renderer.RenderSlack("task-rank-form", data));
    }

    private static void Report(TextWriter output, string what, Func<JsonNode> render)
    {
        var tree = Measure(() => render());
        var text = Measure(() => CardJson.ToJson(render()));
        output.WriteLine($"  {what,-18} {tree,7:0.0} µs per card as a tree, {text,7:0.0} µs with the JSON text");
    }

    /// <summary>Microseconds per call: the best of three timed rounds, after a warm-up round that lets the JIT
    /// settle.</summary>
    private static double Measure(Action render)
    {
        TimeRound(render);
        return Enumerable.Range(0, 3).Min(_ => TimeRound(render));
    }

    private static double TimeRound(Action render)
    {
        var calls = 0;
        var started = Stopwatch.GetTimestamp();
        TimeSpan elapsed;
        do
        {
            for (var i = 0; i < 100; i++) render();
            calls += 100;
            elapsed = Stopwatch.GetElapsedTime(started);
        }
        while (elapsed < Round);
        return elapsed.TotalMicroseconds / calls;
    }

    private static JsonObject RankingData()
    {
        static string Response(char id) =>
            string.Concat(Enumerable.Repeat($"Response {id} weighs the stroke risk against the bleeding risk & suggests a DOAC <with> follow-up. ", 40))[..ResponseLength];

        return new JsonObject
        {
            ["batchId"] = "cardio-nov",
            ["batchName"] = "Cardiology rankings",
            ["guidelinesUrl"] = "https://example.org/guidelines/cardio",
            ["taskId"] = "t2",
            ["assignmentId"] = "cardio-nov:18",
            ["prompt"] = "A 58-year-old woman has new atrial fibrillation, a CHA2DS2-VASc score of 3 and normal kidney function. Should she be anticoagulated, and with what?",
            ["responses"] = new JsonArray(
                new JsonObject { ["id"] = "A", ["text"] = Response('A') },
                new JsonObject { ["id"] = "B", ["text"] = Response('B') },
                new JsonObject { ["id"] = "C", ["text"] = Response('C') }),
        };
    }
}
