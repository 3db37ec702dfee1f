using System.Globalization;
using Xunit.Sdk;

namespace CourseKit.Tests.Conformance;

/// <summary>
/// The conformance comparison: |actual − expected| ≤ atol + rtol·|expected|, element by element. A failure names the
/// case, the quantity, the first mismatching index and both values.
/// </summary>
public static class Tolerance
{
    /// <summary>Whether <paramref name="actual"/> is close enough to <paramref name="expected"/> (NaN never is).</summary>
    public static bool IsClose(double actual, double expected, double rtol, double atol) =>
        Math.Abs(actual - expected) <= atol + rtol * Math.Abs(expected);

    /// <summary>Checks a tensor against a stored one: same shape, every element close.</summary>
    public static void AssertClose(string label, string quantity, Tensor actual, JsonTensor expected, double rtol, double atol) =>
        AssertClose(label, quantity, actual.ToArray(), actual.Shape, expected.Data, expected.Shape, rtol, atol);

    /// <summary>Checks one number.</summary>
    public static void AssertClose(string label, string quantity, double actual, double expected, double rtol, double atol) =>
        AssertClose(label, quantity, [(float)actual], [], [expected], [], rtol, atol);

    /// <summary>Checks flat row-major data with shapes; throws <see cref="XunitException"/> on the first difference.</summary>
    public static void AssertClose(string label, string quantity, IReadOnlyList<float> actual, int[] actualShape,
                                   IReadOnlyList<double> expected, int[] expectedShape, double rtol, double atol)
    {
        if (!actualShape.SequenceEqual(expectedShape))
            throw new XunitException($"{label}: {quantity} has shape {Format(actualShape)}, expected {Format(expectedShape)}.");
        if (actual.Count != expected.Count)
            throw new XunitException($"{label}: {quantity} has {actual.Count} values, expected {expected.Count}.");

        int first = -1, mismatches = 0;
        double worst = 0;
        for (int i = 0; i < actual.Count; i++)
        {
            if (IsClose(actual[i], expected[i], rtol, atol)) continue;
            if (first < 0) first = i;
            mismatches++;
            worst = Math.Max(worst, double.IsNaN(actual[i]) ? double.PositiveInfinity : Math.Abs(actual[i] - expected[i]));
        }
        if (first < 0) return;

        double a = actual[first], e = expected[first];
        throw new XunitException(
            $"{label}: {quantity} differs at index {first}{Position(first, expectedShape)}: actual {G(a)}, expected {G(e)} " +
            $"(|diff| {G(Math.Abs(a - e))} > atol {G(atol)} + rtol {G(rtol)}·|expected| = {G(atol + rtol * Math.Abs(e))}); " +
            $"{mismatches} of {actual.Count} values differ, largest |diff| {G(worst)}.");
    }

    private static string Position(int flat, int[] shape)
    {
        if (shape.Length < 2) return "";
        var index = new int[shape.Length];
        for (int d = shape.Length - 1; d >= 0; d--) { index[d] = flat % shape[d]; flat /= shape[d]; }
        return " " + Format(index);
    }

    private static string Format(int[] shape) => $"[{string.Join(", ", shape)}]";

    private static string G(double x) => x.ToString("G9", CultureInfo.InvariantCulture);
}
