using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CourseKit.Testing;

namespace CourseKit.Tests.Explain.MathMl;

/// <summary>
/// Every explainer's formulas arrive as MathML: nothing is left for a script to typeset, nothing loads from the
/// internet, and no command the explainers or the lecture notebooks use is unknown to the converter.
/// </summary>
public partial class ExplainerMathTests
{
    private static Sequential Network()
    {
        var model = new Sequential([new Dense(2, activation: "sigmoid", inputShape: [2]), new Dense(1, activation: "sigmoid")]);
        model.SetWeights([
            Tensor.FromData([0.1f, 0.2f, 0.3f, 0.4f], [2, 2]), Tensor.FromData([0.1f, -0.1f], [2]),
            Tensor.FromData([0.5f, -0.6f], [2, 1]), Tensor.FromData([0.2f], [1]),
        ]);
        return model;
    }

    private static Tensor Lecture()
    {
        var x = Tensor.Scalar(-2, requiresGrad: true).Named("x");
        var y = Tensor.Scalar(5, requiresGrad: true).Named("y");
        var z = Tensor.Scalar(-4, requiresGrad: true).Named("z");
        return (x + y).Named("q") * z;
    }

    private static ChainRuleExplanation ChainRuleOfX()
    {
        var f = Lecture();
        return CourseKit.Explain.ChainRule(f, f.Graph().Leaves.Single(l => l.Name == "x").Tensor);
    }

    /// <summary>One of every explainer, by name, with the HTML a notebook shows.</summary>
    public static TheoryData<string> Explainers() => new(ExplainerHtml().Keys);

    private static Dictionary<string, string> ExplainerHtml()
    {
        var image = Tensor.FromData(Enumerable.Range(0, 25).Select(i => (float)(i % 7)).ToArray(), [5, 5]);
        var sharpen = Tensor.FromData([0f, -1, 0, -1, 5, -1, 0, -1, 0], [3, 3]);
        var matmul = Tensor.FromData([1f, 2, 3, 4], [2, 2]).Named("x").MatMul(Tensor.FromData([0.5f, -1], [2, 1], requiresGrad: true).Named("w")).Sigmoid().Sum();
        return new()
        {
            ["ForwardPass"] = CourseKit.Explain.ForwardPass(Network(), Tensor.FromData([1f, 2f, 0.5f, -1f], [2, 2])).ToHtml(),
            ["Backprop"] = CourseKit.Explain.Backprop(Network(), Tensor.FromData([1f, 2f, 0.5f, -1f], [2, 2]), Tensor.FromData([1f, 0f], [2, 1])).ToHtml(),
            ["GradientDescent"] = CourseKit.Explain.GradientDescent(x => x * x, 1.0, 0.1, 5).ToHtml(),
            ["GradientDescent2D"] = CourseKit.Explain.GradientDescent((x, y) => x * x + 3 * y * y, (1.0, 1.0), 0.1, 4).ToHtml(),
            ["LearningRates"] = CourseKit.Explain.LearningRates(x => x * x, 1.0, [0.1, 0.5, 1.1], 5).ToHtml(),
            ["Conv2D"] = CourseKit.Explain.Conv2D(image, sharpen, "valid", stride: 2).ToHtml(),
            ["MaxPool"] = CourseKit.Explain.MaxPool(image.Reshape(1, 5, 5, 1)).ToHtml(),
            ["AveragePool"] = CourseKit.Explain.AveragePool(image.Reshape(1, 5, 5, 1), poolSize: 2, stride: 1).ToHtml(),
            ["Graph"] = CourseKit.Explain.Graph(Lecture()).ToHtml(),
            ["BackwardSteps"] = CourseKit.Explain.BackwardSteps(Lecture()).ToHtml(),
            ["BackwardStepsMatMul"] = CourseKit.Explain.BackwardSteps(matmul).ToHtml(),
            ["ChainRule"] = ChainRuleOfX().ToHtml(),
            ["Neuron"] = CourseKit.Explain.Neuron(new float[] { 0.3f, 0.1f }, 1f, "sigmoid", new float[] { 1f, 2.2f }).ToHtml(),
        };
    }

    [Theory]
    [MemberData(nameof(Explainers))]
    public void Formulas_are_MathML_with_no_script_and_no_url(string name)
    {
        string html = ExplainerHtml()[name];
        string visible = Verbatim().Replace(html, "");                    // what is not a script, a style or an annotation
        Assert.DoesNotContain("$", visible);
        Assert.DoesNotContain("<merror", html);
        // Scripts and stylesheets the page would fetch (the plotly.js an explainer's chart carries names web addresses it
        // never loads, such as its logo's link, so a bare "https://" search would not do).
        var urls = WebReferences.In(html);
        Assert.True(urls.Count == 0, $"{name} mentions {string.Join(", ", urls)}");
        Assert.DoesNotContain("<script src", html);
        if (name is not ("Graph" or "Neuron")) Assert.Contains("<math", html);   // the two drawings have no formulas
    }

    [Fact]
    public void A_chain_rule_step_shows_its_fraction_with_the_students_numbers()
    {
        // f = q·z with q = x + y, x = −2, y = 5, z = −4: ∂f/∂q = z = −4.
        string html = ChainRuleOfX().ToHtml();
        const string dfdq = "<mfrac><mrow><mi>∂</mi><mi>f</mi></mrow><mrow><mi>∂</mi><mi>q</mi></mrow></mfrac>";
        const string dqdx = "<mfrac><mrow><mi>∂</mi><mi>q</mi></mrow><mrow><mi>∂</mi><mi>x</mi></mrow></mfrac>";
        Assert.Contains($"<math display=\"block\"><semantics><mrow>{dfdq}<mo>=</mo>", html);
        Assert.Contains($"{dfdq}<mo>⋅</mo>{dqdx}", html);                           // the path's product of local derivatives
        // the path's product with the numbers: ∂f/∂x = (−4)⋅1 = −4, the gradient
        const string dfdx = "<mfrac><mrow><mi>∂</mi><mi>f</mi></mrow><mrow><mi>∂</mi><mi>x</mi></mrow></mfrac>";
        Assert.Contains($"{dfdx}<mo>=</mo><mo stretchy=\"false\">(</mo><mo lspace=\"0\" rspace=\"0\">−</mo><mn>4</mn>" +
                        "<mo stretchy=\"false\">)</mo><mo>⋅</mo><mn>1</mn><mo>=</mo><mo lspace=\"0\" rspace=\"0\">−</mo><mn>4</mn></mrow><annotation", html);
    }

    [Fact]
    public void Every_formula_in_the_lecture_notebooks_converts_without_an_unknown_command()
    {
        var d = new DirectoryInfo(AppContext.BaseDirectory);
        while (d is not null && !File.Exists(Path.Combine(d.FullName, "CourseKit.sln"))) d = d.Parent;
        Assert.True(d is not null, $"No folder above {AppContext.BaseDirectory} holds CourseKit.sln.");
        var notebooks = Directory.GetFiles(Path.Combine(d!.FullName, "notebooks"), "*.ipynb");
        Assert.NotEmpty(notebooks);
        var formulas = notebooks
            .SelectMany(path => JsonNode.Parse(File.ReadAllText(path))!["cells"]!.AsArray()
                .Where(c => (string?)c!["cell_type"] == "markdown")
                .SelectMany(c => Formula().Matches(string.Concat(c!["source"]!.AsArray().Select(l => (string?)l))).Select(m => m.Groups["tex"].Value)))
            .ToList();
        Assert.True(formulas.Count > 20, $"only {formulas.Count} formulas found");
        var unknown = formulas.Select(tex => (tex, math: TexToMathMl.Convert(tex, display: false)))
            .Where(f => f.math.Contains("<merror")).Select(f => f.tex).ToList();
        Assert.True(unknown.Count == 0, "not converted: " + string.Join(" | ", unknown));
    }

    [Fact]
    public void Typeset_replaces_formulas_in_text_only()
    {
        string html = MathHtml.Typeset("<p title=\"$a$\">cost $x$ and $$y$$, \\$5, $ alone</p><code>$z$</code><script>var s = '$w$';</script>a &lt; $a &lt; b$");
        Assert.Equal(
            "<p title=\"$a$\">cost " + TexToMathMl.Convert("x", false) + " and " + TexToMathMl.Convert("y", true) + ", $5, $ alone</p>" +
            "<code>$z$</code><script>var s = '$w$';</script>a &lt; " + TexToMathMl.Convert("a < b", false),
            html);
    }

    [Fact]
    public void The_block_has_no_script_and_no_katex()
    {
        string block = MathHtml.Block("<div>$$\\frac{1}{2}$$</div>");
        Assert.StartsWith("<div class=\"coursekit-explain\"><style>", block);
        Assert.Contains("<math display=\"block\"><semantics><mrow><mfrac><mn>1</mn><mn>2</mn></mfrac></mrow>", block);
        Assert.DoesNotContain("<script", block);
        Assert.DoesNotContain("katex", block, StringComparison.OrdinalIgnoreCase);
    }

    [GeneratedRegex(@"<(script|style|annotation)\b.*?</\1>", RegexOptions.Singleline)]
    private static partial Regex Verbatim();

    [GeneratedRegex(@"\$\$(?<tex>.+?)\$\$|\$(?<tex>[^$]+?)\$", RegexOptions.Singleline)]
    private static partial Regex Formula();
}
