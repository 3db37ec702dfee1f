using System.Text.Json.Nodes;
using CourseKit.Tests.Conformance;

namespace CourseKit.Tests.Explain.Convolution;

/// <summary>
/// Explain.Conv2D / MaxPool / AveragePool / FeatureMaps: the lecture's numbers (from the conformance folder's
/// lectures.json), the written-out sums, padding and stride geometry, agreement with the tensor ops and the layers,
/// and the notebook view.
/// </summary>
public class ConvolutionTests
{
    private static readonly float[,] LectureImage =
    {
        { 105, 102, 100, 97, 96 }, { 103, 99, 103, 101, 102 }, { 101, 98, 104, 102, 100 },
        { 99, 101, 106, 104, 99 }, { 104, 104, 104, 100, 98 },
    };

    private static readonly float[,] Sharpen = { { 0, -1, 0 }, { -1, 5, -1 }, { 0, -1, 0 } };

    private static JsonObject LectureCase(string name)
    {
        string? dir = Environment.GetEnvironmentVariable(ConformanceCases.DirectoryVariable);
        if (string.IsNullOrEmpty(dir))
        {
            var d = new DirectoryInfo(AppContext.BaseDirectory);
            while (d is not null && !File.Exists(Path.Combine(d.FullName, "CourseKit.sln"))) d = d.Parent;
            Assert.True(d is not null, $"No folder above {AppContext.BaseDirectory} holds CourseKit.sln.");
            dir = Path.Combine(d!.FullName, "..", "shared", "conformance");
        }
        var root = JsonNode.Parse(File.ReadAllText(Path.Combine(dir, "lectures.json")))!.AsObject();
        return root["cases"]!.AsArray().Select(c => c!.AsObject()).Single(c => (string?)c["name"] == name);
    }

    private static Tensor FromCase(JsonNode node)
    {
        var shape = node["shape"]!.AsArray().Select(v => (int)v!).ToArray();
        var data = node["data"]!.AsArray().Select(v => (float)(double)v!).ToArray();
        return Tensor.FromData(data, shape);
    }

    [Fact]
    public void SharpenKernelWithSamePaddingGivesTheLectureOutput()
    {
        var c = LectureCase("sharpen_kernel_same_padding");
        var e = CourseKit.Explain.Conv2D(FromCase(c["image"]!), FromCase(c["kernel"]!), padding: "same");
        var expected = FromCase(c["value"]!);
        Assert.Equal(expected.Shape, e.Output.Shape);
        Assert.Equal(expected.ToArray(), e.Output.ToArray());
        Assert.Equal(expected.ToArray(), e.Steps.Select(s => s.Value).ToArray());
        Assert.Equal((1, 1), (e.PadTop, e.PadLeft));
        Assert.Equal([7, 7], e.PaddedImage.Shape);
    }

    [Fact]
    public void FirstRowSumsAreWrittenOut()
    {
        var e = CourseKit.Explain.Conv2D(LectureImage, Sharpen, padding: "same");
        Assert.Equal("0·0 + 0·(−1) + 0·0 + 0·(−1) + 105·5 + 102·(−1) + 0·0 + 103·(−1) + 99·0 = 320", e.Steps[0].Sum);
        Assert.Equal("0·0 + 0·(−1) + 0·0 + 105·(−1) + 102·5 + 100·(−1) + 103·0 + 99·(−1) + 103·0 = 206", e.Steps[1].Sum);
        Assert.EndsWith("= 198", e.Steps[2].Sum);
        Assert.Equal((0, 0, 0, 0), (e.Steps[0].Row, e.Steps[0].Column, e.Steps[0].Top, e.Steps[0].Left));
        Assert.Contains(e.Steps[0].Sum, e.ToString());
        Assert.Contains("0·0 + 0·(−1) + 0·0 + 0·(−1) + 105·5", e.ToHtml());
    }

    [Fact]
    public void ValidPaddingOnlyVisitsPositionsInsideTheImage()
    {
        var e = CourseKit.Explain.Conv2D(LectureImage, Sharpen);
        Assert.Equal("valid", e.Padding);
        Assert.Equal([3, 3], e.Output.Shape);
        Assert.Equal(9, e.Steps.Count);
        Assert.Equal([5, 5], e.PaddedImage.Shape);
        Assert.Equal((0, 0), (e.PadTop, e.PadLeft));
        Assert.Equal([(0, 0), (0, 1), (0, 2), (1, 0), (1, 1), (1, 2), (2, 0), (2, 1), (2, 2)], e.Steps.Select(s => (s.Top, s.Left)));
        // The centre of the valid output is the centre of the same output (the window covers no padding there).
        var same = CourseKit.Explain.Conv2D(LectureImage, Sharpen, "same");
        Assert.Equal(same.Output.ToArray2D()[2, 2], e.Output.ToArray2D()[1, 1]);
        Assert.Equal("99·0 + 103·(−1) + 101·0 + 98·(−1) + 104·5 + 102·(−1) + 101·0 + 106·(−1) + 104·0 = 111", e.Steps[4].Sum);
    }

    [Fact]
    public void StrideTwoSkipsEveryOtherPosition()
    {
        var same = CourseKit.Explain.Conv2D(LectureImage, Sharpen, "same", stride: 2);
        Assert.Equal([3, 3], same.Output.Shape);
        Assert.Equal([(0, 0), (0, 2), (0, 4), (2, 0), (2, 2), (2, 4), (4, 0), (4, 2), (4, 4)], same.Steps.Select(s => (s.Top, s.Left)));
        var full = CourseKit.Explain.Conv2D(LectureImage, Sharpen, "same").Output.ToArray2D();
        var strided = same.Output.ToArray2D();
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 3; j++) Assert.Equal(full[2 * i, 2 * j], strided[i, j]);

        var valid = CourseKit.Explain.Conv2D(LectureImage, Sharpen, "valid", stride: 2);
        Assert.Equal([2, 2], valid.Output.Shape);
        Assert.Equal([(0, 0), (0, 2), (2, 0), (2, 2)], valid.Steps.Select(s => (s.Top, s.Left)));
    }

    [Theory]
    [InlineData(7, 6, 3, 2, "valid", 1)]
    [InlineData(7, 6, 3, 2, "same", 1)]
    [InlineData(8, 9, 3, 3, "same", 2)]
    [InlineData(9, 8, 2, 4, "same", 3)]
    [InlineData(9, 8, 4, 3, "valid", 2)]
    public void AgreesWithTensorConv2D(int h, int w, int kh, int kw, string padding, int stride)
    {
        var rng = new Random(h * 100 + w * 10 + stride);
        var image = Tensor.FromData(Enumerable.Range(0, h * w).Select(_ => (float)Math.Round(rng.NextDouble() * 10 - 5, 2)).ToArray(), [1, h, w, 1]);
        var kernel = Tensor.FromData(Enumerable.Range(0, kh * kw).Select(_ => (float)Math.Round(rng.NextDouble() * 2 - 1, 2)).ToArray(), [kh, kw, 1, 1]);
        var e = CourseKit.Explain.Conv2D(image, kernel, padding, stride);
        var expected = image.Conv2D(kernel, (stride, stride), padding);
        var o = expected.Shape;
        Assert.Equal([o[1], o[2]], e.Output.Shape);
        Assert.Equal(expected.ToArray(), e.Output.ToArray());
        var byHand = e.Steps.Select(s => s.Value).ToArray();
        var lib = expected.ToArray();
        for (int i = 0; i < lib.Length; i++) Assert.Equal(lib[i], byHand[i], 3);
    }

    [Fact]
    public void MaxPoolPicksTheLargestOfEachWindow()
    {
        var c = LectureCase("max_pool_2x2_stride2");
        var e = CourseKit.Explain.MaxPool(FromCase(c["input"]!));
        Assert.Equal(FromCase(c["value"]!).ToArray(), e.Output.ToArray());
        Assert.Equal([2, 2], e.Output.Shape);
        Assert.Equal(new float[] { 3, 4, 6, 8 }, e.Steps.Select(s => s.Value));
        Assert.Equal("max(1, 1, 3, 2) = 3", e.Steps[0].Sum);
        Assert.Equal((1, 0), e.Steps[0].Picked);
        Assert.Equal((2, 3), e.Steps[3].Picked);
        Assert.Equal([(0, 0), (0, 2), (2, 0), (2, 2)], e.Steps.Select(s => (s.Top, s.Left)));
        Assert.Contains("ck-pick", e.ToHtml());
    }

    [Fact]
    public void AveragePoolTakesTheMeanAndAgreesWithAvgPool2D()
    {
        var input = Tensor.FromArray(new float[,] { { 1, 1, 3, 4 }, { 3, 2, 1, 0 }, { 4, 6, 7, 8 }, { 1, 1, 2, 4 } });
        var e = CourseKit.Explain.AveragePool(input);
        Assert.Equal(new float[] { 1.75f, 2, 3, 5.25f }, e.Output.ToArray());
        Assert.Equal("(1 + 1 + 3 + 2) / 4 = 1.75", e.Steps[0].Sum);
        Assert.Null(e.Steps[0].Picked);
        var overlapping = CourseKit.Explain.MaxPool(input, poolSize: 3, stride: 1);
        Assert.Equal(input.Reshape(1, 4, 4, 1).MaxPool2D((3, 3), (1, 1)).ToArray(), overlapping.Output.ToArray());
        Assert.Equal(new float[] { 7, 8, 7, 8 }, overlapping.Steps.Select(s => s.Value));
    }

    [Fact]
    public void HtmlHighlightsTheWindowAndHasStepButtons()
    {
        var e = CourseKit.Explain.Conv2D(LectureImage, Sharpen, padding: "same");
        string html = Display.Html(e);
        Assert.Contains("ck-win", html);
        Assert.Equal(9, html.Split("class=\"n ").Count(p => p.StartsWith("ck-win") || p.StartsWith("ck-pad ck-win")));
        Assert.Contains("ck-cur", html);
        Assert.Contains("data-ck=\"prev\"", html);
        Assert.Contains("data-ck=\"next\"", html);
        Assert.Contains("<button", html);
        Assert.Equal(25, html.Split("<li ").Length - 1);   // all positions as text, readable without JavaScript
        Assert.Contains("= 320</li>", html);
        Assert.Contains("= 198</li>", html);
        Assert.Equal(e.ToString(), Display.Text(e));
        Assert.Contains("Convolution of a 5×5 image with a 3×3 kernel", html);
    }

    [Fact]
    public void LargeImagesWriteOutOnlySomeSteps()
    {
        var image = Tensor.FromData(Enumerable.Range(0, 28 * 28).Select(i => (float)(i % 17)).ToArray(), [28, 28]);
        var e = CourseKit.Explain.Conv2D(image, Sharpen, "same");
        Assert.Equal(28 * 28, e.Steps.Count);
        string html = e.ToHtml();
        Assert.Equal(SlidingWindowHtml.MaxSteps, html.Split("<li ").Length - 1);
        Assert.Contains("more positions", html);
        Assert.True(html.Length < 300_000, $"HTML is {html.Length} characters");
    }

    [Fact]
    public void WrongShapesAndPaddingSayWhatToDo()
    {
        var ex = Assert.Throws<ShapeException>(() => CourseKit.Explain.Conv2D(Tensor.Zeros([2, 5, 5, 1]), Sharpen));
        Assert.Contains("images[0]", ex.Message);
        Assert.Throws<ArgumentException>(() => CourseKit.Explain.Conv2D(LectureImage, Sharpen, "full"));
        Assert.Throws<ShapeException>(() => CourseKit.Explain.Conv2D(Tensor.Zeros([2, 2]), Sharpen));
    }

    private static Sequential SmallCnn()
    {
        var model = new Sequential(
        [
            new Conv2D(4, 3, padding: "same", activation: "relu", inputShape: [6, 6, 1], name: "explain_conv"),
            new MaxPooling2D(2, name: "explain_pool"),
            new Flatten(name: "explain_flatten"),
        ], name: "explain_cnn");
        return model;
    }

    [Fact]
    public void SmallFeatureMapsAreScaledUpToAReadableSize()
    {
        // The notebook's 5×5 image through two 3×3 filters: each map was drawn 6× (30 px). Now each value becomes a
        // 26×26 square (the smallest whole factor with 5·26 ≥ 128), drawn nearest-neighbour.
        var cnn = new Sequential([new Conv2D(2, 3, padding: "same", inputShape: [5, 5, 1], name: "filters")]);
        var maps = CourseKit.Explain.FeatureMaps(cnn, Tensor.FromArray(LectureImage), 0);
        string html = maps.ToHtml();
        Assert.Equal(3, html.Split("<img ").Length - 1);
        Assert.Equal(3, html.Split("width=\"130\" height=\"130\" style=\"image-rendering:pixelated\"").Length - 1);
        Assert.DoesNotContain("width=\"30\"", html);
        var png = Convert.FromBase64String(html.Split("data:image/png;base64,")[1].Split('"')[0]);
        Assert.Equal((130, 130), (System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)), System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20))));
    }

    [Fact]
    public void FeatureMapsEqualCallingTheLayers()
    {
        var model = SmallCnn();
        var image = Tensor.FromData(Enumerable.Range(0, 36).Select(i => (float)((i * 7) % 11) / 10).ToArray(), [6, 6]);
        var batch = image.Reshape(1, 6, 6, 1);
        var conv = model.Layers[0].Call(batch);
        var pooled = model.Layers[1].Call(conv);

        var e0 = CourseKit.Explain.FeatureMaps(model, image, 0);
        Assert.Equal([6, 6, 4], e0.Maps.Shape);
        Assert.Equal(4, e0.Channels);
        Assert.Equal(conv.ToArray(), e0.Maps.ToArray());
        Assert.Equal([6, 6, 1], e0.Input.Shape);
        var conv4 = conv.ToArray4D();
        var map2 = e0.Map(2).ToArray2D();
        Assert.Equal(conv4[0, 3, 4, 2], map2[3, 4]);

        var e1 = CourseKit.Explain.FeatureMaps(model, image.Reshape(6, 6, 1), "explain_pool");
        Assert.Equal([3, 3, 4], e1.Maps.Shape);
        Assert.Equal(pooled.ToArray(), e1.Maps.ToArray());
        Assert.Equal("explain_pool", e1.LayerName);
        Assert.Equal(1, e1.LayerIndex);

        string html = Display.Html(e1);
        Assert.Equal(5, html.Split("<img ").Length - 1);   // the input and 4 maps
        Assert.Contains("channel 3", html);
        Assert.Contains("input 6×6×1", html);
        Assert.Contains("channel 0", Display.Text(e1));
    }

    [Fact]
    public void FeatureMapsRejectLayersThatAreNotImages()
    {
        var model = SmallCnn();
        var image = Tensor.Zeros([6, 6]);
        Assert.Throws<ShapeException>(() => CourseKit.Explain.FeatureMaps(model, image, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => CourseKit.Explain.FeatureMaps(model, image, 5));
        var ex = Assert.Throws<ArgumentException>(() => CourseKit.Explain.FeatureMaps(model, image, "nope"));
        Assert.Contains("explain_conv", ex.Message);
    }
}
