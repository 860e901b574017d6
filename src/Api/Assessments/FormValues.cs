using System.Globalization;

namespace Monitoring.Api.Assessments;

/// <summary>Numbers typed into a form: a decimal comma or point (39,5 and 39.5 alike), no thousands separators; empty is none.</summary>
public static class FormValues
{
    public const string NotANumber = "must be a number, e.g. 39,5";

    public static bool TryDecimal(string? text, out decimal? value)
    {
        value = null;
        if (string.IsNullOrWhiteSpace(text)) return true;
        var t = text.Trim().Replace(',', '.').Replace("−", "-");
        if (!decimal.TryParse(t, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var d)) return false;
        value = d;
        return true;
    }
}
