namespace CourseKit;

public static partial class Plot
{
    /// <summary>The most images one figure shows (more would make the notebook slow).</summary>
    public const int MaxImages = 100;

    /// <summary>
    /// A grid of grey images, e.g. MNIST digits, with an optional title above each (its class name, or "7 → 1"
    /// for a wrong prediction). Values may be 0–255 or 0–1 (detected); dark means ink.
    /// <code>Plot.Images(xTrain[..20], titles: yTrain[..20].ToArray().Select(c => classNames[(int)c]).ToList())</code>
    /// </summary>
    /// <param name="images">Shape (n, height, width) or (n, height, width, 1); one image of shape (height, width) works too. At most 100.</param>
    /// <param name="titles">A title per image, or null.</param>
    /// <param name="columns">Images per row.</param>
    /// <param name="title">The figure's title.</param>
    public static Figure Images(Tensor images, IReadOnlyList<string>? titles = null, int columns = 10, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(images);
        var shape = images.Shape;
        int n, height, width;
        switch (shape.Length)
        {
            case 2 when LooksFlattened(shape):
                throw new ArgumentException($"Plot.Images: shape {ShapeMath.Format(shape)} looks like {shape[0]} flattened images of {shape[1]} pixels. " +
                                            $"Reshape them first, e.g. images.Reshape({shape[0]}, {(int)Math.Sqrt(shape[1])}, {(int)Math.Sqrt(shape[1])}); " +
                                            $"for one image of this shape use images.Reshape(1, {shape[0]}, {shape[1]}).", nameof(images));
            case 2: (n, height, width) = (1, shape[0], shape[1]); break;
            case 3: (n, height, width) = (shape[0], shape[1], shape[2]); break;
            case 4 when shape[3] == 1: (n, height, width) = (shape[0], shape[1], shape[2]); break;
            case 4:
                throw new ArgumentException($"Plot.Images: shows grey images with one channel; got {shape[3]} channels in shape {ShapeMath.Format(shape)}. " +
                                            "Pick one channel, e.g. images[.., .., .., 0].", nameof(images));
            default:
                throw new ArgumentException($"Plot.Images: images should have shape (n, height, width) or (n, height, width, 1), got {ShapeMath.Format(shape)}. " +
                                            (shape.Length == 1 ? "" : $"Flattened images? Reshape them first, e.g. images.Reshape({shape[0]}, 28, 28)."), nameof(images));
        }
        if (n > MaxImages)
            throw new ArgumentException($"Plot.Images: {n} images are too many for one figure (at most {MaxImages}). Show a slice, e.g. Plot.Images(images[..25]).", nameof(images));
        if (titles is not null && titles.Count != n)
            throw new ArgumentException($"Plot.Images: got {titles.Count} titles for {n} images; give one title per image (or none).", nameof(titles));
        if (columns < 1) throw new ArgumentOutOfRangeException(nameof(columns), $"Plot.Images: columns should be at least 1, got {columns}.");

        var pixels = images.ToArray();
        var (low, high) = PixelRange(pixels);
        var grid = new Subplots(n, columns, horizontalGap: 0.02, verticalGap: titles is null ? 0.02 : 0.06);
        const int cellPixels = 90;
        var figure = new Figure { Layout = FigureLayout.Clean(title) };
        var layout = figure.Layout;
        layout.Width = 40 + grid.Columns * cellPixels;
        // plotly's toolbar (about 30 px high, top right) gets a band of its own above the first row's titles.
        int top = FigureLayout.TopMargin(title is not null);
        layout.Height = top + 20 + grid.Rows * (cellPixels + (titles is null ? 0 : 18));
        layout.Margin = new PlotMargin { L = 10, R = 10, T = top, B = 10 };
        layout.ShowLegend = false;
        grid.Apply(layout, _ => Axis.Hidden() with { Constrain = "domain" },
                   i => Axis.Hidden() with { AutoRange = "reversed", ScaleAnchor = Subplots.Refs(i).X, Constrain = "domain" });
        if (titles is not null) layout.Annotations = [];

        int size = height * width;
        for (int i = 0; i < n; i++)
        {
            var z = new double[height][];
            for (int row = 0; row < height; row++)
            {
                z[row] = new double[width];
                for (int column = 0; column < width; column++) z[row][column] = pixels[i * size + row * width + column];
            }
            var (xRef, yRef) = Subplots.Refs(i);
            figure.Add(new Heatmap
            {
                Name = titles?[i] ?? $"image {i}",
                Z = z,
                ColorScale = ColorScale.WhiteToBlack,
                ZMin = low,
                ZMax = high,
                ShowScale = false,
                XAxis = xRef,
                YAxis = yRef,
                HoverTemplate = $"row %{{y}}, column %{{x}}: %{{z}}<extra>{titles?[i] ?? $"image {i}"}</extra>",
            });
            if (titles is not null) layout.Annotations!.Add(grid.Title(i, titles[i], size: 12));
        }
        return figure;
    }

    /// <summary>(n, k²) with n ≠ k²: rows of flattened square images (MNIST's (n, 784)) rather than one picture.</summary>
    private static bool LooksFlattened(int[] shape)
    {
        int side = (int)Math.Round(Math.Sqrt(shape[1]));
        return side >= 5 && side * side == shape[1] && shape[0] != shape[1];
    }

    /// <summary>The value range drawn white to black: 0–1 if the pixels fit in it, 0–255 if they fit in that, else their own range.</summary>
    internal static (double Low, double High) PixelRange(float[] pixels)
    {
        double min = pixels.Min(), max = pixels.Max();
        double low = Math.Min(0, min);
        double high = max <= 1 ? 1 : max <= 255 ? 255 : max;
        return (low, high);
    }
}
