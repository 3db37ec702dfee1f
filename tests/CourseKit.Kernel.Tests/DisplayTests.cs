using CourseKit.Tests.Interactive;
using Microsoft.DotNet.Interactive.Events;

namespace CourseKit.Kernel.Tests;

/// <summary>
/// Every type CourseKit shows in a notebook, in the kernel: as the value a cell ends with and through display(...),
/// each written as HTML and as plain text (the text is what text-only front ends, nbconvert to markdown, diffs and
/// graders read). Fit's progress, the other shown-and-updated type, is in <see cref="TrainingProgressTests"/>.
/// </summary>
[Collection(NotebookCollection.Name)]
public class DisplayTests(Notebook notebook)
{
    /// <summary>
    /// Runs <paramref name="setup"/>, then ends a cell with <paramref name="expression"/> and displays it in another;
    /// asserts both wrote the same HTML and text and returns them.
    /// </summary>
    private async Task<(string Html, string Text)> Show(string setup, string expression)
    {
        (await notebook.Run("using CourseKit;\n" + setup)).Succeeded();
        var returned = (await notebook.Run(expression)).Returned;
        var displayed = Assert.Single((await notebook.Run($"display({expression});")).Displayed);
        Assert.Equal(PlotIds.Removed(returned.Html()), PlotIds.Removed(displayed.Html()));
        Assert.Equal(returned.Text(), displayed.Text());
        Assert.StartsWith("<", returned.Html());
        Assert.DoesNotContain("<style>", returned.Text());
        return (returned.Html(), returned.Text());
    }

    [Fact]
    public async Task Tensors()
    {
        var (html, text) = await Show("var t = Tensor.FromArray(new float[,] { { 1, 2.5f, 3 }, { -4, 5, 6 } }).Named(\"w<&>\");", "t");
        Assert.Equal("Tensor (2, 3) float32 on cpu · w<&>\n[[ 1.0,  2.5,  3.0],\n [-4.0,  5.0,  6.0]]", text);
        Assert.Contains("Tensor (2, 3) float32 on cpu · w&lt;&amp;&gt;", html);
        foreach (var v in new[] { "1.0", "2.5", "3.0", "-4.0", "5.0", "6.0" }) Assert.Contains($">{v}</td>", html);
    }

    [Fact]
    public async Task Explanations()
    {
        // z = 0.3·1 + 0.1·2.2 + 1 = 1.52; sigmoid(1.52) = 1 / (1 + e^-1.52) = 0.8205
        var (html, text) = await Show("var neuron = Explain.Neuron(Tensor.FromArray(new float[] { 0.3f, 0.1f }), 1, \"sigmoid\", Tensor.FromArray(new float[] { 1, 2.2f }));", "neuron");
        Assert.StartsWith("A neuron with 2 inputs and sigmoid\n", text);
        Assert.EndsWith("output = sigmoid(1.52) = 0.8205", text);
        Assert.Contains("<svg", html);
        Assert.Contains("0.8205", html);
    }

    [Fact]
    public async Task ImagesOfTensors()
    {
        var (html, text) = await Show("var image = Tensor.FromArray(new float[,] { { 0, 0.5f }, { 1, 0.25f } }).AsImage(scale: 3);", "image");
        Assert.Contains("2×2 grey", text);
        Assert.Contains("<img src=\"data:image/png;base64,", html);
        Assert.Contains("width=\"6\" height=\"6\"", html);
    }

    [Fact]
    public async Task Models()
    {
        // Dense(1) on 2 inputs: 2 weights + 1 bias = 3 parameters, 12 bytes.
        const string setup = "Model.ClearSession(); var tiny = new Sequential([new Dense(1, inputShape: [2], activation: \"sigmoid\")]);";
        var (html, text) = await Show(setup, "tiny");
        Assert.StartsWith("Model: \"sequential\"", text);
        Assert.Contains(" Total params: 3 (12.00 B)", text);
        Assert.Contains("<td>dense (Dense)</td>", html);
        Assert.Contains("<td>(None, 1)</td>", html);
        Assert.Contains("<td class=\"n\">3</td>", html);
    }

    [Fact]
    public async Task SummaryDisplaysTheModelsTable()
    {
        // Keras prints the summary; in a notebook the table is what a student wants: the model's own view.
        (await notebook.Run("CourseKit.Model.ClearSession(); var small = new CourseKit.Sequential([new CourseKit.Dense(1, inputShape: [2])]);")).Succeeded();
        var value = (await notebook.Run("small")).Returned;
        var summary = await notebook.Run("small.Summary();");
        Assert.Equal("", summary.StandardOutput);
        var shown = Assert.Single(summary.Displayed);
        Assert.Equal(value.Html(), shown.Html());
        Assert.Equal(value.Text(), shown.Text());
        Assert.Contains(" Total params: 3 (12.00 B)", shown.Text());
    }

    [Fact]
    public async Task HistoriesAndEvaluations()
    {
        const string setup = """
            Model.ClearSession();
            Tensor.SetRandomSeed(8);
            var points = Datasets.Blobs(40, centers: 2, seed: 3);
            var model = new Sequential([new Dense(1, inputShape: [2], activation: "sigmoid")]);
            model.Compile("adam", "binary_crossentropy", ["accuracy"]);
            var history = model.Fit(points.X, points.Y, epochs: 2, batchSize: 20, verbose: 0);
            var evaluation = model.Evaluate(points.X, points.Y);
            """;
        var (historyHtml, historyText) = await Show(setup, "history");
        Assert.Contains("History of 2 epochs", historyHtml);
        Assert.Contains("class=\"coursekit-plot\"", historyHtml);
        Assert.Contains("<td>accuracy</td>", historyHtml);
        Assert.Equal((await notebook.Run("history.ToString()")).Value, historyText);
        Assert.StartsWith("History of 2 epochs", historyText);

        var (html, text) = await Show("", "evaluation");
        var loss = (await notebook.Run("evaluation.Loss.ToString(\"0.0000\", System.Globalization.CultureInfo.InvariantCulture)")).Value;
        Assert.Matches(@"^0\.\d{4}$", loss);
        Assert.StartsWith($"loss: {loss}", text);
        Assert.Contains("<td>loss</td>", html);

        // Evaluate(verbose: 1) shows the evaluation in a notebook, as the cell's value would be shown.
        var verbose = await notebook.Run("model.Evaluate(points.X, points.Y, verbose: 1);");
        Assert.Equal("", verbose.StandardOutput);
        Assert.Equal(text, Assert.Single(verbose.Displayed).Text());
    }

    [Fact]
    public async Task TabularDatasets()
    {
        const string setup = """
            var features = Tensor.FromData(Enumerable.Range(0, 16).Select(i => i / 4f).ToArray(), [8, 2]);
            var labels = Tensor.FromData([0, 1, 1, 0, 1, 0, 0, 1], [8]);
            var notes = new TabularDataset("notes", features, labels, ["a<b", "c&d"], "made up", ["genuine", "forged"], "class");
            """;
        var (html, text) = await Show(setup, "notes");
        Assert.StartsWith("notes: 8 examples × 2 features → class", text);
        Assert.Contains("<th class=\"n\">a&lt;b</th>", html);
        Assert.Contains("1 (forged)", html);
        Assert.Contains("… 3 more rows", html);
    }

    [Fact]
    public async Task ImageDatasets()
    {
        const string setup = """
            var pixels = Tensor.FromData(Enumerable.Range(0, 12 * 16).Select(i => (float)(i % 256)).ToArray(), [12, 4, 4]);
            var digits = Tensor.FromData(Enumerable.Range(0, 12).Select(i => (float)(i % 3)).ToArray(), [12]);
            var tiny = new ImageDataset("tiny", (pixels, digits), (pixels[..3], digits[..3]), ["zero", "one", "two"], "memory");
            """;
        var (html, text) = await Show(setup, "tiny");
        Assert.StartsWith("tiny: 12 training and 3 test images of 4×4 pixels, 3 classes", text);
        Assert.Contains("<figcaption>two</figcaption>", html);
        Assert.Contains("<img ", html);
    }

    [Fact]
    public async Task Tables()
    {
        var (html, text) = await Show("var table = Csv.Parse(new System.IO.StringReader(\"size,name\\n1.5,a\\n2,\\n3,c\\n\"), \"inline.csv\");", "table");
        Assert.StartsWith("3 rows × 2 columns from inline.csv", text);
        Assert.Contains(">number</th>", html);
        Assert.Contains(">text</th>", html);
        Assert.Contains("(missing)", html);
        Assert.Contains(">1.5<", html);
    }

    [Fact]
    public async Task Figures()
    {
        var (html, text) = await Show("var figure = new Figure(new Scatter { X = new[] { 1.0, 2, 3 }, Y = new[] { 2.0, 4, 8 }, Mode = \"lines\" });", "figure");
        Assert.Equal((await notebook.Run("figure.ToString()")).Value, text);
        Assert.Contains("class=\"coursekit-plot\"", html);
        Assert.Contains("\"y\":[2,4,8]", html);   // the figure's data, for plotly.js
    }

    [Fact]
    public async Task ComputationGraphs()
    {
        const string setup = """
            var w = Tensor.FromArray(new float[] { 1, 2 }).Named("w");
            w.RequiresGrad = true;
            var loss = (w * Tensor.FromArray(new float[] { 3, 4 })).Sum();
            """;
        var (html, text) = await Show(setup, "loss.Graph()");
        Assert.Equal("Computation graph: 4 nodes, 3 edges\n  #0 w (2,) (parameter)\n  #1 data (2,) (data)\n  #2 mul (2,) ← #0, #1\n  #3 sum () ← #2", text);
        Assert.Contains("#0 w (2,) (parameter)", html);
    }

    [Fact]
    public async Task Devices()
    {
        var (html, text) = await Show("", "CourseKit.Device.Reference");
        Assert.StartsWith("reference — reference loops", text);
        Assert.Contains("<b>reference</b>", html);
    }

    [Fact]
    public async Task TheBanner()
    {
        var (html, text) = await Show("", "Notebook.Banner()");
        Assert.Matches(@"^CourseKit \d+\.\d+\.\d+", text);
        Assert.Contains("Datasets are looked for in:", text);
        Assert.Contains("is loaded", html);
    }

    [Fact]
    public void LoadingCourseKitShowsTheBanner()
    {
        // What extension.dib showed when the notebook loaded CourseKit.
        var banner = Assert.Single(notebook.Extension.Displayed);
        Assert.Matches(@"^CourseKit \d+\.\d+\.\d+", banner.Text());
        Assert.Contains("\nDevices:\n", banner.Text());
        Assert.Contains("cpu", banner.Text());
        Assert.Contains("<div class=\"ck-head\">CourseKit ", banner.Html());
    }

    [Fact]
    public async Task AnUpdatedValueIsWrittenAgainInBothFormats()
    {
        var cell = await notebook.Run("""
            using Microsoft.DotNet.Interactive;
            var shown = KernelInvocationContextExtensions.Display(KernelInvocationContext.Current, CourseKit.Tensor.FromArray(new float[] { 1, 2 }));
            shown.Update(CourseKit.Tensor.FromArray(new float[] { 7, 8 }));
            """);
        var displayed = Assert.Single(cell.Displayed);
        var updated = Assert.Single(cell.Updated);
        Assert.Equal(displayed.ValueId, updated.ValueId);
        Assert.Equal("Tensor (2,) float32 on cpu\n[1., 2.]", displayed.Text());
        Assert.Equal("Tensor (2,) float32 on cpu\n[7., 8.]", updated.Text());
        Assert.Contains(">7.</td>", updated.Html());
    }

    [Fact]
    public async Task ACourseKitErrorFailsTheCellWithItsMessage()
    {
        const string product = "CourseKit.Tensor.Zeros([2, 3]).MatMul(CourseKit.Tensor.Zeros([2, 3]))";
        var message = (await notebook.Run($$"""
            ((Func<string>)(() => { try { {{product}}; return "no error"; } catch (CourseKit.ShapeException e) { return e.Message; } }))()
            """)).Value;
        Assert.StartsWith("MatMul: (2, 3) ", message);
        var shape = await notebook.Run(product);
        Assert.StartsWith($"CourseKit.ShapeException: {message}", shape.Failure.Message);
        Assert.Empty(shape.Events.OfType<ReturnValueProduced>());

        var neuron = await notebook.Run("CourseKit.Explain.Neuron(CourseKit.Tensor.FromArray(new float[] { 1, 2 }), 0, x: CourseKit.Tensor.FromArray(new float[] { 1, 2, 3 }))");
        Assert.Contains("x has 3 values but the neuron has 2 weights: give one input per weight.", neuron.Failure.Message);
    }
}
