namespace CourseKit;

/// <summary>
/// What <see cref="MaxPooling2D"/> and <see cref="AveragePooling2D"/> share (Keras's <c>BasePooling</c>): a window
/// slides over each channel of the images and summarises what it covers by one number. No weights.
/// </summary>
public abstract class Pooling2D : Layer
{
    private protected Pooling2D(Size2D? poolSize, Size2D? strides, string padding, int[]? inputShape, string? name)
        : base(name, inputShape)
    {
        string layer = GetType().Name;
        PoolSize = (poolSize ?? 2).RequirePositive(layer, nameof(poolSize));
        Strides = (strides ?? PoolSize).RequirePositive(layer, nameof(strides));
        Padding = ImageWindows.Padding(padding, layer);
    }

    /// <summary>The window, (2, 2) by default.</summary>
    public Size2D PoolSize { get; }

    /// <summary>How far the window moves each step; the pool size by default, so windows do not overlap.</summary>
    public Size2D Strides { get; }

    /// <summary>"valid" or "same".</summary>
    public string Padding { get; }

    protected override void Build(int[] inputShape) => RequireImage(inputShape);

    public override int[] ComputeOutputShape(int[] inputShape)
    {
        RequireImage(inputShape);
        var (height, width) = ImageWindows.Output(inputShape, PoolSize, Strides, Padding);
        return [height, width, inputShape[2]];
    }

    protected override string? Incompatibility(IReadOnlyList<int[]> inputShapes) =>
        ImageWindows.NotAnImage(inputShapes[0], PoolSize, Padding, "pool");

    public override Dictionary<string, object?> GetConfig()
    {
        var config = base.GetConfig();
        config["pool_size"] = PoolSize.ToArray();
        config["strides"] = Strides.ToArray();
        config["padding"] = Padding;
        return config;
    }

    private void RequireImage(int[] shape)
    {
        if (ImageWindows.NotAnImage(shape, PoolSize, Padding, "pool") is string reason)
            throw new ShapeException($"Input 0 of layer \"{Name}\" is incompatible with the layer: {reason}");
    }
}
