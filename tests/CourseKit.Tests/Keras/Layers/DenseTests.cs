using CourseKit.Tests.Tensors;

namespace CourseKit.Tests.Keras.LayerTests;

public class DenseTests
{
    // W = [[1, 0, −1], [2, 1, 0]], b = [0.5, −1, 0]; x = [[1, 2], [3, 4]].
    private static Dense Built(string activation = "linear")
    {
        var layer = new Dense(3, activation: activation);
        layer.Call(new Input([2]));
        layer.SetWeights([new float[,] { { 1, 0, -1 }, { 2, 1, 0 } }, new float[] { 0.5f, -1, 0 }]);
        return layer;
    }

    private static readonly float[,] X = { { 1, 2 }, { 3, 4 } };

    [Fact]
    public void ComputesInputsTimesKernelPlusBias()
    {
        // x·W = [[5, 2, −1], [11, 4, −3]]; + b.
        TensorAssert.Exact(Built().Call(X), [2, 3], 5.5f, 1, -1, 11.5f, 3, -3);
    }

    [Fact]
    public void AppliesItsActivation()
    {
        TensorAssert.Exact(Built("relu").Call(X), [2, 3], 5.5f, 1, 0, 11.5f, 3, 0);
        var sigmoid = new Dense(1, activation: Activations.Sigmoid);
        sigmoid.Call(new Input([2]));
        sigmoid.SetWeights([new float[,] { { 1 }, { -1 } }, new float[] { 0 }]);
        // σ(1 − 2) = σ(−1), σ(3 − 4) = σ(−1).
        TensorAssert.Close(sigmoid.Call(X), [2, 1], [0.26894142f, 0.26894142f]);
    }

    [Fact]
    public void StringAndObjectActivationsAreTheSame()
    {
        Assert.Same(Activations.Relu, new Dense(4, activation: "relu").Activation);
        Assert.Same(Activations.Relu, new Dense(4, activation: Activations.Relu).Activation);
        Assert.Same(Activations.Linear, new Dense(4).Activation);
    }

    [Fact]
    public void GradientsAreThoseOfTheMatrixProduct()
    {
        var layer = Built();
        var x = Tensor.FromArray(X, requiresGrad: true);
        var y = layer.Call(x);
        y.Backward(new float[,] { { 1, 0, 2 }, { 0, 1, -1 } });
        // ∂/∂W = xᵀ·g, ∂/∂b = Σ rows of g, ∂/∂x = g·Wᵀ.
        TensorAssert.Exact(layer.Kernel!.Grad!, [2, 3], 1, 3, -1, 2, 4, 0);
        TensorAssert.Exact(layer.Bias!.Grad!, [3], 1, 1, 1);
        TensorAssert.Exact(x.Grad!, [2, 2], -1, 2, 1, 1);
    }

    [Fact]
    public void GradientsThroughTheActivationMatchFiniteDifferences()
    {
        var layer = new Dense(3, activation: "tanh", kernelInitializer: new RandomNormal(stddev: 0.5f, seed: 3), biasInitializer: new Constant(0.1f));
        LayerChecks.GradientsMatchFiniteDifferences(layer, TensorAssert.RandomArray(8, seed: 5), [4, 2]);
    }

    [Fact]
    public void WeightsAreKernelThenBiasWithKerasShapes()
    {
        var layer = new Dense(3, inputShape: [5]);
        Assert.True(layer.Built);
        Assert.Equal(["kernel", "bias"], layer.Weights.Select(v => v.Name));
        Assert.Equal([5, 3], layer.Weights[0].Shape);
        Assert.Equal([3], layer.Weights[1].Shape);
        Assert.All(layer.Weights, v => Assert.True(v.Trainable));
        Assert.Equal($"{layer.Name}/kernel", layer.Kernel!.Path);

        var noBias = new Dense(3, useBias: false, inputShape: [5]);
        Assert.Equal(["kernel"], noBias.Weights.Select(v => v.Name));
        Assert.Null(noBias.Bias);
        Assert.Equal(15, noBias.CountParams());
    }

    [Fact]
    public void DefaultsAreGlorotUniformKernelAndZeroBias()
    {
        var layer = new Dense(40, inputShape: [60]);
        Assert.IsType<GlorotUniform>(layer.KernelInitializer);
        Assert.IsType<Zeros>(layer.BiasInitializer);
        float limit = MathF.Sqrt(6f / (60 + 40));
        Assert.All(layer.Kernel!.Value.ToArray(), w => Assert.InRange(w, -limit, limit));
        Assert.All(layer.Bias!.Value.ToArray(), b => Assert.Equal(0f, b));
        Assert.True(layer.Kernel.Value.ToArray().Max() > limit / 2, "the kernel should be spread over ±limit");
    }

    [Fact]
    public void InitializersAndRegularizersCanBeNamesOrObjects()
    {
        var named = new Dense(2, kernelInitializer: "he_normal", biasInitializer: "ones", kernelRegularizer: "l2", biasRegularizer: "l1");
        Assert.IsType<HeNormal>(named.KernelInitializer);
        Assert.IsType<Ones>(named.BiasInitializer);
        Assert.Equal(0.01f, Assert.IsType<L2>(named.KernelRegularizer).Factor);
        Assert.IsType<L1>(named.BiasRegularizer);

        var objects = new Dense(2, kernelInitializer: new HeUniform(seed: 1), kernelRegularizer: new L2(0.5f));
        Assert.Equal(0.5f, Assert.IsType<L2>(objects.KernelRegularizer).Factor);
        Assert.Null(objects.BiasRegularizer);
    }

    [Fact]
    public void RegularizersAddTheirPenaltyOnTheWeights()
    {
        var layer = new Dense(3, kernelRegularizer: new L2(0.5f), biasRegularizer: new L1(0.1f));
        layer.Call(new Input([2]));
        layer.SetWeights([new float[,] { { 1, 0, -1 }, { 2, 1, 0 } }, new float[] { 0.5f, -1, 0 }]);
        var penalties = layer.RegularizationLosses().Select(p => p.Item()).ToArray();
        // 0.5·(1 + 1 + 4 + 1) = 3.5; 0.1·(0.5 + 1) = 0.15.
        Assert.Equal(2, penalties.Length);
        Assert.Equal(3.5f, penalties[0], 5);
        Assert.Equal(0.15f, penalties[1], 5);
        Assert.Same(layer.KernelRegularizer, layer.Kernel!.Regularizer);
    }

    [Fact]
    public void AppliesToTheLastAxisOfInputsWithMoreAxes()
    {
        var layer = new Dense(3);
        var x = Tensor.FromData([1, 2, 3, 4, 0, 1, 1, 0, 2, 2, -1, 1], [2, 3, 2]);
        var out3 = layer.Call(new Input([3, 2]));
        Assert.Equal([3, 3], out3.Shape);
        Assert.Equal([3, 3], layer.ComputeOutputShape([3, 2]));
        Assert.Equal([2, 3, 3], layer.Call(x).Shape);
        Assert.Equal([2, 3], layer.Kernel!.Shape);
        // Each (row of 2) meets the same kernel: the same as the rows one by one.
        var flat = layer.Call(x.Reshape(6, 2)).Reshape(2, 3, 3);
        TensorAssert.Close(layer.Call(x), [2, 3, 3], flat.ToArray());
    }

    [Fact]
    public void WrongNumberOfFeaturesIsExplainedWithTheFlattenHint()
    {
        var layer = new Dense(300, inputShape: [784]);
        var e = Assert.Throws<ShapeException>(() => layer.Call(new Input([28, 28])));
        Assert.Equal($"Input 0 of layer \"{layer.Name}\" is incompatible with the layer: expected axis -1 of input shape to have value 784, " +
                     "but received input with shape (None, 28, 28). Each example has shape (28, 28), 784 numbers in all: " +
                     "add a Flatten layer before it to turn each example into a vector.", e.Message);

        var vectors = new Dense(2, inputShape: [4]);
        var e2 = Assert.Throws<ShapeException>(() => vectors.Call(Tensor.Zeros([5, 3])));
        Assert.Contains("expected axis -1 of input shape to have value 4, but received input with shape (None, 3).", e2.Message);
        Assert.DoesNotContain("Flatten", e2.Message);
    }

    [Fact]
    public void InputsWithoutAFeatureAxisAreRejected()
    {
        var e = Assert.Throws<ShapeException>(() => new Dense(2).Call(Tensor.FromData([1, 2, 3], [3])));
        Assert.Contains("expected min_ndim=2, found ndim=1", e.Message);
        Assert.Contains("x.Reshape(-1, 1)", e.Message);
    }

    [Fact]
    public void BadArgumentsAreRejected()
    {
        Assert.Contains("units must be a positive integer", Assert.Throws<ArgumentException>(() => new Dense(0)).Message);
        var e = Assert.Throws<ArgumentException>(() => new Dense(2, activation: "rectifier"));
        Assert.Contains("Unknown activation \"rectifier\"", e.Message);
        Assert.Contains("relu", e.Message);
        Assert.Throws<ArgumentException>(() => new Dense(2, kernelInitializer: "glorot"));
    }

    [Fact]
    public void GetAndSetWeightsRoundTrip()
    {
        var layer = Built();
        var weights = layer.GetWeights();
        TensorAssert.Exact(weights[0], [2, 3], 1, 0, -1, 2, 1, 0);
        TensorAssert.Exact(weights[1], [3], 0.5f, -1, 0);

        var other = new Dense(3, inputShape: [2]);
        other.SetWeights(weights);
        TensorAssert.Exact(other.Call(X), [2, 3], 5.5f, 1, -1, 11.5f, 3, -3);
        // GetWeights returns copies: changing the layer later does not change them.
        other.SetWeights([Tensor.Zeros([2, 3]), Tensor.Zeros([3])]);
        TensorAssert.Exact(weights[0], [2, 3], 1, 0, -1, 2, 1, 0);
    }

    [Fact]
    public void SetWeightsExplainsWrongCountsAndShapes()
    {
        Assert.Throws<InvalidOperationException>(() => new Dense(3).SetWeights([Tensor.Zeros([2, 3])]));
        var layer = new Dense(3, inputShape: [2]);
        var count = Assert.Throws<ArgumentException>(() => layer.SetWeights([Tensor.Zeros([2, 3])]));
        Assert.Contains("has 2 weights (kernel (2, 3), bias (3,)), but 1 were given", count.Message);
        var shape = Assert.Throws<ShapeException>(() => layer.SetWeights([Tensor.Zeros([3, 2]), Tensor.Zeros([3])]));
        Assert.Contains("weight 0 (kernel) has shape (2, 3), but the value given has shape (3, 2)", shape.Message);
    }

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void RunsOnEveryDevice(string deviceName)
    {
        var device = Devices.Get(deviceName);
        var layer = Built();
        foreach (var v in layer.Weights) v.Value = v.Value.To(device);
        var x = Tensor.FromArray(X, device, requiresGrad: true);
        var y = layer.Call(x);
        Assert.Equal(device, y.Device);
        TensorAssert.Exact(y, [2, 3], 5.5f, 1, -1, 11.5f, 3, -3);
        y.Sum().Backward();
        Assert.Equal(device, layer.Kernel!.Grad!.Device);
        TensorAssert.Exact(layer.Bias!.Grad!, [3], 2, 2, 2);
    }

    [Fact]
    public void DataOnAnotherDeviceThanTheWeightsIsExplained()
    {
        var layer = new Dense(2, inputShape: [3]);
        var weights = layer.Kernel!.Value.Device;
        var other = weights == Device.Cpu ? Device.Reference : Device.Cpu;
        var e = Assert.Throws<ArgumentException>(() => layer.Call(Tensor.Zeros([1, 3], other)));
        Assert.Contains($"the input is on {other.Name} but the layer's weights are on {weights.Name}", e.Message);
        Assert.Contains("x.To(Device.", e.Message);
    }

    [Fact]
    public void ConfigHasKerasKeys()
    {
        var config = new Dense(5, activation: "softmax", useBias: false, kernelRegularizer: new L2(0.001f), name: "out").GetConfig();
        Assert.Equal("out", config["name"]);
        Assert.Equal(5, config["units"]);
        Assert.Equal("softmax", config["activation"]);
        Assert.Equal(false, config["use_bias"]);
        var init = Assert.IsType<Dictionary<string, object?>>(config["kernel_initializer"]);
        Assert.Equal("GlorotUniform", init["class_name"]);
        Assert.Equal("Zeros", Assert.IsType<Dictionary<string, object?>>(config["bias_initializer"])["class_name"]);
        var reg = Assert.IsType<Dictionary<string, object?>>(config["kernel_regularizer"]);
        Assert.Equal("L2", reg["class_name"]);
        Assert.Equal(0.001f, Assert.IsType<Dictionary<string, object?>>(reg["config"])["l2"]);
        Assert.Null(config["bias_regularizer"]);
    }

    [Fact]
    public void NamesAreNumberedLikeKeras()
    {
        var a = new Dense(1);
        var b = new Dense(1);
        Assert.Matches("^dense(_[0-9]+)?$", a.Name);
        Assert.Matches("^dense(_[0-9]+)?$", b.Name);
        Assert.NotEqual(a.Name, b.Name);
        Assert.Equal("classifier", new Dense(1, name: "classifier").Name);
    }

    [Fact]
    public void OnImagesItWarnsThatAFlattenIsProbablyMissing()
    {
        using var warnings = Warnings.Capture();
        var model = new Sequential([new Conv2D(4, 3, inputShape: [8, 8, 1]), new Dense(10, name: "head")]);
        Assert.Equal([6, 6, 10], model.Layers[^1].OutputShape!);
        string text = warnings.Text;
        Assert.Contains("\"head\"", text);
        Assert.Contains("last axis", text);
        Assert.Contains("Flatten", text);
        Assert.Contains("(None, 6, 6, 4)", text);
    }

    [Fact]
    public void OnVectorsItDoesNotWarn()
    {
        using var warnings = Warnings.Capture();
        var model = new Sequential([new Flatten(inputShape: [8, 8, 1]), new Dense(10), new Dense(3)]);
        model.Predict(Tensor.Zeros([2, 8, 8, 1]));
        Assert.Equal("", warnings.Text);
    }
}
