using System.Globalization;

namespace CourseKit;

/// <summary>
/// What every loss and metric does with <c>y_true</c> and <c>y_pred</c> before computing anything: the same batch size,
/// labels on the predictions' device, Keras's rule for a trailing axis of size 1, and errors that say what to change.
/// </summary>
internal static class Targets
{
    /// <summary>Keras's <c>backend.epsilon()</c>: probabilities are clipped to [ε, 1 − ε] before taking logarithms.</summary>
    public const float Epsilon = 1e-7f;

    /// <summary>
    /// Checks that both tensors have a batch axis of the same size and returns the labels on the device of the
    /// predictions (labels are data: moving them loses no gradient a student needs).
    /// </summary>
    public static Tensor OnDevice(string who, Tensor yTrue, Tensor yPred)
    {
        ArgumentNullException.ThrowIfNull(yTrue);
        ArgumentNullException.ThrowIfNull(yPred);
        if (yPred.Rank == 0)
            throw new ShapeException($"{who}: y_pred is a single number (shape ()); it needs a batch axis first, e.g. shape (batch,) or (batch, units). " +
                                     "Pass the model's output for a whole batch.");
        if (yTrue.Rank == 0)
            throw new ShapeException($"{who}: y_true is a single number (shape ()); it needs a batch axis first, e.g. shape (batch,) or (batch, 1). " +
                                     "Pass one target per example.");
        if (yTrue.Shape[0] != yPred.Shape[0])
            throw new ShapeException($"{who}: y_true has {yTrue.Shape[0]} examples (shape {Format(yTrue)}) but y_pred has {yPred.Shape[0]} (shape {Format(yPred)}); " +
                                     "the first axis is the batch and must be the same. Pass the targets of the same examples as the inputs.");
        return yTrue.Device == yPred.Device ? yTrue : yTrue.To(yPred.Device);
    }

    /// <summary>
    /// Keras's <c>squeeze_or_expand_to_same_rank</c>: when the ranks differ by one and the longer tensor ends in an axis of
    /// size 1, a rank-1 partner gains that axis ((batch,) next to (batch, 1) becomes (batch, 1)); otherwise the axis is
    /// dropped. Any other pair is returned unchanged.
    /// </summary>
    public static (Tensor A, Tensor B) SameRank(Tensor a, Tensor b)
    {
        if (a.Rank == b.Rank + 1 && a.Shape[^1] == 1)
            return b.Rank == 1 ? (a, b.ExpandDims(-1)) : (a.Squeeze(-1), b);
        if (b.Rank == a.Rank + 1 && b.Shape[^1] == 1)
            return a.Rank == 1 ? (a.ExpandDims(-1), b) : (a, b.Squeeze(-1));
        return (a, b);
    }

    /// <summary>
    /// For losses and metrics that compare y_true and y_pred value by value (regression, binary classification): the
    /// checks of <see cref="OnDevice"/>, then <see cref="SameRank"/>, then the shapes must be equal.
    /// </summary>
    public static (Tensor YTrue, Tensor YPred) SameShape(string who, Tensor yTrue, Tensor yPred, string? hint = null)
    {
        var (t, p) = SameRank(OnDevice(who, yTrue, yPred), yPred);
        if (!t.Shape.SequenceEqual(p.Shape))
            throw new ShapeException($"{who}: y_true has shape {Format(yTrue)} but y_pred has shape {Format(yPred)}; they must be the same " +
                                     "(one target per output), or differ only by a trailing axis of size 1. " +
                                     (hint ?? "Check the number of units of the last layer against the targets."));
        return (t, p);
    }

    /// <summary>
    /// One value per example: Keras's mean over the last axis; for higher ranks (e.g. one value per pixel) the remaining
    /// axes after the batch are averaged too. A tensor of shape (batch,) already holds one value per example.
    /// </summary>
    public static Tensor PerExample(Tensor values)
    {
        if (values.Rank <= 1) return values;
        var mean = values.Mean(-1);
        return mean.Rank == 1 ? mean : mean.Mean(Enumerable.Range(1, mean.Rank - 1).ToArray());
    }

    /// <summary>
    /// Fails unless every prediction lies in [0, 1]: without <c>fromLogits</c> the loss reads them as probabilities, and a
    /// logit outside that range would be clipped silently (Keras clips; CourseKit says so).
    /// </summary>
    public static void RequireProbabilities(string who, Tensor yPred, string fix)
    {
        var values = yPred.ToArray();
        int bad = Array.FindIndex(values, v => !(v >= 0f && v <= 1f));
        if (bad < 0) return;
        throw new ArgumentException(
            $"{who}: y_pred holds {Number(values[bad])} at {Position(bad, yPred.Shape)}, which is not a probability (they lie in [0, 1]). {fix}");
    }

    /// <summary>
    /// For the categorical losses: checks that y_pred has a class axis last, with more than one class, and returns the
    /// number of classes.
    /// </summary>
    public static int Classes(string who, Tensor yPred)
    {
        if (yPred.Rank < 2)
            throw new ShapeException($"{who}: y_pred has shape {Format(yPred)}, but it needs one probability per class: shape (batch, classes). " +
                                     "For one yes/no output per example use binary_crossentropy.");
        int classes = yPred.Shape[^1];
        if (classes == 1)
            throw new ShapeException($"{who}: y_pred has shape {Format(yPred)}, a single class, so the loss would always be 0. " +
                                     "For a yes/no problem with one sigmoid output use binary_crossentropy; otherwise give the last layer one unit per class.");
        return classes;
    }

    /// <summary>
    /// log p over the class axis (the last), as Keras's categorical cross-entropies compute it: from logits z,
    /// log softmax(z) = z − log Σ e^z; from probabilities (checked, see <see cref="RequireProbabilities"/>), each row
    /// divided by its sum, clipped to [ε, 1 − ε], then the logarithm.
    /// </summary>
    public static Tensor LogProbabilities(string who, Tensor yPred, bool fromLogits, string fix)
    {
        if (fromLogits) return yPred.LogSoftmax(-1);
        RequireProbabilities(who, yPred, fix);
        var p = yPred / yPred.Sum(-1, keepDims: true); // Keras normalises the rows first
        return p.Clip(Epsilon, 1 - Epsilon).Log();
    }

    /// <summary>The labels as class indices: whole numbers in 0 … classes − 1, with an error naming the first bad one.</summary>
    public static int[] ClassIndices(string who, Tensor labels, int classes, string fix)
    {
        var values = labels.ToArray();
        var indices = new int[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            float v = values[i];
            if (v != MathF.Floor(v))
                throw new ArgumentException(
                    $"{who}: label {Number(v)} at {Position(i, labels.Shape)} is not a whole number; the labels must be class indices 0, 1, 2, …. " +
                    "If the targets are probabilities per class (one-hot rows), use the categorical version instead.");
            if (v < 0 || v >= classes)
                throw new ArgumentException(
                    $"{who}: label {Number(v)} at {Position(i, labels.Shape)} is outside 0 … {classes - 1}: y_pred has {classes} classes (the size of its last axis). {fix}");
            indices[i] = (int)v;
        }
        return indices;
    }

    /// <summary>One weight per example from a sample weight of shape (batch,) or (batch, 1) (or one number for all).</summary>
    public static Tensor SampleWeights(string who, Tensor sampleWeight, Tensor perExample)
    {
        ArgumentNullException.ThrowIfNull(sampleWeight);
        var w = sampleWeight.Device == perExample.Device ? sampleWeight : sampleWeight.To(perExample.Device);
        if (w.Rank == 0 || w.Shape.SequenceEqual(perExample.Shape)) return w;
        if (w.Size == perExample.Size && w.Shape[0] == perExample.Shape[0]) return w.Reshape(perExample.Shape);
        throw new ShapeException($"{who}: sampleWeight has shape {Format(w)} but the batch has {perExample.Shape[0]} examples; " +
                                 $"give one weight per example, shape ({perExample.Shape[0]},).");
    }

    private static readonly AsyncLocal<(int Examples, int First)?> ShownExamples = new();

    /// <summary>
    /// While Fit and Evaluate check the targets a part at a time, messages show the shapes of all the data and the
    /// examples' own numbers: the first axis (the examples) is written as <paramref name="examples"/>, so that the user
    /// reads the shapes they passed, (64, 3), rather than the part's (2, 3); and a position in the part is counted from
    /// <paramref name="first"/>, the number of its first example in the user's data.
    /// </summary>
    public static IDisposable ShowingExamples(int examples, int first = 0)
    {
        var scope = new ShownExamplesScope(ShownExamples.Value);
        ShownExamples.Value = (examples, first);
        return scope;
    }

    private sealed class ShownExamplesScope((int Examples, int First)? previous) : IDisposable
    {
        public void Dispose() => ShownExamples.Value = previous;
    }

    /// <summary>A shape written as Keras writes it: (32, 10).</summary>
    public static string Format(Tensor t) => Format(t.ShapeView);

    /// <summary>A shape with the batch axis first, written as Keras writes it (see <see cref="ShowingExamples"/>).</summary>
    public static string Format(ReadOnlySpan<int> shape) =>
        ShownExamples.Value is { Examples: var examples } && shape.Length > 0 ? ShapeMath.Format([examples, .. shape[1..]]) : ShapeMath.Format(shape);

    /// <summary>A flat position as an index: "example 3" for a vector, "[3, 0]" otherwise (the example counted as
    /// <see cref="ShowingExamples"/> says).</summary>
    public static string Position(int flat, int[] shape)
    {
        int first = ShownExamples.Value?.First ?? 0;
        if (shape.Length <= 1) return $"example {first + flat}";
        var index = new int[shape.Length];
        for (int d = shape.Length - 1; d >= 0; d--) { index[d] = flat % shape[d]; flat /= shape[d]; }
        index[0] += first;
        return $"[{string.Join(", ", index)}]";
    }

    public static string Number(float v) => v.ToString("G7", CultureInfo.InvariantCulture);
}
