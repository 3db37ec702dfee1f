namespace CourseKit;

public static partial class Explain
{
    /// <summary>
    /// Works out a 2-D convolution with your numbers: every position of the kernel over the (zero-padded) image, the
    /// products written out and summed, and the output grid that results (the same numbers as <see cref="Tensor.Conv2D"/>).
    /// In a notebook, Previous/Next walk the positions.
    /// </summary>
    /// <param name="image">One grey image: (height, width), or (1, height, width, 1).</param>
    /// <param name="kernel">The kernel: (kernelHeight, kernelWidth), or (kernelHeight, kernelWidth, 1, 1).</param>
    /// <param name="padding">"valid" (no padding: the output shrinks) or "same" (zeros around the border so that with
    /// stride 1 the output keeps the image's size; a 3×3 kernel gets one ring of zeros).</param>
    /// <param name="stride">How many pixels the kernel moves each step.</param>
    /// <example><c>Explain.Conv2D(image, new float[,] { { 0, -1, 0 }, { -1, 5, -1 }, { 0, -1, 0 } }, padding: "same")</c></example>
    public static ConvolutionExplanation Conv2D(Tensor image, Tensor kernel, string padding = "valid", int stride = 1)
    {
        var (pixels, img) = WindowGeometry.Grey("Explain.Conv2D", "image", image);
        var (weights, k) = WindowGeometry.Grey("Explain.Conv2D", "kernel", kernel);
        var g = WindowGeometry.Of("Explain.Conv2D", pixels.GetLength(0), pixels.GetLength(1), weights.GetLength(0), weights.GetLength(1), stride, padding);
        var output = img.Reshape(1, g.Height, g.Width, 1)
            .Conv2D(k.To(img.Device).Reshape(g.KernelHeight, g.KernelWidth, 1, 1), (stride, stride), padding)
            .Reshape(g.OutHeight, g.OutWidth);
        return new ConvolutionExplanation(pixels, weights, output, g, padding);
    }

    /// <summary>
    /// Works out max pooling with your numbers: each <paramref name="poolSize"/>×<paramref name="poolSize"/> window (no
    /// padding) and the largest value it keeps; the same numbers as <see cref="Tensor.MaxPool2D"/>.
    /// </summary>
    /// <param name="input">One grey image or feature map: (height, width), or (1, height, width, 1).</param>
    /// <param name="poolSize">The window's size; 2 means 2×2.</param>
    /// <param name="stride">How far the window moves each step; 2 (= the pool size) means windows do not overlap.</param>
    public static PoolingExplanation MaxPool(Tensor input, int poolSize = 2, int stride = 2) => Pool("Explain.MaxPool", input, poolSize, stride, max: true);

    /// <summary>As <see cref="MaxPool"/>, but each window keeps the mean of its values (<see cref="Tensor.AvgPool2D"/>).</summary>
    public static PoolingExplanation AveragePool(Tensor input, int poolSize = 2, int stride = 2) => Pool("Explain.AveragePool", input, poolSize, stride, max: false);

    private static PoolingExplanation Pool(string op, Tensor input, int poolSize, int stride, bool max)
    {
        var (values, x) = WindowGeometry.Grey(op, "input", input);
        var g = WindowGeometry.Of(op, values.GetLength(0), values.GetLength(1), poolSize, poolSize, stride, "valid");
        var batch = x.Reshape(1, g.Height, g.Width, 1);
        var output = (max ? batch.MaxPool2D((poolSize, poolSize), (stride, stride)) : batch.AvgPool2D((poolSize, poolSize), (stride, stride)))
            .Reshape(g.OutHeight, g.OutWidth);
        return new PoolingExplanation(values, output, g, max);
    }

    /// <summary>
    /// Shows what a convolution or pooling layer of <paramref name="model"/> sees in one image: the model's layers are
    /// called in order up to and including <c>model.Layers[layer]</c>, and each channel of that output is drawn as a picture.
    /// </summary>
    /// <param name="model">A model whose layers form a chain, e.g. a <see cref="Sequential"/>.</param>
    /// <param name="image">One image: (height, width) for grey, (height, width, channels), or (1, height, width, channels).</param>
    /// <param name="layer">The index in <c>model.Layers</c> of a layer whose output is images, e.g. a Conv2D or MaxPooling2D.</param>
    public static FeatureMapsExplanation FeatureMaps(Model model, Tensor image, int layer)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(image);
        var layers = model.Layers;
        if (layer < 0 || layer >= layers.Count)
            throw new ArgumentOutOfRangeException(nameof(layer), layer,
                $"Explain.FeatureMaps: model \"{model.Name}\" has {layers.Count} layers (0 to {layers.Count - 1}): {string.Join(", ", layers.Select((l, i) => $"{i} {l.Name}"))}.");
        var s = image.Shape;
        var batch = s.Length switch
        {
            2 => image.Detach().Reshape(1, s[0], s[1], 1),
            3 => image.Detach().Reshape(1, s[0], s[1], s[2]),
            4 when s[0] == 1 => image.Detach(),
            _ => throw new ShapeException($"Explain.FeatureMaps: the image has shape {ShapeMath.Format(s)}; it needs one image: (height, width), " +
                                          "(height, width, channels) or (1, height, width, channels). For a batch pick one first: images[0]."),
        };
        var x = batch;
        for (int i = 0; i <= layer; i++) x = layers[i].Call(x);
        var o = x.Shape;
        if (o.Length != 4)
            throw new ShapeException($"Explain.FeatureMaps: layer {layer} \"{layers[layer].Name}\" ({layers[layer].GetType().Name}) gives shape {ShapeMath.Format(o)}, " +
                                     "not images; pick a Conv2D or pooling layer (before any Flatten).");
        var b = batch.Shape;
        return new FeatureMapsExplanation(model, layers[layer], layer, batch.Reshape(b[1], b[2], b[3]), x.Detach().Reshape(o[1], o[2], o[3]));
    }

    /// <summary>As <see cref="FeatureMaps(Model, Tensor, int)"/>, picking the layer by its name (e.g. "conv2d").</summary>
    public static FeatureMapsExplanation FeatureMaps(Model model, Tensor image, string layerName)
    {
        ArgumentNullException.ThrowIfNull(model);
        var layers = model.Layers;
        for (int i = 0; i < layers.Count; i++)
            if (layers[i].Name == layerName) return FeatureMaps(model, image, i);
        throw new ArgumentException($"Explain.FeatureMaps: model \"{model.Name}\" has no layer named \"{layerName}\"; its layers are " +
                                    string.Join(", ", layers.Select(l => $"\"{l.Name}\"")) + ".", nameof(layerName));
    }
}
