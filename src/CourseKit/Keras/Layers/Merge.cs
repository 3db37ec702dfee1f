namespace CourseKit;

/// <summary>
/// What the layers that combine several inputs share (Keras's merge layers, <see cref="Concatenate"/> and
/// <see cref="Add"/>): they are called on a list, <c>layer.Call([a, b])</c>, or in the functional API
/// <c>layer.Call(a, b)</c>. No weights. A single input passes through unchanged, as in Keras.
/// </summary>
public abstract class Merge : Layer
{
    private protected Merge(string? name) : base(name) { }

    protected override void Build(int[] inputShape) => Build([inputShape]);

    protected override void Build(IReadOnlyList<int[]> inputShapes) => ComputeOutputShape(inputShapes);

    public override int[] ComputeOutputShape(int[] inputShape) => ComputeOutputShape([inputShape]);

    protected override Tensor Forward(Tensor inputs, bool training) => Forward([inputs], training);

    protected override string? Incompatibility(IReadOnlyList<int[]> inputShapes) => Mismatch(inputShapes);

    public override int[] ComputeOutputShape(IReadOnlyList<int[]> inputShapes)
    {
        ArgumentNullException.ThrowIfNull(inputShapes);
        if (inputShapes.Count == 0)
            throw new ArgumentException($"Layer \"{Name}\" ({GetType().Name}) should be called on a list of at least 1 input; got none.");
        if (Mismatch(inputShapes) is string reason) throw new ShapeException($"Layer \"{Name}\" ({GetType().Name}): {reason}");
        return OutputShapeOf(inputShapes);
    }

    /// <summary>Why these per-example shapes cannot be combined, or null if they can.</summary>
    private protected abstract string? Mismatch(IReadOnlyList<int[]> inputShapes);

    /// <summary>The per-example output shape for shapes that fit.</summary>
    private protected abstract int[] OutputShapeOf(IReadOnlyList<int[]> inputShapes);

    /// <summary>Shapes as Keras prints them in messages: [(None, 8), (None, 3)].</summary>
    private protected static string Describe(IReadOnlyList<int[]> shapes) => "[" + string.Join(", ", shapes.Select(KerasTensor.Format)) + "]";
}
