using System.Globalization;
using System.Text.Json.Nodes;

namespace CourseKit;

/// <summary>
/// How a reported value is judged against what the instructor's solution produced. The grader applies the judge
/// outside the student's session, with the expected value it keeps to itself; a public <see cref="Grading.Check"/>
/// applies the same judge in the notebook, so both give the same message. (This file is shared with the
/// <c>coursekit</c> command.)
/// </summary>
public sealed record Judge
{
    /// <summary>"close", "exact", "between" or "accuracy".</summary>
    public required string Kind { get; init; }

    /// <summary>Relative tolerance of "close": |actual − expected| ≤ atol + rtol·|expected|, as NumPy's isclose.</summary>
    public double RelativeTolerance { get; init; }

    /// <summary>Absolute tolerance of "close".</summary>
    public double AbsoluteTolerance { get; init; }

    /// <summary>The lower bound of "between", or the least accuracy of "accuracy".</summary>
    public double Low { get; init; }

    /// <summary>The upper bound of "between".</summary>
    public double High { get; init; }

    /// <summary>For "accuracy": the labels file, relative to the course data folder, the grader reads the true labels from.</summary>
    public string? Labels { get; init; }

    /// <summary>Numbers equal to the solution's within <paramref name="rtol"/> relative and <paramref name="atol"/>
    /// absolute tolerance, shapes equal.</summary>
    public static Judge Close(double rtol = 1e-5, double atol = 1e-6)
    {
        if (!(rtol >= 0) || !(atol >= 0)) throw new ArgumentException($"Judge.Close needs tolerances ≥ 0, got rtol={rtol}, atol={atol}.");
        return new() { Kind = "close", RelativeTolerance = rtol, AbsoluteTolerance = atol };
    }

    /// <summary>Exactly the solution's value: the same string, truth value, or numbers.</summary>
    public static Judge Exact() => new() { Kind = "exact" };

    /// <summary>Every number between <paramref name="low"/> and <paramref name="high"/> (inclusive); the solution's
    /// value only sets the shape.</summary>
    public static Judge Between(double low, double high)
    {
        if (!(low <= high)) throw new ArgumentException($"Judge.Between needs low ≤ high, got {low} and {high}.");
        return new() { Kind = "between", Low = low, High = high };
    }

    /// <summary>Predicted class labels that agree with the true labels in <paramref name="labels"/> (an IDX or
    /// one-number-per-line file under the course data folder, which the student's session cannot read) at least a
    /// fraction <paramref name="atLeast"/> of the time.</summary>
    public static Judge Accuracy(double atLeast, string labels)
    {
        if (!(atLeast is >= 0 and <= 1)) throw new ArgumentException($"Judge.Accuracy needs atLeast between 0 and 1, got {atLeast}.");
        if (string.IsNullOrWhiteSpace(labels)) throw new ArgumentException("Judge.Accuracy needs the labels file, relative to the course data folder, e.g. \"mnist/t10k-labels-idx1-ubyte.gz\".");
        return new() { Kind = "accuracy", Low = atLeast, Labels = labels };
    }

    /// <summary>
    /// Judges <paramref name="actual"/> against <paramref name="expected"/>. With <paramref name="reveal"/> false (hidden
    /// tests) the message says what is wrong without showing the expected value or the inputs.
    /// </summary>
    public Verdict Apply(ReportedValue actual, ReportedValue expected, bool reveal = true)
    {
        if (actual.Kind is "unsupported" or "none")
            return Verdict.Fail($"the test got {actual.Describe()}; it needs {expected.Describe()}");
        if (Kind == "exact" && actual.Kind is "string" or "bool" || expected.Kind is "string")
        {
            if (actual.Equals(expected)) return Verdict.Pass;
            return Verdict.Fail(reveal ? $"expected {Show(expected)}, got {Show(actual)}" : $"got {Show(actual)}, which is not the expected answer");
        }
        if (actual.Kind is not ("number" or "array" or "bool"))
            return Verdict.Fail($"the test got {actual.Describe()}; it needs {expected.Describe()}");
        if (Kind == "accuracy") return AccuracyOf(actual, expected);
        if (!ShapesMatch(actual, expected))
            return Verdict.Fail(reveal ? $"expected {expected.Describe()}, got {actual.Describe()}" : $"got {actual.Describe()}, which is not the shape this test needs");
        int bad = Array.FindIndex(actual.Numbers, x => !double.IsFinite(x));
        if (bad >= 0 && !(Kind == "exact" && actual.Equals(expected)))
            return Verdict.Fail($"got {Number(actual.Numbers[bad])}{At(actual, bad)}: a result that is not a finite number (look for a division by zero or an overflowing exp)");
        return Kind switch
        {
            "between" => NumbersBetween(actual),
            "exact" => NumbersClose(actual, expected, 0, 0, reveal),
            _ => NumbersClose(actual, expected, RelativeTolerance, AbsoluteTolerance, reveal),
        };
    }

    Verdict NumbersBetween(ReportedValue actual)
    {
        int outside = Array.FindIndex(actual.Numbers, x => x < Low || x > High);
        return outside < 0 ? Verdict.Pass
            : Verdict.Fail($"got {Number(actual.Numbers[outside])}{At(actual, outside)}; it should be between {Number(Low)} and {Number(High)}");
    }

    static Verdict NumbersClose(ReportedValue actual, ReportedValue expected, double rtol, double atol, bool reveal)
    {
        int wrong = 0, first = -1;
        double worst = 0;
        for (int i = 0; i < actual.Numbers.Length; i++)
        {
            double a = actual.Numbers[i], e = expected.Numbers[i];
            double error = Math.Abs(a - e);
            if (error <= atol + rtol * Math.Abs(e)) continue;
            wrong++;
            if (first < 0) first = i;
            worst = Math.Max(worst, error / Math.Max(Math.Abs(e), 1e-12));
        }
        if (wrong == 0) return Verdict.Pass;
        string tolerance = rtol == 0 && atol == 0 ? "exactly" : $"within a relative tolerance of {Number(rtol)}";
        if (!reveal)
            return Verdict.Fail(actual.Numbers.Length == 1
                ? $"your result is not the expected one ({tolerance}); it is off by {Percent(worst)}"
                : $"{wrong} of {actual.Numbers.Length} numbers differ from the expected ones; the largest relative error is {Percent(worst)}");
        string where = actual.Numbers.Length == 1 ? "" : $" ({wrong} of {actual.Numbers.Length} numbers differ; the first{At(actual, first)})";
        return Verdict.Fail($"expected {Number(expected.Numbers[first])}, got {Number(actual.Numbers[first])}{where}");
    }

    Verdict AccuracyOf(ReportedValue predicted, ReportedValue labels)
    {
        if (predicted.Numbers.Length != labels.Numbers.Length || predicted.Shape.Length > 1)
            return Verdict.Fail($"expected one predicted class per example ({labels.Numbers.Length} numbers), got {predicted.Describe()}; " +
                                "use ArgMax over the classes to turn probabilities into labels");
        int right = predicted.Numbers.Zip(labels.Numbers).Count(p => p.First == p.Second);
        double accuracy = (double)right / labels.Numbers.Length;
        string measured = $"accuracy {accuracy.ToString("0.000", CultureInfo.InvariantCulture)} ({right} of {labels.Numbers.Length})";
        return accuracy >= Low ? Verdict.Passing(measured) : Verdict.Fail($"{measured}; it needs at least {Low.ToString("0.###", CultureInfo.InvariantCulture)}");
    }

    static bool ShapesMatch(ReportedValue a, ReportedValue e) =>
        a.Numbers.Length == e.Numbers.Length && (a.Kind != "array" || e.Kind != "array" || a.Shape.SequenceEqual(e.Shape));

    static string At(ReportedValue value, int index)
    {
        if (value.Kind != "array" || value.Shape.Length == 0) return "";
        var position = new int[value.Shape.Length];
        for (int d = value.Shape.Length - 1; d >= 0; d--) { position[d] = index % value.Shape[d]; index /= value.Shape[d]; }
        return $" at [{string.Join(", ", position)}]";
    }

    static string Show(ReportedValue v) => v.Kind switch
    {
        "string" => $"\"{v.Text}\"",
        "bool" => v.Numbers[0] != 0 ? "true" : "false",
        "number" => Number(v.Numbers[0]),
        _ => v.Describe(),
    };

    /// <summary>Six significant digits, exponents as 1e-5 rather than 1E-05.</summary>
    static string Number(double x) =>
        x.ToString("G6", CultureInfo.InvariantCulture).Replace("E-0", "e-").Replace("E+0", "e+").Replace("E", "e");

    static string Percent(double x) => double.IsFinite(x) && x < 1e6 ? (x * 100).ToString("0.##", CultureInfo.InvariantCulture) + " %" : "very large";

    /// <summary>The judge as JSON, for the grader's bundle and the report a test sends.</summary>
    public JsonObject ToJson() => new()
    {
        ["kind"] = Kind,
        ["rtol"] = RelativeTolerance,
        ["atol"] = AbsoluteTolerance,
        ["low"] = Low,
        ["high"] = High,
        ["labels"] = Labels,
    };

    /// <summary>Reads a judge written by <see cref="ToJson"/>.</summary>
    public static Judge FromJson(JsonNode? node)
    {
        if (node is not JsonObject json) return Close();
        double Get(string name) => json[name]?.GetValue<double>() ?? 0;
        return (json["kind"]?.GetValue<string>()) switch
        {
            "exact" => Exact(),
            "between" => Between(Get("low"), Get("high")),
            "accuracy" => Accuracy(Get("low"), json["labels"]?.GetValue<string>() ?? ""),
            "close" => Close(Get("rtol"), Get("atol")),
            var other => throw new FormatException($"unknown judge \"{other}\""),
        };
    }
}

/// <summary>The outcome of judging one value: passed or not, and a message for the student.</summary>
public sealed record Verdict(bool Passed, string Message)
{
    public static readonly Verdict Pass = new(true, "");
    public static Verdict Passing(string message) => new(true, message);
    public static Verdict Fail(string message) => new(false, message);
}
