using CourseKit.Tests.Tensors;

namespace CourseKit.Tests.Keras.LayerTests;

public class RegularizerTests
{
    private static Tensor W(bool requiresGrad = false) => Tensor.FromData([1, -2, 3, -4], [2, 2], requiresGrad: requiresGrad);

    [Fact]
    public void PenaltiesAreFactorTimesSumOfAbsoluteValuesOrSquares()
    {
        // Σ|w| = 10, Σw² = 30; Keras's L2 has no ½.
        Assert.Equal(1.0f, new L1(0.1f).Penalty(W()).Item(), 5);
        Assert.Equal(3.0f, new L2(0.1f).Penalty(W()).Item(), 5);
        Assert.Equal(1.3f, new L1L2(l1: 0.1f, l2: 0.01f).Penalty(W()).Item(), 5);
        Assert.Equal(0f, new L1L2().Penalty(W()).Item());
        Assert.Equal(0.3f, new L2().Penalty(W()).Item(), 5);
        Assert.Equal(0.1f, new L1().Penalty(W()).Item(), 5);
    }

    [Fact]
    public void DefaultsAreKeras3s()
    {
        Assert.Equal(0.01f, new L1().Factor);
        Assert.Equal(0.01f, new L2().Factor);
        Assert.Equal((0f, 0f), (new L1L2().L1, new L1L2().L2));
    }

    [Fact]
    public void PenaltiesHaveGradients()
    {
        var w = W(requiresGrad: true);
        new L2(0.5f).Penalty(w).Backward();
        TensorAssert.Exact(w.Grad!, [2, 2], 1, -2, 3, -4); // 2·0.5·w
        var v = W(requiresGrad: true);
        new L1L2(0.1f, 0.5f).Penalty(v).Backward();
        TensorAssert.Close(v.Grad!, [2, 2], [1.1f, -2.1f, 3.1f, -4.1f]); // 0.1·sign(w) + w
    }

    [Fact]
    public void GetAcceptsKerasNames()
    {
        Assert.Equal(0.01f, Assert.IsType<L1>(Regularizer.Get("l1")).Factor);
        Assert.Equal(0.01f, Assert.IsType<L2>(Regularizer.Get("L2")).Factor);
        Assert.IsType<L1L2>(Regularizer.Get("l1_l2"));
        Assert.IsType<L1L2>(Regularizer.Get("L1L2"));
        Regularizer fromString = "l2";
        Assert.IsType<L2>(fromString);
        var e = Assert.Throws<ArgumentException>(() => Regularizer.Get("ridge"));
        Assert.Contains("Unknown regularizer \"ridge\". Valid names: l1, l2, l1_l2", e.Message);
    }

    [Fact]
    public void FactorsMustBeNonNegative()
    {
        Assert.Contains("Invalid value for argument l2: expected a non-negative number, got -0.1",
            Assert.Throws<ArgumentException>(() => new L2(-0.1f)).Message);
        Assert.Throws<ArgumentException>(() => new L1(float.NaN));
        Assert.Throws<ArgumentException>(() => new L1L2(l1: -1));
    }

    [Fact]
    public void ConfigsUseKerasKeys()
    {
        Assert.Equal(new Dictionary<string, object?> { ["l2"] = 0.01f }, new L2().GetConfig());
        Assert.Equal(new Dictionary<string, object?> { ["l1"] = 0.5f }, new L1(0.5f).GetConfig());
        Assert.Equal(new Dictionary<string, object?> { ["l1"] = 0f, ["l2"] = 0.1f }, new L1L2(l2: 0.1f).GetConfig());
        Assert.Equal("L1L2", new L1L2().ClassName);
    }

    [Fact]
    public void FrozenLayersAddNoPenalty()
    {
        var layer = new Dense(2, kernelRegularizer: "l2", inputShape: [3]);
        Assert.Single(layer.RegularizationLosses());
        layer.Trainable = false;
        Assert.Empty(layer.RegularizationLosses());
    }

    /// <summary>As in Keras, the penalty is part of the loss that Fit logs (per batch, before its step) and that Evaluate and
    /// val_loss report: J* = J + λΩ, computed here by hand.</summary>
    [Fact]
    public void TheLoggedAndEvaluatedLossesIncludeThePenalty()
    {
        // One linear neuron, w = (1, −2), b = 0.5, L2 0.1 on the kernel: λΩ = 0.1 · (1² + 2²) = 0.5.
        var model = new Sequential([new Dense(1, inputShape: [2], kernelRegularizer: new L2(0.1f))]);
        model.SetWeights([Tensor.FromData([1, -2], [2, 1]), Tensor.FromData([0.5f], [1])]);
        model.Compile(new SGD(learningRate: 0.1), "mse");
        var x = Tensor.FromData([1, 1, 2, 0], [2, 2]); // predictions −0.5 and 2.5
        var y = Tensor.FromData([0, 2], [2, 1]);       // errors −0.5 and 0.5: J = 0.25
        Assert.Equal(0.75f, model.Evaluate(x, y).Loss, 5);

        var history = model.Fit(x, y, epochs: 1, batchSize: 2, shuffle: false, verbose: 0, validationData: (x, y));
        Assert.Equal(0.75f, history.History["loss"][0], 5);
        // After the step: val_loss is J + λΩ of the new weights.
        var kernel = model.Layers[0].GetWeights()[0];
        float j = (model.Predict(x) - y).Square().Mean().Item();
        float penalty = 0.1f * kernel.Square().Sum().Item();
        Assert.Equal(j + penalty, history.History["val_loss"][0], 5);
        Assert.NotEqual(0.75f, history.History["val_loss"][0], 3);
    }
}
