using CourseKit.Tests.Tensors;

namespace CourseKit.Tests.Keras.LayerTests;

public class ActivationTests
{
    public static IEnumerable<object[]> Values() =>
    [
        // name, x, f(x) by hand
        ["linear", -1.5f, -1.5f],
        ["relu", -1f, 0f],
        ["relu", 2f, 2f],
        ["sigmoid", 0f, 0.5f],
        ["tanh", 1f, 0.7615942f],
        ["elu", -1f, -0.63212056f],          // e⁻¹ − 1
        ["selu", 1f, 1.050701f],
        ["softplus", 0f, 0.6931472f],        // ln 2
        ["leaky_relu", -1f, -0.2f],          // Keras 3's slope 0.2
        ["swish", 1f, 0.7310586f],           // 1·σ(1)
        ["silu", 1f, 0.7310586f],
        ["gelu", 1f, 0.8413447f],            // Φ(1)
        ["exponential", 1f, 2.7182817f],
        ["hard_sigmoid", 0f, 0.5f],
        ["hard_sigmoid", 4f, 1f],
    ];

    [Theory]
    [MemberData(nameof(Values))]
    public void EachNamedFunctionComputesItsFormula(string name, float x, float expected)
    {
        var f = ActivationFunction.Get(name);
        TensorAssert.Close(f.Apply(Tensor.FromData([x], [1, 1])), [1, 1], [expected]);
        TensorAssert.Close(new Activation(name).Call(Tensor.FromData([x], [1, 1])), [1, 1], [expected]);
    }

    [Fact]
    public void SoftmaxIsOverTheLastAxis()
    {
        var y = new Activation(Activations.Softmax).Call(Tensor.FromData([0, MathF.Log(3), 1, 1], [2, 2]));
        TensorAssert.Close(y, [2, 2], [0.25f, 0.75f, 0.5f, 0.5f]);
        TensorAssert.Close(Activations.LogSoftmax.Apply(Tensor.FromData([0, MathF.Log(3)], [1, 2])), [1, 2], [MathF.Log(0.25f), MathF.Log(0.75f)]);
    }

    [Fact]
    public void EveryNameTheTensorAcceptsIsAnActivationObject()
    {
        foreach (var name in Tensor.ActivationNames)
        {
            var f = ActivationFunction.Get(name);
            var x = Tensor.FromData([-2, -0.5f, 0.3f, 1.7f], [2, 2]);
            TensorAssert.Close(x.Activation(name), [2, 2], f.Apply(x).ToArray());
        }
    }

    [Fact]
    public void NamesAndObjectsAreTheSameFunction()
    {
        ActivationFunction fromString = "relu";
        Assert.Same(Activations.Relu, fromString);
        Assert.Same(Activations.Relu, ActivationFunction.Get(" ReLU "));
        Assert.Same(Activations.Linear, ActivationFunction.Get("linear"));
        // Keras 3: swish is silu, and saves as "silu".
        Assert.Same(Activations.Silu, Activations.Swish);
        Assert.Equal("silu", ActivationFunction.Get("swish").Name);
        Assert.Equal("hard_sigmoid", Activations.HardSigmoid.Name);
    }

    /// <summary>Keras's <c>activation=None</c> is linear; a string that is null (<c>useRelu ? "relu" : null</c>) means the
    /// same here instead of failing with "Value cannot be null".</summary>
    [Fact]
    public void ANullNameMeansLinearAsKerasNone()
    {
        string? none = null;
        ActivationFunction fromNull = none;
        Assert.Same(Activations.Linear, fromNull);
        var layer = new Dense(1, activation: none, kernelInitializer: "ones", inputShape: [2]);
        TensorAssert.Exact(layer.Call(Tensor.FromData([-3, 1], [1, 2])), [1, 1], -2);
    }

    [Fact]
    public void UnknownNamesListTheValidOnes()
    {
        var e = Assert.Throws<ArgumentException>(() => ActivationFunction.Get("rectified"));
        Assert.Contains("Unknown activation \"rectified\". Valid names: linear, relu, sigmoid, tanh, softmax", e.Message);
        Assert.Contains("hard_sigmoid", e.Message);
        Assert.Throws<ArgumentException>(() => new Activation("sigmoidal"));
    }

    [Fact]
    public void CustomActivationsCarryTheirName()
    {
        var cube = new ActivationFunction("cube", x => x.Pow(3));
        var layer = new Activation(cube);
        var x = Tensor.FromData([2, -1], [1, 2], requiresGrad: true);
        var y = layer.Call(x);
        TensorAssert.Exact(y, [1, 2], 8, -1);
        y.Backward(Tensor.Ones([1, 2]));
        TensorAssert.Exact(x.Grad!, [1, 2], 12, 3);
        Assert.Equal("cube", layer.GetConfig()["activation"]);
    }

    [Fact]
    public void TheLayerPassesGradientsThroughTheFunction()
    {
        var x = Tensor.FromData([-1, 2, 0.5f], [1, 3], requiresGrad: true);
        new Activation("relu").Call(x).Backward(Tensor.FromData([5, 6, 7], [1, 3]));
        TensorAssert.Exact(x.Grad!, [1, 3], 0, 6, 7);
        LayerChecks.GradientsMatchFiniteDifferences(new Activation("gelu"), TensorAssert.RandomArray(6, seed: 2), [2, 3]);
    }

    [Fact]
    public void TheLayerHasNoWeightsAndAKerasConfig()
    {
        var layer = new Activation("tanh", inputShape: [4]);
        Assert.Empty(layer.Weights);
        Assert.Equal([4], layer.OutputShape!);
        Assert.Equal("tanh", layer.GetConfig()["activation"]);
        Assert.Matches("^activation(_[0-9]+)?$", layer.Name);
        Assert.Throws<ArgumentNullException>(() => new Activation(null!));
    }
}
