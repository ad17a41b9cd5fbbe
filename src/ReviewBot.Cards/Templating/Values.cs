using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ReviewBot.Cards.Templating;

/// <summary>A path that leads nowhere. Distinct from JSON null because the official engine treats them
/// differently: an unbound path is written back as its own <c>${path}</c>, a null is kept as null.</summary>
internal sealed class Undefined
{
    public static readonly Undefined Value = new();
    private Undefined() { }
}

/// <summary>Values during evaluation are <see cref="Undefined"/>, null, string, double, bool, or a
/// <see cref="JsonObject"/>/<see cref="JsonArray"/> from the data. These helpers give them the JavaScript meaning
/// the official engine gives them, so both engines print the same card.</summary>
internal static class Values
{
    public static object? FromNode(JsonNode? node) => node switch
    {
        null => null,
        JsonValue value => value.GetValueKind() switch
        {
            // Data built in C# holds ints, decimals and dates as well as parsed JSON; read each as JSON would.
            JsonValueKind.String => value.TryGetValue(out string? s) ? s : value.Deserialize<string>(),
            JsonValueKind.Number => value.TryGetValue(out double d) ? d : double.Parse(value.ToJsonString(), CultureInfo.InvariantCulture),
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => null,
        },
        // Typed as object so the arms above stay strings and numbers: JsonNode converts implicitly from them.
        _ => (object)node,
    };

    /// <summary>Adaptive Expressions' truth: only false, null and unbound are false (0 and "" are true).</summary>
    public static bool IsTrue(object? value) => value switch
    {
        null or Undefined => false,
        bool b => b,
        _ => true,
    };

    public static bool AreEqual(object? left, object? right) => (left, right) switch
    {
        (null, null) => true,
        (string a, string b) => string.Equals(a, b, StringComparison.Ordinal),
        (double a, double b) => a == b,
        (bool a, bool b) => a == b,
        _ => ReferenceEquals(left, right),
    };

    public static int Compare(object? left, object? right) => (left, right) switch
    {
        (double a, double b) => a.CompareTo(b),
        (string a, string b) => string.CompareOrdinal(a, b),
        _ => throw new ExpressionException("Only two numbers or two strings can be compared."),
    };

    /// <summary>What a value becomes inside an interpolated string, as JavaScript's <c>toString</c> would write
    /// it. Null becomes empty where the official engine would throw.</summary>
    public static string ToText(object? value) => value switch
    {
        null => "",
        string s => s,
        bool b => b ? "true" : "false",
        double d => NumberText(d),
        JsonArray array => string.Join(',', array.Select(item => ToText(FromNode(item)))),
        JsonObject => "[object Object]",
        _ => "",
    };

    public static JsonNode? ToNode(object? value) => value switch
    {
        null => null,
        string s => JsonValue.Create(s),
        bool b => JsonValue.Create(b),
        double d => NumberNode(d),
        JsonNode node => node.DeepClone(),
        _ => throw new ExpressionException("An unbound value cannot be written."),
    };

    /// <summary>Whole numbers are written as integers so that code reading the card back (<c>(int)node</c>)
    /// gets what the data held; the JSON text is the same either way.</summary>
    private static JsonValue NumberNode(double d) =>
        d == Math.Floor(d) && Math.Abs(d) <= int.MaxValue ? JsonValue.Create((int)d) :
        d == Math.Floor(d) && Math.Abs(d) < 9e15 ? JsonValue.Create((long)d) :
        JsonValue.Create(d);

    private static string NumberText(double d)
    {
        if (double.IsNaN(d)) return "NaN";
        if (double.IsInfinity(d)) return d > 0 ? "Infinity" : "-Infinity";
        if (d == Math.Floor(d) && Math.Abs(d) < 1e21) return d.ToString("F0", CultureInfo.InvariantCulture);
        return d.ToString("R", CultureInfo.InvariantCulture).Replace("E", "e", StringComparison.Ordinal);
    }
}

/// <summary>An expression that cannot be evaluated against this data, such as count() of a number.</summary>
internal sealed class ExpressionException(string message) : Exception(message);
