using Xunit;

namespace CourseKit.Tests.Explain.Backprop;

public class BackpropTests
{
    // A 2-2-1 sigmoid network with fixed weights, worked out by hand below.
    private static readonly double[,] X = { { 1, 2 }, { 0.5, -1 } };
    private static readonly double[] Y = { 1, 0 };
    private static readonly double[,] W1 = { { 0.1, 0.2 }, { 0.3, 0.4 } };
    private static readonly double[] B1 = { 0.1, -0.1 };
    private static readonly double[] W2 = { 0.5, -0.6 };
    private const double B2 = 0.2;

    private static Sequential Network(string activation = "sigmoid")
    {
        var model = new Sequential([new Dense(2, activation: activation, inputShape: [2]), new Dense(1, activation: activation)]);
        model.SetWeights([
            Tensor.FromData([0.1f, 0.2f, 0.3f, 0.4f], [2, 2]), Tensor.FromData([0.1f, -0.1f], [2]),
            Tensor.FromData([0.5f, -0.6f], [2, 1]), Tensor.FromData([0.2f], [1]),
        ]);
        return model;
    }

    private static BackpropExplanation Explained(float learningRate = 0.5f, string activation = "sigmoid") =>
        CourseKit.Explain.Backprop(Network(activation), Tensor.FromData([1f, 2f, 0.5f, -1f], [2, 2]), Tensor.FromData([1f, 0f], [2, 1]), learningRate);

    private static double Sigmoid(double z) => 1 / (1 + Math.Exp(-z));

    /// <summary>The lecture's formulas, one number at a time.</summary>
    private static (double[,] Z2, double[,] A2, double[] YHat, double J, double[] D3, double[] GW2, double GB2, double[,] D2, double[,] GW1, double[] GB1) ByHand()
    {
        var z2 = new double[2, 2]; var a2 = new double[2, 2];
        var yHat = new double[2]; var d3 = new double[2]; var d2 = new double[2, 2];
        double j = 0;
        for (int n = 0; n < 2; n++)
        {
            for (int h = 0; h < 2; h++)
            {
                z2[n, h] = X[n, 0] * W1[0, h] + X[n, 1] * W1[1, h] + B1[h];
                a2[n, h] = Sigmoid(z2[n, h]);
            }
            double z3 = a2[n, 0] * W2[0] + a2[n, 1] * W2[1] + B2;
            yHat[n] = Sigmoid(z3);
            j += 0.5 * (Y[n] - yHat[n]) * (Y[n] - yHat[n]);
            d3[n] = -(Y[n] - yHat[n]) * yHat[n] * (1 - yHat[n]);
            for (int h = 0; h < 2; h++) d2[n, h] = d3[n] * W2[h] * a2[n, h] * (1 - a2[n, h]);
        }
        var gw2 = new double[2]; var gw1 = new double[2, 2]; var gb1 = new double[2];
        for (int h = 0; h < 2; h++)
        {
            gw2[h] = a2[0, h] * d3[0] + a2[1, h] * d3[1];
            gb1[h] = d2[0, h] + d2[1, h];
            for (int i = 0; i < 2; i++) gw1[i, h] = X[0, i] * d2[0, h] + X[1, i] * d2[1, h];
        }
        return (z2, a2, yHat, j, d3, gw2, d3[0] + d3[1], d2, gw1, gb1);
    }

    private static void Near(double expected, float actual) => Assert.InRange(actual, expected - 1e-5, expected + 1e-5);

    [Fact]
    public void Forward_pass_and_gradients_match_a_hand_computation()
    {
        var e = Explained();
        var hand = ByHand();
        var z2 = e.Z1.ToArray(); var a2 = e.A1.ToArray(); var d2 = e.Delta1.ToArray(); var gw1 = e.GradW1.ToArray();
        for (int n = 0; n < 2; n++)
            for (int h = 0; h < 2; h++)
            {
                Near(hand.Z2[n, h], z2[n * 2 + h]);
                Near(hand.A2[n, h], a2[n * 2 + h]);
                Near(hand.D2[n, h], d2[n * 2 + h]);
                Near(hand.GW1[n, h], gw1[n * 2 + h]);
            }
        for (int i = 0; i < 2; i++)
        {
            Near(hand.YHat[i], e.YHat.ToArray()[i]);
            Near(hand.D3[i], e.Delta2.ToArray()[i]);
            Near(hand.GW2[i], e.GradW2.ToArray()[i]);
            Near(hand.GB1[i], e.GradB1.ToArray()[i]);
        }
        Near(hand.GB2, e.GradB2.ToArray()[0]);
        Near(hand.J, e.Cost);
        Assert.Equal(new[] { 2, 1 }, e.GradW2.Shape);
        Assert.Equal(new[] { 2, 2 }, e.GradW1.Shape);
    }

    [Theory]
    [InlineData("sigmoid")]
    [InlineData("tanh")]
    [InlineData("relu")]
    [InlineData("linear")]
    public void Every_gradient_agrees_with_autograd(string activation)
    {
        var e = Explained(activation: activation);
        Assert.Equal(4, e.Checks.Count);
        Assert.True(e.AgreesWithAutograd);
        Assert.True(e.MaxDifference < 1e-5f, $"max difference {e.MaxDifference}");
        Assert.Equal(e.GradW1.ToArray(), e.AutogradW1.ToArray(), (a, b) => Math.Abs(a - b) < 1e-5f);
        Assert.Equal(e.GradB2.ToArray(), e.AutogradB2.ToArray(), (a, b) => Math.Abs(a - b) < 1e-5f);
    }

    [Fact]
    public void The_update_is_the_old_weights_minus_eta_times_the_gradient()
    {
        var e = Explained(learningRate: 0.5f);
        void Check(Tensor w, Tensor g, Tensor updated)
        {
            var (wv, gv, uv) = (w.ToArray(), g.ToArray(), updated.ToArray());
            for (int i = 0; i < wv.Length; i++) Assert.InRange(uv[i], wv[i] - 0.5f * gv[i] - 1e-6f, wv[i] - 0.5f * gv[i] + 1e-6f);
        }
        Check(e.W1, e.GradW1, e.NewW1);
        Check(e.B1, e.GradB1, e.NewB1);
        Check(e.W2, e.GradW2, e.NewW2);
        Check(e.B2, e.GradB2, e.NewB2);
        // The model keeps its weights.
        Assert.Equal(0.1f, e.W1.ToArray()[0]);
    }

    [Fact]
    public void Taking_the_step_lowers_the_cost()
    {
        var e = Explained(learningRate: 0.5f);
        var model = Network();
        model.SetWeights([e.NewW1, e.NewB1, e.NewW2, e.NewB2]);
        var after = CourseKit.Explain.Backprop(model, e.X, e.Y);
        Assert.True(after.Cost < e.Cost);
        Assert.Equal(2 * e.Cost / 2, e.KerasMse, 5);
    }

    [Fact]
    public void Html_shows_every_step_with_matrices_and_the_autograd_check()
    {
        var e = Explained();
        string html = Display.Html(e);
        Assert.Contains("Step 1 of 7", html);
        Assert.Contains("Step 7 of 7", html);
        Assert.Contains(@"\begin{bmatrix}", html);
        Assert.Contains("✓ agrees with autograd", html);
        Assert.Contains("next", html);
        Assert.Contains("previous", html);
        Assert.Contains(@"\delta^{(2)}", html);
        Assert.Contains("δ(1) = δ(2) W(2)ᵀ ⊙ f′(Z(1))", e.ToString());
    }

    [Fact]
    public void Shapes_are_written_as_numpy_and_keras_write_them()
    {
        // A vector's shape is (2,), the comma saying "a tuple of one", as Tensor.Shape prints it.
        string text = Explained().ToString();
        Assert.Contains("b(1) (2,) =", text);
        Assert.Contains("W(1) (2, 2) =", text);
        var wrong = Assert.Throws<ArgumentException>(() => CourseKit.Explain.Backprop(Network(), Tensor.FromData([1f, 2f], [2]), Tensor.FromData([1f], [1, 1])));
        Assert.Contains("got shape (2,)", wrong.Message);
    }

    [Fact]
    public void Large_matrices_are_abbreviated()
    {
        string latex = StepsHtml.Matrix(Tensor.Zeros([10, 10]));
        Assert.Contains(@"\vdots", latex);
        Assert.Contains(@"\cdots", latex);
    }

    [Fact]
    public void Unknown_activations_and_other_networks_get_clear_errors()
    {
        var softmax = new Sequential([new Dense(2, activation: "sigmoid", inputShape: [2]), new Dense(2, activation: "softmax")]);
        var error = Assert.Throws<ArgumentException>(() => CourseKit.Explain.Backprop(softmax, Tensor.Ones([1, 2]), Tensor.Ones([1, 2])));
        Assert.Contains("softmax", error.Message);
        Assert.Contains("sigmoid", error.Message);

        var three = new Sequential([new Dense(2, inputShape: [2]), new Dense(2), new Dense(1)]);
        Assert.Throws<ArgumentException>(() => CourseKit.Explain.Backprop(three, Tensor.Ones([1, 2]), Tensor.Ones([1, 1])));
    }
}
