using CourseKit.Interactive;
using Formatter = Microsoft.DotNet.Interactive.Formatting.Formatter;

namespace CourseKit.Tests.Interactive;

/// <summary>
/// Every CourseKit type a notebook shows renders the same through .NET Interactive's formatter (found by convention,
/// with no reference from CourseKit to the kernel) as through <see cref="Display"/>, in HTML and in plain text.
/// Models and training live in <see cref="TrainingDisplayTests"/> (they share Keras's global name counters).
/// </summary>
public class FormatterTests
{
    [Fact]
    public void TensorsShowTheirShapeDeviceNameAndValues()
    {
        var t = Tensor.FromArray(new float[,] { { 1, 2.5f, 3 }, { -4, 5, 6 } }).Named("w<&>");
        var (html, text) = RendersAlike.Check(t);
        Assert.Equal(t.ToString(), text);
        Assert.Contains("Tensor (2, 3) float32 on cpu · w&lt;&amp;&gt;", html);
        Assert.DoesNotContain("w<&>", html);
        foreach (var v in new[] { "1.0", "2.5", "3.0", "-4.0", "5.0", "6.0" }) Assert.Contains($">{v}</td>", html);   // NumPy's style, as ToString
        Assert.Equal(2, CountOf(html, "<tr>"));
    }

    [Fact]
    public void LargeTensorsShowTheirCornersLikeNumPy()
    {
        var t = Tensor.FromData(Enumerable.Range(0, 50 * 40).Select(i => (float)i).ToArray(), [50, 40]);
        var (html, _) = RendersAlike.Check(t);
        Assert.Contains(">0.</td>", html);
        Assert.Contains(">1999.</td>", html);
        Assert.DoesNotContain(">1000.</td>", html);
        Assert.Contains("…", html);
        Assert.Contains("⋮", html);
        Assert.Equal(7, CountOf(html, "<tr>"));   // 3 + ⋮ + 3

        var cube = Tensor.FromData(Enumerable.Range(0, 24).Select(i => (float)i).ToArray(), [2, 3, 4]);
        var (cubeHtml, _) = RendersAlike.Check(cube);
        Assert.Contains("[1, :, :]", cubeHtml);
        Assert.Equal(2, CountOf(cubeHtml, "<table"));

        var scalar = Tensor.FromData([42f], []);
        Assert.Contains(">42.</td>", RendersAlike.Check(scalar).Html);
    }

    [Fact]
    public void ImagesOfTensorsAreInlinePngs()
    {
        var image = Tensor.FromArray(new float[,] { { 0, 0.5f }, { 1, 0.25f } }).AsImage(scale: 3);
        var (html, text) = RendersAlike.Check(image);
        Assert.Contains("<img src=\"data:image/png;base64,", html);
        Assert.Contains("width=\"6\" height=\"6\"", html);
        Assert.Contains("2×2 grey", text);
        Assert.Throws<ShapeException>(() => Tensor.Zeros([5, 28, 28]).AsImage());
    }

    [Fact]
    public void TabularDatasetsShowASummaryAndTheFirstRows()
    {
        var x = Tensor.FromData(Enumerable.Range(0, 16).Select(i => i / 4f).ToArray(), [8, 2]);
        var y = Tensor.FromData([0, 1, 1, 0, 1, 0, 0, 1], [8]);
        var data = new TabularDataset("notes", x, y, ["a<b", "c&d"], "made up", ["genuine", "forged"], "class");
        var (html, text) = RendersAlike.Check(data);
        Assert.Equal(data.ToString(), text);
        Assert.Contains("notes: 8 examples × 2 features → class", html);
        Assert.Contains("<th class=\"n\">a&lt;b</th>", html);
        Assert.Contains("c&amp;d", html);
        Assert.Contains("1 (forged)", html);
        Assert.Contains("… 3 more rows", html);
        Assert.Equal(1 + 5 + 1, CountOf(html, "<tr>"));
    }

    [Fact]
    public void ImageDatasetsShowTheirFirstImagesWithClassNames()
    {
        var train = Tensor.FromData(Enumerable.Range(0, 12 * 16).Select(i => (float)(i % 256)).ToArray(), [12, 4, 4]);
        var labels = Tensor.FromData(Enumerable.Range(0, 12).Select(i => (float)(i % 3)).ToArray(), [12]);
        var data = new ImageDataset("tiny", (train, labels), (train[..3], labels[..3]), ["zero", "one", "two<>"], "memory");
        var (html, text) = RendersAlike.Check(data);
        Assert.Equal(data.ToString(), text);
        Assert.Contains("tiny: 12 training and 3 test images of 4×4 pixels, 3 classes", html);
        Assert.Equal(DataViews.Images, CountOf(html, "<img "));
        Assert.Contains("<figcaption>two&lt;&gt;</figcaption>", html);
        Assert.Contains("<figcaption>zero</figcaption>", html);
    }

    [Fact]
    public void TablesShowColumnKindsAndMissingCells()
    {
        var csv = "size,name\n1.5,a<b\n2,\n3,c\n4,d\n5,e\n6,f\n";
        var table = Csv.Parse(new StringReader(csv), "inline.csv");
        var (html, text) = RendersAlike.Check(table);
        Assert.Equal(table.ToString(), text);
        Assert.Contains("6 rows × 2 columns from inline.csv", html);
        Assert.Contains(">number</th>", html);
        Assert.Contains(">text</th>", html);
        Assert.Contains("a&lt;b", html);
        Assert.Contains("(missing)", html);
        Assert.Contains("… 1 more rows", html);
    }

    [Fact]
    public void FiguresAreTheirPlotlyHtml()
    {
        var figure = new Figure(new Scatter { X = new[] { 1.0, 2, 3 }, Y = new[] { 2.0, 4, 8 }, Mode = "lines" });
        var (html, text) = RendersAlike.Check(figure);
        Assert.Equal(figure.ToString(), text);
        Assert.Contains("class=\"coursekit-plot\"", html);
        Assert.Equal(PlotIds.Removed(figure.ToHtml()), PlotIds.Removed(html));
    }

    [Fact]
    public void GraphsAreListedNodeByNode()
    {
        var w = Tensor.FromArray(new float[] { 1, 2 }).Named("w<1>");
        w.RequiresGrad = true;
        var x = Tensor.FromArray(new float[] { 3, 4 });
        var loss = (w * x).Sum();
        var (html, text) = RendersAlike.Check(loss.Graph());
        Assert.Contains("#0 w<1> (2,) (parameter)", text);
        Assert.Contains("(data)", text);
        Assert.Contains("← #", text);
        Assert.Contains("w&lt;1&gt;", html);
    }

    [Fact]
    public void DevicesShowTheirDescription()
    {
        var (html, text) = RendersAlike.Check(Device.Reference);
        Assert.StartsWith("reference — reference loops", text);
        Assert.Contains("<b>reference</b>", html);
        Assert.Contains(Device.Cpu.Description, Display.Text(Device.Cpu));
    }

    [Fact]
    public void TheBannerNamesVersionDevicesAndDatasetFolders()
    {
        var banner = Notebook.Banner();
        var (html, text) = RendersAlike.Check(banner);
        Assert.StartsWith("CourseKit 0.", text);
        Assert.Matches(@"^\d+\.\d+\.\d+", banner.Version);
        foreach (var device in Device.List())
        {
            Assert.Contains(device.Name, html);
            Assert.Contains(Html.Escape(device.Description), html);
        }
        Assert.Contains("(default)", text);
        foreach (var place in Datasets.SearchOrder()) Assert.Contains(place, text);
        Assert.Contains("offline mirror (COURSEKIT_DATA)", html);
    }

    [Fact]
    public void OtherObjectsFallBackToTheirText()
    {
        Assert.Equal("<pre class=\"ck\" style=\"margin:0\">1 &lt; 2</pre>", Display.Html("1 < 2"));
        Assert.Equal("42", Display.Text(42));
        Assert.Equal("null", Display.Text(null));
        Assert.False(Display.HasView(typeof(string)));
    }

    [Fact]
    public void EscapingCoversEveryHtmlSpecialCharacter()
    {
        Assert.Equal("a &lt;b&gt; &amp; &quot;c&quot; &#39;d&#39; ×", Html.Escape("a <b> & \"c\" 'd' ×"));
        Assert.Equal("", Html.Escape(null));
        Assert.Equal("x&lt;<br>y", Html.Lines("x<\ny"));
    }

    [Fact]
    public void TheKernelWritesHtmlAndTextForCourseKitTypes()
    {
        // With HTML alone the kernel writes no text/plain, which text-only front ends, nbconvert and graders read.
        Assert.Equal(["text/html", "text/plain"], Formatter.GetPreferredMimeTypesFor(typeof(Tensor)));
        Assert.Equal(["text/html", "text/plain"], Formatter.GetPreferredMimeTypesFor(typeof(Sequential)));
        Assert.Equal(["text/html", "text/plain"], Formatter.GetPreferredMimeTypesFor(typeof(NeuronExplanation)));
    }

    private static int CountOf(string text, string part) => (text.Length - text.Replace(part, "").Length) / part.Length;
}
