using System.Globalization;

namespace CourseKit;

/// <summary>
/// Getting data ready for a network: one-hot labels, train/test splits, scaled images and mini-batches
/// (the helpers of <c>keras.utils</c> and <c>sklearn.model_selection</c>). Scalers and encoders that learn from the
/// data are classes of their own: <see cref="StandardScaler"/>, <see cref="MinMaxScaler"/>, <see cref="OneHotEncoder"/>.
/// </summary>
public static partial class Preprocessing
{
    /// <summary>"index [2, 0]" for element <paramref name="flat"/> (row-major) of a tensor of <paramref name="shape"/>.</summary>
    internal static string Position(int flat, int[] shape)
    {
        if (shape.Length == 0) return "the only position";
        var index = new int[shape.Length];
        for (int d = shape.Length - 1; d >= 0; d--) { index[d] = flat % shape[d]; flat /= shape[d]; }
        return $"index [{string.Join(", ", index)}]";
    }

    internal static string Number(double value) => value.ToString("G7", CultureInfo.InvariantCulture);

    /// <summary>Checks that features and targets describe the same examples (equal first axes).</summary>
    internal static void CheckSameExamples(string op, Tensor x, Tensor y, string yName = "y")
    {
        if (x.Rank == 0)
            throw new ShapeException($"{op}: x is a scalar; it needs a first axis of examples, e.g. shape (n, features).");
        if (y.Rank == 0)
            throw new ShapeException($"{op}: {yName} is a scalar; it needs one entry per example, e.g. shape (n,).");
        if (x.ShapeView[0] != y.ShapeView[0])
            throw new ShapeException($"{op}: x has {x.ShapeView[0]} examples (shape {ShapeMath.Format(x.ShapeView)}) but {yName} has {y.ShapeView[0]} " +
                                     $"(shape {ShapeMath.Format(y.ShapeView)}); the first axis counts examples, and every example needs one target.");
    }
}
