using System.Globalization;

namespace CourseKit.Cli.Gradebook;

/// <summary>How points and scores are written everywhere (gradebook, JUnit, summary, feedback): a decimal point whatever
/// the machine's language, and no float noise (0.1 + 0.2 points shows as 0.3).</summary>
public static class GradeNumbers
{
    /// <summary>Points, or any number, with at most four decimals: "2", "0.5", "66.6667".</summary>
    public static string Points(double value) => Math.Round(value, 4).ToString("0.####", CultureInfo.InvariantCulture);

    /// <summary>A score from 0 to 1 as a percentage with at most one decimal: "75%", "66.7%".</summary>
    public static string Percent(double score) => Math.Round(score * 100, 1).ToString("0.#", CultureInfo.InvariantCulture) + "%";
}
