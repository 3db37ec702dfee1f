namespace CourseKit;

/// <summary>
/// Gives each example a new shape with the same numbers (Keras's <c>Reshape</c>); the batch axis stays. One axis may be
/// −1 to be worked out: <c>new Reshape([28, 28, 1])</c> turns 784-pixel rows into one-channel images for
/// <see cref="Conv2D"/>. No weights.
/// </summary>
public sealed class Reshape : Layer
{
    private readonly int[] _targetShape;

    /// <param name="targetShape">The shape of one example afterwards (without the batch axis); at most one −1.</param>
    /// <param name="inputShape">The shape of one example, when this is the first layer of a model.</param>
    /// <param name="name">The layer's name; "reshape", "reshape_1", … by default.</param>
    public Reshape(int[] targetShape, int[]? inputShape = null, string? name = null) : base(name, inputShape)
    {
        ArgumentNullException.ThrowIfNull(targetShape);
        if (targetShape.Length == 0 || targetShape.Any(d => d == 0 || d < -1) || targetShape.Count(d => d == -1) > 1)
            throw new ArgumentException($"Reshape: target_shape {ShapeMath.Format(targetShape)} must list positive sizes per example " +
                                        "(without the batch axis), with at most one −1 for a size to be worked out.", nameof(targetShape));
        _targetShape = (int[])targetShape.Clone();
        if (inputShape is not null) EnsureBuilt([inputShape]);
    }

    /// <summary>The shape each example gets (as given, possibly with −1).</summary>
    public int[] TargetShape => (int[])_targetShape.Clone();

    public override int[] ComputeOutputShape(int[] inputShape) =>
        Resolve(inputShape) is { } shape ? shape : throw new ShapeException($"Input 0 of layer \"{Name}\" is incompatible with the layer: {Mismatch(inputShape)}");

    protected override string? Incompatibility(IReadOnlyList<int[]> inputShapes) =>
        Resolve(inputShapes[0]) is null ? Mismatch(inputShapes[0]) : null;

    protected override Tensor Forward(Tensor inputs, bool training) =>
        inputs.Reshape([inputs.Shape[0], .. ComputeOutputShape(inputs.Shape[1..])]);

    public override Dictionary<string, object?> GetConfig()
    {
        var config = base.GetConfig();
        config["target_shape"] = TargetShape;
        return config;
    }

    /// <summary>The target shape with −1 worked out, or null when the numbers of one example do not fit it.</summary>
    private int[]? Resolve(int[] inputShape)
    {
        int size = inputShape.Aggregate(1, (p, d) => checked(p * d));
        int known = _targetShape.Where(d => d != -1).Aggregate(1, (p, d) => checked(p * d));
        if (!_targetShape.Contains(-1)) return known == size ? TargetShape : null;
        if (size % known != 0) return null;
        return _targetShape.Select(d => d == -1 ? size / known : d).ToArray();
    }

    private string Mismatch(int[] inputShape) =>
        $"the total size of the tensor must be unchanged. Received: input_shape={ShapeMath.Format(inputShape)} " +
        $"({inputShape.Aggregate(1, (p, d) => p * d)} numbers per example), target_shape={ShapeMath.Format(_targetShape)}. " +
        "Choose a target shape whose sizes multiply to the same number, or use −1 for one axis.";
}
