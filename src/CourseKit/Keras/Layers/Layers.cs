namespace CourseKit;

/// <summary>
/// Keras's lower-case shortcuts for the merge layers in the functional API: <c>Layers.Concatenate(a, b)</c> is
/// <c>keras.layers.concatenate([a, b])</c>, the same as <c>new Concatenate().Call(a, b)</c>.
/// </summary>
public static class Layers
{
    /// <summary>Joins symbolic inputs along the last axis: <c>var both = Layers.Concatenate(wide, deep);</c>.</summary>
    public static KerasTensor Concatenate(params KerasTensor[] inputs) => Concatenate(inputs, axis: -1);

    /// <summary>Joins symbolic inputs along <paramref name="axis"/> (counting the batch axis).</summary>
    public static KerasTensor Concatenate(IReadOnlyList<KerasTensor> inputs, int axis = -1)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        return new CourseKit.Concatenate(axis).Call([.. inputs]);
    }

    /// <summary>Adds symbolic inputs element by element: <c>var y = Layers.Add(x, shortcut);</c>.</summary>
    public static KerasTensor Add(params KerasTensor[] inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        return new CourseKit.Add().Call(inputs);
    }
}
