namespace CourseKit;

/// <summary>
/// What the column scalers share: reading a (examples, features) matrix, the checks every Transform makes, and
/// showing per-column numbers in <c>ToString()</c>.
/// </summary>
internal static class FeatureColumns
{
    /// <summary>The numbers of <paramref name="x"/> (row-major) with its row and column counts; <paramref name="x"/> must be a matrix.</summary>
    internal static (float[] Values, int Rows, int Columns) Read(Tensor x, string op)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.Rank != 2)
            throw new ShapeException($"{op}: expected a (examples, features) matrix, got shape {ShapeMath.Format(x.ShapeView)}. " + x.Rank switch
            {
                0 => "Put the number in a matrix first, e.g. Tensor.FromArray(new float[,] {{ v }}).",
                1 => "For a single feature make it one column with x.Reshape(-1, 1); for a single example, one row with x.Reshape(1, -1).",
                _ => "Flatten everything after the first axis first, e.g. x.Flatten(1).",
            });
        return (x.ToArray(), x.ShapeView[0], x.ShapeView[1]);
    }

    /// <summary>Throws "call Fit first" unless the scaler has been fitted.</summary>
    internal static T Fitted<T>(T? value, string who, string member) where T : class =>
        value ?? throw new InvalidOperationException(
            $"{who}.{member}: the {who} has not been fitted yet; call Fit first (e.g. scaler.Fit(xTrain)), then {member}. " +
            "Fit on the training data only and reuse the fitted scaler for the test data.");

    /// <summary>Checks that <paramref name="x"/> is a matrix with the number of columns the scaler was fitted on.</summary>
    internal static void CheckColumns(Tensor x, int fitted, string who, string op)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.Rank != 2) Read(x, $"{who}.{op}"); // throws the explanation
        int columns = x.ShapeView[1];
        if (columns != fitted)
            throw new ShapeException($"{who}.{op}: the {who} was fitted on {fitted} column{(fitted == 1 ? "" : "s")} (features) but x has {columns} " +
                                     $"(shape {ShapeMath.Format(x.ShapeView)}). Give it the same feature columns, in the same order, as in Fit.");
    }

    /// <summary>Per-column numbers as a rank-1 tensor (float32, like every tensor).</summary>
    internal static Tensor Row(double[] values, Device? device = null) =>
        Tensor.FromData(values.Select(v => (float)v).ToArray(), [values.Length], device);

    /// <summary>"[2.5, 25]"; long rows are cut after eight numbers.</summary>
    internal static string Format(double[] values)
    {
        const int shown = 8;
        var parts = values.Take(shown).Select(v => Preprocessing.Number(v));
        return "[" + string.Join(", ", parts) + (values.Length > shown ? $", … ({values.Length} in all)" : "") + "]";
    }
}
