namespace CourseKit;

/// <summary>
/// Joins its inputs along one axis (Keras's <c>Concatenate</c>): two batches of shape (n, 8) and (n, 3) become (n, 11).
/// All other axes must match. In the functional API, <see cref="Layers.Concatenate(KerasTensor[])"/> is the short form.
/// The gradient is cut back into the pieces that came in.
/// </summary>
public sealed class Concatenate : Merge
{
    /// <param name="axis">The axis to join along, counting the batch axis (−1, the last, by default).</param>
    /// <param name="name">The layer's name; "concatenate", … by default.</param>
    public Concatenate(int axis = -1, string? name = null) : base(name) => Axis = axis;

    /// <summary>The joining axis (of the whole batch: 1 is the first axis of each example, −1 the last).</summary>
    public int Axis { get; }

    protected override Tensor Forward(IReadOnlyList<Tensor> inputs, bool training) =>
        inputs.Count == 1 ? inputs[0] : Tensor.Concat(inputs, PerExampleAxis(inputs[0].Rank - 1) + 1);

    private protected override string? Mismatch(IReadOnlyList<int[]> shapes)
    {
        int rank = shapes[0].Length;
        if (shapes.Any(s => s.Length != rank))
            return $"a Concatenate layer requires inputs with matching shapes except for the concatenation axis. Received: input_shape={Describe(shapes)}; " +
                   "the inputs have different numbers of axes (reshape or flatten them first).";
        if (rank == 0 || Axis == 0 || Axis >= rank + 1 || Axis < -rank)
            return $"axis {Axis} does not exist for inputs of shape {KerasTensor.Format(shapes[0])}; " +
                   (rank == 0 ? "the inputs have no axis besides the batch axis." : $"choose one of 1 … {rank} (or −1 … −{rank}); 0 is the batch axis.");
        int axis = PerExampleAxis(rank);
        for (int d = 0; d < rank; d++)
            if (d != axis && shapes.Any(s => s[d] != shapes[0][d]))
                return $"a Concatenate layer requires inputs with matching shapes except for the concatenation axis. Received: input_shape={Describe(shapes)} " +
                       $"(joining on axis {Axis}, they differ on axis {d + 1}).";
        return null;
    }

    private protected override int[] OutputShapeOf(IReadOnlyList<int[]> shapes)
    {
        var shape = (int[])shapes[0].Clone();
        int axis = PerExampleAxis(shape.Length);
        shape[axis] = shapes.Sum(s => s[axis]);
        return shape;
    }

    public override Dictionary<string, object?> GetConfig()
    {
        var config = base.GetConfig();
        config["axis"] = Axis;
        return config;
    }

    /// <summary>The axis within one example (0-based), for examples of <paramref name="rank"/> axes.</summary>
    private int PerExampleAxis(int rank) => Axis < 0 ? Axis + rank : Axis - 1;
}
