namespace CourseKit;

/// <summary>
/// Adds its inputs element by element (Keras's <c>Add</c>), e.g. the shortcut of a residual block: <c>x + f(x)</c>. The
/// shapes must be equal (or 1 where another input is larger, by broadcasting). In the functional API,
/// <see cref="Layers.Add(KerasTensor[])"/> is the short form. Each input receives the whole gradient.
/// </summary>
public sealed class Add : Merge
{
    /// <param name="name">The layer's name; "add", "add_1", … by default.</param>
    public Add(string? name = null) : base(name) { }

    protected override Tensor Forward(IReadOnlyList<Tensor> inputs, bool training)
    {
        var sum = inputs[0];
        for (int i = 1; i < inputs.Count; i++) sum += inputs[i];
        return sum;
    }

    private protected override string? Mismatch(IReadOnlyList<int[]> shapes)
    {
        int rank = shapes[0].Length;
        if (shapes.Any(s => s.Length != rank))
            return $"inputs have incompatible shapes. Received shapes {Describe(shapes)}; an Add layer needs inputs of the same shape.";
        for (int d = 0; d < rank; d++)
        {
            int size = shapes.Max(s => s[d]);
            if (shapes.Any(s => s[d] != size && s[d] != 1))
                return $"inputs have incompatible shapes. Received shapes {Describe(shapes)} (axis {d + 1} differs); an Add layer needs inputs of the same shape.";
        }
        return null;
    }

    private protected override int[] OutputShapeOf(IReadOnlyList<int[]> shapes) =>
        Enumerable.Range(0, shapes[0].Length).Select(d => shapes.Max(s => s[d])).ToArray();
}
