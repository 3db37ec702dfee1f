namespace CourseKit;

/// <summary>
/// Turns each example into a vector, keeping the batch axis (Keras's <c>Flatten</c>): a batch of (28, 28) images, shape
/// (n, 28, 28), becomes (n, 784), ready for a <see cref="Dense"/> layer. Row by row, as NumPy's reshape. No weights.
/// </summary>
public sealed class Flatten : Layer
{
    /// <param name="inputShape">The shape of one example, e.g. <c>[28, 28]</c> when this is the first layer of a model.</param>
    /// <param name="name">The layer's name; "flatten", "flatten_1", … by default.</param>
    public Flatten(int[]? inputShape = null, string? name = null) : base(name, inputShape)
    {
        if (inputShape is not null) EnsureBuilt([inputShape]);
    }

    public override int[] ComputeOutputShape(int[] inputShape) => [inputShape.Aggregate(1, (p, d) => checked(p * d))];

    protected override Tensor Forward(Tensor inputs, bool training) =>
        inputs.Rank == 1 ? inputs.Reshape(inputs.Shape[0], 1) : inputs.Flatten(1);
}
