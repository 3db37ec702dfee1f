namespace CourseKit;

/// <summary>
/// A placeholder for data in the functional API: it knows its per-example shape and which layer produced it from which
/// inputs, but holds no numbers. <c>new Model(inputs, outputs)</c> turns the graph of such placeholders into a model.
/// </summary>
public class KerasTensor
{
    internal KerasTensor(int[] shape, Layer producer, IReadOnlyList<KerasTensor> parents)
    {
        Shape = (int[])shape.Clone();
        Producer = producer;
        Parents = parents;
    }

    /// <summary>The per-example shape (without the batch axis).</summary>
    public int[] Shape { get; }

    /// <summary>The layer whose output this is.</summary>
    public Layer Producer { get; }

    /// <summary>The placeholders the producing layer was called on (empty for an <see cref="Input"/>).</summary>
    public IReadOnlyList<KerasTensor> Parents { get; }

    /// <summary>A shape as Keras prints it, with the batch axis as None: <c>(None, 28, 28)</c>.</summary>
    public static string Format(IReadOnlyList<int> perExample) => "(" + string.Join(", ", new[] { "None" }.Concat(perExample.Select(d => d.ToString()))) + ")";

    public override string ToString() => $"<KerasTensor shape={Format(Shape)}, from {Producer.Name}>";
}

/// <summary>
/// The entry point of a functional model, like <c>keras.Input</c>: <c>var inputs = new Input(shape: [8]);</c> — the
/// shape is per example.
/// </summary>
public sealed class Input : KerasTensor
{
    public Input(int[] shape, string? name = null) : base(CheckShape(shape), new InputLayer(shape, name), []) { }

    private static int[] CheckShape(int[] shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        if (shape.Any(d => d <= 0))
            throw new ShapeException($"Input: shape {ShapeMath.Format(shape)} must list positive sizes per example, without the batch axis (e.g. shape: [28, 28]).");
        return shape;
    }
}

/// <summary>The layer behind an <see cref="Input"/>: passes data through and fixes the per-example shape.</summary>
public sealed class InputLayer : Layer
{
    public InputLayer(int[] shape, string? name = null) : base(name, shape) => EnsureBuilt([shape]);

    protected override Tensor Forward(Tensor inputs, bool training) => inputs;

    protected override string? Incompatibility(IReadOnlyList<int[]> inputShapes) =>
        ShapeMath.SameShape(inputShapes[0], DeclaredInputShape!) ? null
            : $"expected shape {KerasTensor.Format(DeclaredInputShape!)}, but received input with shape {KerasTensor.Format(inputShapes[0])}.";

    public override Dictionary<string, object?> GetConfig()
    {
        var config = base.GetConfig();
        config["batch_shape"] = new int?[] { null }.Concat(DeclaredInputShape!.Select(d => (int?)d)).ToArray();
        return config;
    }
}
