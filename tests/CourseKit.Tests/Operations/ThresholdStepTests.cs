using CourseKit.Tests.Tensors;

namespace CourseKit.Tests.Operations;

/// <summary>The steps of threshold logic units, Heaviside and Sign: their values (at 0 too, and NaN), their names as
/// activations, their derivative 0, and the warning when training reaches a weight only through one.</summary>
public class ThresholdStepTests
{
    private static Tensor V(Device d, params float[] v) => Tensor.FromArray(v, d);

    /// <summary>The inputs of a gate with two inputs, and the OR and XOR targets as a column.</summary>
    private static readonly Tensor Gate = Tensor.FromArray(new float[,] { { 0, 0 }, { 0, 1 }, { 1, 0 }, { 1, 1 } });
    private static readonly Tensor Or = Tensor.FromArray(new float[,] { { 0 }, { 1 }, { 1 }, { 1 } });
    private static readonly Tensor Xor = Tensor.FromArray(new float[,] { { 0 }, { 1 }, { 1 }, { 0 } });

    /// <summary>A threshold unit: one Dense unit on two inputs with a step activation.</summary>
    private static Sequential Unit(string activation, string name = "tlu") =>
        new([new Dense(1, inputShape: [2], activation: activation, name: name)]);

    /// <summary>The values, then −∞, +∞ and NaN (computed: a tensor cannot be created from them).</summary>
    private static Tensor WithNonFinite(Device d, params float[] v) =>
        Tensor.Concat([V(d, v), V(d, -1, 1) / V(d, 0, 0), V(d, -1).Log()]);

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void HeavisideIsOneAboveZeroAndZeroAtAndBelowIt(string device)
    {
        var x = WithNonFinite(Devices.Get(device), -2, -1e-30f, 0, -0f, 1e-30f, 3);
        var y = x.Heaviside().ToArray();
        Assert.Equal([0f, 0, 0, 0, 1, 1, 0, 1], y[..8]);
        Assert.True(float.IsNaN(y[8])); // a NaN is never hidden
        // NumPy's heaviside(x, h0): the value at 0 is a choice; Géron's book takes 1.
        Assert.Equal([0f, 0, 1, 1, 1, 1, 0, 1], x.Heaviside(1).ToArray()[..8]);
        Assert.Equal([0f, 0, 0.5f, 0.5f, 1, 1, 0, 1], x.Heaviside(0.5f).ToArray()[..8]);
    }

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void SignIsZeroAtZeroAsInNumPy(string device)
    {
        var y = WithNonFinite(Devices.Get(device), -2, 0, -0f, 3).Sign().ToArray();
        Assert.Equal([-1f, 0, 0, 1, -1, 1], y[..6]);
        Assert.True(float.IsNaN(y[6]));
    }

    [Theory]
    [InlineData("heaviside", "heaviside")]
    [InlineData("step", "heaviside")]
    [InlineData("Heaviside", "heaviside")]
    [InlineData("sign", "sign")]
    public void TheyAreActivationsByName(string name, string savedName)
    {
        var f = ActivationFunction.Get(name);
        Assert.Equal(savedName, f.Name);
        var x = Tensor.FromArray(new float[] { -1.5f, 0, 2 });
        Assert.Equal(savedName == "sign" ? [-1f, 0, 1] : [0f, 0, 1], f.Apply(x).ToArray());
        Assert.Contains(name.ToLowerInvariant(), Tensor.ActivationNames);
    }

    [Fact]
    public void AThresholdUnitAsADenseLayerComputesAnOrGate()
    {
        // The TLU of the lecture: OR with w = (1, 1), b = −0.5; the same weights through sign give −1/+1.
        using var warnings = Warnings.Capture();
        foreach (var (activation, expected) in new[] { ("heaviside", new[] { 0f, 1, 1, 1 }), ("sign", new[] { -1f, 1, 1, 1 }) })
        {
            var model = Unit(activation);
            model.Layers[0].SetWeights([Tensor.FromArray(new float[,] { { 1 }, { 1 } }), Tensor.FromArray(new[] { -0.5f })]);
            Assert.Equal(expected, model.Predict(Gate).ToArray());
        }
        Assert.Equal("", warnings.Text); // computing with a step is fine
    }

    [Theory]
    [InlineData("heaviside")]
    [InlineData("sign")]
    public void TheDerivativeIsZeroAndBackwardWarnsOnce(string step)
    {
        using var warnings = Warnings.Capture();
        var w = Tensor.FromArray(new float[] { 0.5f, -2f, 1f }, requiresGrad: true);
        w.Name = "w";
        for (int i = 0; i < 3; i++) // three training steps, one warning
        {
            w.ZeroGrad();
            (w.Activation(step) * 3f).Sum().Backward();
            TensorAssert.Exact(w.Grad!, [3], 0, 0, 0);
        }
        string text = warnings.Text;
        Assert.Single(text.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"Warning: Backward: the gradient reaches \"w\" only through {step}, a step whose derivative is 0", text);
        Assert.Contains(step == "heaviside" ? "sigmoid for heaviside" : "tanh for sign", text);
        Assert.Contains("new Perceptron().Fit(x, y)", text);
    }

    [Fact]
    public void AWeightWithAnotherPathPastTheStepGetsItsGradientWithoutAWarning()
    {
        using var warnings = Warnings.Capture();
        var w = Tensor.FromArray(new float[] { 0.5f, -2f }, requiresGrad: true);
        (w.Heaviside() + w * 2f).Sum().Backward();
        TensorAssert.Exact(w.Grad!, [2], 2, 2);
        Assert.Equal("", warnings.Text);
    }

    [Fact]
    public void FittingAModelWithAStepOutputWarnsOnceAndLearnsNothing()
    {
        using var warnings = Warnings.Capture();
        Tensor.SetRandomSeed(3);
        var model = Unit("step");
        model.Compile("sgd", "mse");
        var before = model.Layers[0].GetWeights().Select(t => t.ToArray()).ToList();
        model.Fit(Gate, Or, epochs: 3, batchSize: 1, verbose: 0);
        var after = model.Layers[0].GetWeights().Select(t => t.ToArray()).ToList();
        Assert.Equal(before, after);
        string text = warnings.Text;
        Assert.Single(text.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("\"tlu/kernel\", \"tlu/bias\" only through heaviside", text);
    }

    [Fact]
    public void FitStopsWhenTheLossCannotMoveAndBlamesTheStepNotTheLearningRate()
    {
        using var warnings = Warnings.Capture();
        Tensor.SetRandomSeed(3);
        var model = Unit("heaviside");
        model.Layers[0].SetWeights([Tensor.FromArray(new float[,] { { -1 }, { -1 } }), Tensor.FromArray(new[] { 0f })]); // wrong on (0,1), (1,0), (1,1)
        model.Compile("sgd", "mse");
        var history = model.Fit(Gate, Or, epochs: 50, batchSize: 4, verbose: 0);
        Assert.Equal(5, history.Epoch.Count);
        Assert.Equal(0.75f, history.History["loss"][^1]);
        Assert.StartsWith("the loss has stayed at 0.7500 for 5 epochs because layer \"tlu\" has the heaviside activation", history.StopReason);
        Assert.Contains("Use sigmoid", history.StopReason);
        Assert.DoesNotContain("lower the learning rate", history.StopReason);
    }

    [Fact]
    public void AStepInAHiddenLayerWarnsAboutTheWeightsBeforeIt()
    {
        using var warnings = Warnings.Capture();
        Tensor.SetRandomSeed(4);
        var model = new Sequential([new Dense(2, inputShape: [2], activation: "sign", name: "hidden"), new Dense(1, activation: "sigmoid", name: "out")]);
        model.Compile("sgd", "binary_crossentropy");
        model.Fit(Gate, Xor, epochs: 2, batchSize: 4, verbose: 0);
        Assert.Contains("\"hidden/kernel\", \"hidden/bias\" only through sign", warnings.Text);
        Assert.DoesNotContain("out/", warnings.Text);
    }

    [Fact]
    public void TheBackwardStepsExplainerShowsTheDerivativeZero()
    {
        using var warnings = Warnings.Capture();
        var w = Tensor.FromArray(new float[] { 0.5f, -2f }, requiresGrad: true);
        var steps = CourseKit.Explain.BackwardSteps((w.Heaviside() * 3f).Sum());
        var step = Assert.Single(steps.Steps, s => s.Op == "heaviside");
        Assert.EndsWith("=0\\cdotg", step.Contributions[0].RuleLatex.Replace(" ", ""));
        Assert.Equal([0f, 0f], step.Contributions[0].Contribution.ToArray());
    }

    [Fact]
    public void DrawingTheirDerivativesDoesNotWarn()
    {
        using var warnings = Warnings.Capture();
        var (x, y, derivative) = Plot.ActivationCurve("heaviside", -1, 1, 5);
        Assert.Equal([-1f, -0.5f, 0, 0.5f, 1], x);
        Assert.Equal([0f, 0, 0, 1, 1], y);
        Assert.Equal([0f, 0, 0, 0, 0], derivative);
        Assert.Equal([-1f, -1, 0, 1, 1], Plot.ActivationCurve("sign", -1, 1, 5).Y);
        Assert.Equal("", warnings.Text);
    }
}
