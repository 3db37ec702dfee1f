namespace CourseKit;

public static partial class Preprocessing
{
    /// <summary>
    /// Turns class indices into one-hot rows, as Keras's <c>to_categorical</c>: label 2 of 4 classes becomes
    /// <c>[0, 0, 1, 0]</c>. Use it when the loss expects one probability per class (categorical cross-entropy).
    /// </summary>
    /// <param name="y">Class indices 0, 1, 2, … of any shape, usually <c>(n,)</c>. The result has one more axis, of size
    /// <paramref name="numClasses"/>: <c>(n,)</c> becomes <c>(n, numClasses)</c>. Like Keras, a trailing axis of size 1 is
    /// dropped first, so <c>(n, 1)</c> also becomes <c>(n, numClasses)</c>.</param>
    /// <param name="numClasses">How many classes there are; by default the largest label + 1. Give it when a split might
    /// lack the last class (e.g. a small test set), so that training and test one-hots have the same width.</param>
    /// <exception cref="ArgumentException">A label is not a whole number, is negative, or is not below <paramref name="numClasses"/>.</exception>
    public static Tensor ToCategorical(Tensor y, int? numClasses = null)
    {
        ArgumentNullException.ThrowIfNull(y);
        var labels = y.ToArray();
        var shape = y.Shape;
        for (int i = 0; i < labels.Length; i++)
        {
            float label = labels[i];
            if (label != MathF.Floor(label))
                throw new ArgumentException($"ToCategorical: label {Number(label)} at {Position(i, shape)} is not a whole number; " +
                                            "class labels must be the integers 0, 1, 2, …. If these are predicted probabilities, use ArgMax(-1) to pick a class.", nameof(y));
            if (label < 0)
                throw new ArgumentException($"ToCategorical: label {Number(label)} at {Position(i, shape)} is negative; class labels start at 0. " +
                                            "If the classes are −1 and 1, map them to 0 and 1 first (e.g. (y + 1) / 2).", nameof(y));
        }
        int maxLabel = (int)labels.Max();
        int classes = numClasses ?? maxLabel + 1;
        if (classes < 1)
            throw new ArgumentException($"ToCategorical: numClasses must be at least 1, got {classes}.", nameof(numClasses));
        if (maxLabel >= classes)
        {
            int at = Array.IndexOf(labels, (float)maxLabel);
            throw new ArgumentException($"ToCategorical: label {maxLabel} at {Position(at, shape)} is not below numClasses = {classes}; labels must lie in 0 … {classes - 1}. " +
                                        $"Pass numClasses: {maxLabel + 1} or more, or leave it out to use the largest label + 1.", nameof(numClasses));
        }

        int[] outer = shape.Length > 1 && shape[^1] == 1 ? shape[..^1] : shape;
        var oneHot = new float[labels.Length * classes];
        for (int i = 0; i < labels.Length; i++) oneHot[i * classes + (int)labels[i]] = 1;
        return Tensor.FromData(oneHot, [.. outer, classes], y.Device);
    }
}
