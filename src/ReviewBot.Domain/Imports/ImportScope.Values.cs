using System.Globalization;

namespace ReviewBot.Imports;

/// <summary>Typed values read from text, as both JSON and query strings give them; each reports a bad value with
/// the form it should take.</summary>
internal readonly partial struct ImportScope
{
    public int? Integer(string field, string? value, int min, int max)
    {
        var text = value?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }
        if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) && number >= min && number <= max)
        {
            return number;
        }
        Error(field, $"{field} must be a whole number from {min} to {max}; got “{text}”.");
        return null;
    }

    public double? Number(string field, string? value, double min, double max)
    {
        var text = value?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && number >= min && number <= max)
        {
            return number;
        }
        Error(field, $"{field} must be a number from {min} to {max}; got “{text}”.");
        return null;
    }

    public decimal? Money(string field, string? value)
    {
        var text = value?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }
        if (decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var amount) && amount >= 0)
        {
            return amount;
        }
        Error(field, $"{field} must be an amount in USD such as 4.00; got “{text}”.");
        return null;
    }

    public bool? Boolean(string field, string? value)
    {
        var text = value?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }
        if (bool.TryParse(text, out var flag))
        {
            return flag;
        }
        Error(field, $"{field} must be true or false; got “{text}”.");
        return null;
    }

    public DateTimeOffset? Instant(string field, string? value)
    {
        var text = value?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant))
        {
            return instant.ToUniversalTime();
        }
        Error(field, $"{field} must be a date and time such as 2026-12-01T17:00:00Z; got “{text}”.");
        return null;
    }

    public string? Url(string field, string? value)
    {
        var text = value?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }
        if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp))
        {
            return text;
        }
        Error(field, $"{field} must be a web address starting with https://; got “{text}”.");
        return null;
    }
}
