namespace CourseKit.Tests.Explain.ForwardPass;

using Explain = CourseKit.Explain;

public class ForwardPassTests
{
    // A 2-2-1 network with small known weights, worked out by hand below.
    private static readonly float[,] W1 = { { 0.2f, -0.4f }, { 0.5f, 0.1f } };
    private static readonly float[] B1 = { 0.1f, -0.2f };
    private static readonly float[,] W2 = { { 1.0f }, { -2.0f } };
    private static readonly float[] B2 = { 0.5f };
    private static readonly float[,] X = { { 3, 5 }, { 1, -1 } };

    private static Sequential Model()
    {
        var model = new Sequential([new Dense(2, inputShape: [2], activation: "relu"), new Dense(1, activation: "sigmoid")]);
        model.SetWeights([W1, B1, W2, B2]);
        return model;
    }

    [Fact]
    public void Every_step_equals_the_hand_computation_and_Predict()
    {
        var model = Model();
        var e = Explain.ForwardPass(model, X);
        Assert.Equal(2, e.Steps.Count);
        Assert.Null(e.BreakPoint);

        // Layer 1: Z = X·W1 + b1, A = relu(Z).
        // row 1: 3·0.2 + 5·0.5 + 0.1 = 3.2 ; 3·(−0.4) + 5·0.1 − 0.2 = −0.9
        // row 2: 1·0.2 − 1·0.5 + 0.1 = −0.2 ; 1·(−0.4) − 1·0.1 − 0.2 = −0.7
        float[,] z1 = { { 3.2f, -0.9f }, { -0.2f, -0.7f } };
        float[,] a1 = { { 3.2f, 0f }, { 0f, 0f } };
        AssertClose(z1, e.Steps[0].Z!);
        AssertClose(a1, e.Steps[0].A!);
        // Layer 2: z = a·W2 + 0.5 → 3.2 + 0.5 = 3.7 ; 0.5
        float[,] z2 = { { 3.7f }, { 0.5f } };
        float[,] a2 = { { (float)(1 / (1 + Math.Exp(-3.7))) }, { (float)(1 / (1 + Math.Exp(-0.5))) } };
        AssertClose(z2, e.Steps[1].Z!);
        AssertClose(a2, e.Steps[1].A!);
        AssertClose(model.Predict(X).ToArray2D(), e.Output!);
        Assert.Equal("relu", e.Steps[0].Activation);
        Assert.Contains("Z⁽²⁾ = A⁽¹⁾ · W⁽²⁾ + b⁽²⁾", e.Steps[1].Equation);
        Assert.Contains("(2, 1) = (2, 2) · (2, 1) + (1,)", e.Steps[1].Equation);
    }

    [Fact]
    public void A_network_without_biases_is_explained_with_Z_equal_to_X_times_W()
    {
        // Regression: the missing bias's shape (null) made the explainer fail with a NullReferenceException.
        var model = new Sequential([new Dense(2, inputShape: [2], activation: "relu", useBias: false),
                                    new Dense(1, activation: "sigmoid", useBias: false)]);
        model.SetWeights([W1, W2]);
        var e = Explain.ForwardPass(model, X);
        Assert.Null(e.Steps[0].BiasShape);
        // row 1: 3·0.2 + 5·0.5 = 3.1 ; 3·(−0.4) + 5·0.1 = −0.7 ; row 2: 0.2 − 0.5 = −0.3 ; −0.4 − 0.1 = −0.5
        AssertClose(new float[,] { { 3.1f, -0.7f }, { -0.3f, -0.5f } }, e.Steps[0].Z!);
        AssertClose(new float[,] { { 3.1f }, { 0f } }, e.Steps[1].Z!);
    }

    [Fact]
    public void Hand_built_layers_are_headed_without_repeating_their_number()
    {
        // Regression: a hand-built layer was headed "Layer 1: layer 1 (relu)"; a model's layer keeps its name.
        var e = Explain.ForwardPass(Tensor.FromArray(X), (Tensor.FromArray(W1), Tensor.FromArray(B1), "relu"));
        Assert.Contains("Layer 1 (relu)", e.ToHtml());
        Assert.DoesNotContain("layer 1 (relu)", e.ToHtml());
        Assert.StartsWith("Layer 1 (relu)", e.ToString().Split('\n').First(l => l.StartsWith("Layer")));
        Assert.Matches(@"Layer 1: dense(_\d+)? \(relu\)", Explain.ForwardPass(Model(), X).ToHtml());
    }

    [Fact]
    public void Symbolic_entries_follow_the_lecture()
    {
        float[,] x = { { 3, 5 }, { 5, 1 }, { 10, 2 } };
        float[,] w = { { 0.2f, -0.4f, 1 }, { 0.5f, 0.1f, 0 } };
        var e = Explain.ForwardPass(x, (w, new float[] { 0.1f, 0.3f, 0 }, "linear"));
        var s = e.Steps[0];
        Assert.Equal("3W11+5W21", s.SymbolicEntry(1, 1));
        Assert.Equal("3W12+5W22", s.SymbolicEntry(1, 2));
        Assert.Equal("10W13+2W23", s.SymbolicEntry(3, 3));
        string text = e.ToString();
        Assert.Contains("[[3W11+5W21, 3W12+5W22, 3W13+5W23], [5W11+1W21, 5W12+1W22, 5W13+1W23], [10W11+2W21, 10W12+2W22, 10W13+2W23]]", text);
        Assert.Contains("3W_{11}+5W_{21}", e.ToHtml());
    }

    [Fact]
    public void Expand_writes_out_one_entry_and_agrees_with_Z()
    {
        float[,] x = { { 3, 5 }, { 5, 1 }, { 10, 2 } };
        float[,] w = { { 0.2f, 0.2f }, { 0.5f, -0.4f } };
        var e = Explain.ForwardPass(x, (w, new float[] { 0.3f, 0.1f }, "relu"));
        var entry = e.Expand(1, 1, 2);
        Assert.Equal("z₁₂ = 3·0.2 + 5·(−0.4) + 0.1 = −1.3", entry.Text);
        Assert.Equal(-1.3, entry.Value, 5);
        Assert.Equal(-1.3f, e.Steps[0].Z![0, 1], 5);
        Assert.True(entry.Matches);
        for (int r = 1; r <= 3; r++)
            for (int c = 1; c <= 2; c++)
                Assert.True(e.Expand(1, r, c).Matches);
        Assert.Equal(0f, e.Steps[0].A![0, 1]);
        Assert.Throws<ArgumentOutOfRangeException>(() => e.Expand(1, 4, 1));

        var two = Explain.ForwardPass(Model(), X);
        Assert.StartsWith("z⁽²⁾₁₁ = 3.2·1 + 0·(−2) + 0.5 = 3.7", two.Expand(2, 1, 1).Text);
    }

    [Fact]
    public void A_shape_that_does_not_fit_shows_where_the_pass_breaks()
    {
        float[,] x = { { 1, 2 } };
        var w1 = Tensor.Ones([2, 3]);
        var w2 = Tensor.Ones([4, 1]);
        var e = Explain.ForwardPass(x, (w1, Tensor.Zeros([3]), "relu"), (w2, Tensor.Zeros([1]), "sigmoid"));
        Assert.Equal(2, e.Steps.Count);
        Assert.NotNull(e.Steps[0].Z);
        var broken = e.BreakPoint!;
        Assert.Same(e.Steps[1], broken);
        Assert.StartsWith("A⁽¹⁾ has 3 columns but W⁽²⁾ has 4 rows", broken.Problem);
        Assert.Null(broken.Z);
        Assert.Null(e.Output);
        Assert.Contains("The pass breaks here: A⁽¹⁾ has 3 columns but W⁽²⁾ has 4 rows", e.ToString());
        Assert.Contains("ck-problem", e.ToHtml());

        var bias = Explain.ForwardPass(x, (w1, Tensor.Zeros([2]), "relu"));
        Assert.StartsWith("b⁽¹⁾ has shape (2,) but W⁽¹⁾ has 3 columns", bias.BreakPoint!.Problem);
    }

    [Fact]
    public void A_model_whose_input_does_not_fit_breaks_without_throwing()
    {
        var e = Explain.ForwardPass(Model(), new float[,] { { 1, 2, 3 } });
        Assert.StartsWith("A⁽⁰⁾ has 3 columns but W⁽¹⁾ has 2 rows", e.BreakPoint!.Problem);
    }

    [Fact]
    public void Flatten_and_activation_layers_are_passed_through()
    {
        var model = new Sequential([new Flatten(inputShape: [2, 2]), new Dense(2), new Activation("relu"), new Dense(1)]);
        model.Predict(Tensor.Ones([1, 2, 2]));
        var x = Tensor.FromArray(new float[,,] { { { 1, -2 }, { 3, 0.5f } } });
        var e = Explain.ForwardPass(model, x);
        Assert.Null(e.BreakPoint);
        Assert.Equal(2, e.Steps.Count);
        Assert.Equal("relu", e.Steps[0].Activation);
        Assert.Contains(e.Steps[0].Notes, n => n.Contains("of shape (1, 2, 2) into (1, 4)"));
        AssertClose(model.Predict(x).ToArray2D(), e.Output!);
    }

    [Fact]
    public void Html_has_the_step_buttons_and_latex_and_Display_uses_it()
    {
        var e = Explain.ForwardPass(Model(), X);
        string html = e.ToHtml();
        Assert.Contains("<button", html);
        Assert.Contains("ck-prev", html);
        Assert.Contains("ck-next", html);
        // Z⁽¹⁾ as a MathML matrix between stretchy brackets, with the hand-computed entries (see above)
        Assert.Contains("<mo fence=\"true\" stretchy=\"true\" symmetric=\"true\">[</mo><mtable><mtr><mtd><mn>3.2</mn></mtd>" +
                        "<mtd><mrow><mo lspace=\"0\" rspace=\"0\">−</mo><mn>0.9</mn></mrow></mtd></mtr>", html);
        Assert.DoesNotContain("<script src", html);
        Assert.Equal(3, CountOf(html, "class=\"ck-step"));     // two layers and the output
        Assert.Contains(".ck-js .ck-step{display:none}", html); // hidden only once the script runs
        Assert.Contains("Previous", Display.Html(e));
        Assert.Contains("Layer 1: dense", e.ToString());
        Assert.Contains("Layer 2", Display.Text(e));
    }

    [Fact]
    public void Large_matrices_are_abbreviated()
    {
        var e = Explain.ForwardPass(Tensor.Ones([6, 8]), (Tensor.Ones([8, 7]), Tensor.Zeros([7]), "linear"));
        Assert.Contains("\\vdots", e.ToHtml());
        Assert.Contains("…", e.ToString());
        Assert.Equal(8.0, e.Expand(1, 6, 7).Value, 5);
        Assert.Contains("(8 products)", e.Expand(1, 6, 7).Text);
    }

    internal static int CountOf(string text, string part)
    {
        int n = 0;
        for (int i = text.IndexOf(part, StringComparison.Ordinal); i >= 0; i = text.IndexOf(part, i + part.Length, StringComparison.Ordinal)) n++;
        return n;
    }

    private static void AssertClose(float[,] expected, float[,] actual)
    {
        Assert.Equal(expected.GetLength(0), actual.GetLength(0));
        Assert.Equal(expected.GetLength(1), actual.GetLength(1));
        for (int i = 0; i < expected.GetLength(0); i++)
            for (int j = 0; j < expected.GetLength(1); j++)
                Assert.True(Math.Abs(expected[i, j] - actual[i, j]) < 1e-5, $"[{i},{j}]: expected {expected[i, j]}, got {actual[i, j]}");
    }
}
