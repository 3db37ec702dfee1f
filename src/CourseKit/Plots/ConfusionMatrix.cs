using System.Text;

namespace CourseKit;

/// <summary>
/// Counts how often each true class was predicted as each class: <c>matrix[true, predicted]</c>. The diagonal holds
/// the correct predictions; everything else is a mistake, and which cells are large shows which classes get confused.
/// Draw it with <see cref="Plot.ConfusionMatrix"/>.
/// </summary>
public static class ConfusionMatrix
{
    /// <summary>
    /// The confusion matrix of <paramref name="yPred"/> against <paramref name="yTrue"/>.
    /// </summary>
    /// <param name="yTrue">True classes: indices (n,) or (n, 1), or one-hot (n, classes).</param>
    /// <param name="yPred">Predicted classes: indices, probabilities (n, classes) (the largest wins), or one sigmoid probability per row (n,) / (n, 1) (class 1 from 0.5).</param>
    /// <param name="numClasses">The number of classes (default: enough for every label seen).</param>
    /// <returns><c>matrix[t, p]</c> = how many examples of true class t were predicted as p.</returns>
    public static int[,] Compute(Tensor yTrue, Tensor yPred, int? numClasses = null)
    {
        var (actual, actualWidth) = Labels(yTrue, nameof(yTrue), prediction: false);
        var (predicted, predictedWidth) = Labels(yPred, nameof(yPred), prediction: true);
        if (actual.Length != predicted.Length)
            throw new ArgumentException($"ConfusionMatrix: yTrue has {actual.Length} examples but yPred has {predicted.Length}; predict the same examples you compare with.", nameof(yPred));
        int needed = Math.Max(Math.Max(actual.Max(), predicted.Max()) + 1, Math.Max(actualWidth, predictedWidth));
        int k = numClasses ?? needed;
        if (k < needed)
            throw new ArgumentException($"ConfusionMatrix: numClasses is {k} but the labels need {needed} classes (labels go up to {needed - 1}).", nameof(numClasses));
        var matrix = new int[k, k];
        for (int i = 0; i < actual.Length; i++) matrix[actual[i], predicted[i]]++;
        return matrix;
    }

    /// <summary>
    /// The class of each example: indices stay, one-hot or probability rows become their largest column, and (for
    /// predictions) a single probability per row becomes class 1 from 0.5. Returns the classes and the row width
    /// (the number of classes when rows are one-hot or probabilities, else 0).
    /// </summary>
    internal static (int[] Classes, int Width) Labels(Tensor labels, string name, bool prediction)
    {
        ArgumentNullException.ThrowIfNull(labels, name);
        var shape = labels.Shape;
        if (shape.Length == 2 && shape[1] > 1)
            return (Array.ConvertAll(labels.ArgMax(-1).ToArray(), v => (int)v), shape[1]);
        if (shape.Length is not (1 or 2))
            throw new ArgumentException($"ConfusionMatrix: {name} should be class indices (n,), one-hot or probabilities (n, classes); got shape {ShapeMath.Format(shape)}.", name);
        var values = labels.ToArray();
        if (Plot.AreWholeNumbers(values))
        {
            if (values.Any(v => v < 0))
                throw new ArgumentException($"ConfusionMatrix: {name} contains the negative class {values.First(v => v < 0)}; classes are numbered from 0.", name);
            return (Array.ConvertAll(values, v => (int)v), 0);
        }
        if (prediction && values.All(v => v >= 0 && v <= 1))
            return (Array.ConvertAll(values, v => v >= 0.5f ? 1 : 0), 2);
        throw new ArgumentException($"ConfusionMatrix: {name} should hold whole class numbers (0, 1, 2, …), got {values.First(v => v != MathF.Round(v))}. " +
                                    (prediction ? "Pass probabilities as one row per example, or model.Predict(x).ArgMax(-1)." : "Use the dataset's labels."), name);
    }

    /// <summary>The matrix as a text table, rows = true class, columns = predicted class.</summary>
    public static string Format(int[,] matrix, IReadOnlyList<string>? classNames = null)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        int k = matrix.GetLength(0);
        var names = Enumerable.Range(0, k).Select(i => classNames is not null && i < classNames.Count ? classNames[i] : i.ToString()).ToArray();
        int width = Math.Max(names.Max(s => s.Length), matrix.Cast<int>().Max().ToString().Length) + 2;
        int first = Math.Max(names.Max(s => s.Length), "true \\ pred".Length) + 2;
        var sb = new StringBuilder("true \\ pred".PadRight(first));
        foreach (var name in names) sb.Append(name.PadLeft(width));
        for (int t = 0; t < k; t++)
        {
            sb.Append('\n').Append(names[t].PadRight(first));
            for (int p = 0; p < k; p++) sb.Append(matrix[t, p].ToString().PadLeft(width));
        }
        return sb.ToString();
    }

    /// <summary>The fraction on the diagonal: correct predictions / all predictions.</summary>
    public static double Accuracy(int[,] matrix)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        long total = 0, correct = 0;
        for (int t = 0; t < matrix.GetLength(0); t++)
            for (int p = 0; p < matrix.GetLength(1); p++)
            {
                total += matrix[t, p];
                if (t == p) correct += matrix[t, p];
            }
        return total == 0 ? 0 : (double)correct / total;
    }
}
