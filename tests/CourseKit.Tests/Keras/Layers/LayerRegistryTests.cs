using System.Text.Json.Nodes;
using CourseKit.Tests.Tensors;

namespace CourseKit.Tests.Keras.LayerTests;

public class LayerRegistryTests
{
    public static IEnumerable<object[]> Layers() =>
    [
        [new Dense(5, activation: "relu", useBias: false, kernelInitializer: new HeNormal(seed: 3), kernelRegularizer: new L1L2(0.1f, 0.2f), name: "hidden"), new[] { 4 }],
        [new Dense(3, activation: Activations.Swish, biasInitializer: new Constant(0.5f), biasRegularizer: new L2(0.001f), inputShape: [2]), new[] { 2 }],
        [new Conv2D(4, (3, 2), strides: (2, 1), padding: "same", activation: "tanh", kernelInitializer: new RandomNormal(1, 0.5f, 7)), new[] { 6, 5, 2 }],
        [new MaxPooling2D(poolSize: 3, strides: 2, padding: "same"), new[] { 7, 7, 3 }],
        [new AveragePooling2D(poolSize: (2, 1)), new[] { 4, 4, 1 }],
        [new Flatten(inputShape: [3, 2]), new[] { 3, 2 }],
        [new Reshape([-1, 2]), new[] { 6 }],
        [new Activation("softmax"), new[] { 5 }],
        [new Dropout(0.25f, seed: 9), new[] { 5 }],
        [new BatchNormalization(axis: 1, momentum: 0.9f, epsilon: 1e-5f, center: false, gammaRegularizer: "l2",
                                movingVarianceInitializer: new VarianceScaling(2, "fan_avg", "uniform", 4)), new[] { 3, 2 }],
        [new Concatenate(axis: 1), new[] { 2, 2 }],
        [new Add(name: "residual"), new[] { 2, 2 }],
    ];

    [Theory]
    [MemberData(nameof(Layers))]
    public void ConfigRoundTripGivesTheSameLayer(Layer layer, int[] inputShape)
    {
        var copy = LayerChecks.RoundTrip(layer);
        Assert.Equal(layer.Name, copy.Name);
        bool merge = layer is Merge;
        var inputs = merge ? new[] { new Input(inputShape), new Input(inputShape) } : [new Input(inputShape)];
        Assert.Equal(layer.Call(inputs).Shape, copy.Call(inputs).Shape);
        Assert.Equal(layer.Weights.Select(v => (v.Name, v.Trainable, string.Join(",", v.Shape))), copy.Weights.Select(v => (v.Name, v.Trainable, string.Join(",", v.Shape))));
        Assert.Equal(layer.Weights.Select(v => v.Regularizer?.GetConfig().Count), copy.Weights.Select(v => v.Regularizer?.GetConfig().Count));
        if (layer.Weights.Count > 0) copy.SetWeights(layer.GetWeights());

        var data = Enumerable.Range(0, 2).Select(i =>
            Tensor.FromData(TensorAssert.RandomArray(2 * inputShape.Aggregate(1, (p, d) => p * d), seed: 10 + i), [2, .. inputShape])).ToList();
        var expected = merge ? layer.Call(data) : layer.Call(data[0]);
        var actual = merge ? copy.Call(data) : copy.Call(data[0]);
        TensorAssert.Close(actual, expected.Shape, expected.ToArray());
    }

    [Fact]
    public void RoundTripKeepsSettingsAndTrainability()
    {
        var dense = new Dense(2, activation: "sigmoid", kernelRegularizer: new L2(0.05f), inputShape: [3]) { Trainable = false };
        var copy = LayerChecks.RoundTrip(dense);
        Assert.True(copy.Built);
        Assert.False(copy.Trainable);
        Assert.Same(Activations.Sigmoid, copy.Activation);
        Assert.Equal(0.05f, Assert.IsType<L2>(copy.KernelRegularizer).Factor);
        Assert.Equal(24 - 16, copy.CountParams());
        var dropout = LayerChecks.RoundTrip(new Dropout(0.4f, seed: 3));
        Assert.Equal((0.4f, (int?)3), (dropout.Rate, dropout.Seed));
        var seeded = LayerChecks.RoundTrip(new Conv2D(2, 3, kernelInitializer: new GlorotUniform(seed: 5)));
        Assert.Equal(5, Assert.IsType<GlorotUniform>(seeded.KernelInitializer).Seed);
    }

    [Fact]
    public void ReadsConfigsAsKerasWritesThem()
    {
        // The shape of a Keras 3 Dense config: extra keys with default values, serialised objects with "module".
        var config = JsonNode.Parse("""
            {"name": "dense_7", "trainable": true, "dtype": {"module": "keras", "class_name": "DTypePolicy", "config": {"name": "float32"}},
             "units": 4, "activation": "relu", "use_bias": true,
             "kernel_initializer": {"module": "keras.initializers", "class_name": "GlorotUniform", "config": {"seed": null}, "registered_name": null},
             "bias_initializer": {"module": "keras.initializers", "class_name": "Zeros", "config": {}, "registered_name": null},
             "kernel_regularizer": {"module": "keras.regularizers", "class_name": "L2", "config": {"l2": 0.01}, "registered_name": null},
             "bias_regularizer": null, "kernel_constraint": null, "bias_constraint": null, "lora_rank": null}
            """)!.AsObject();
        var layer = Assert.IsType<Dense>(LayerRegistry.FromConfig("Dense", config));
        Assert.Equal("dense_7", layer.Name);
        Assert.Equal(4, layer.Units);
        Assert.IsType<L2>(layer.KernelRegularizer);

        var conv = JsonNode.Parse("""
            {"filters": 2, "kernel_size": 3, "data_format": "channels_last", "dilation_rate": [1, 1], "groups": 1,
             "activation": {"module": "keras.activations", "class_name": "function", "config": "relu", "registered_name": "function"}}
            """)!.AsObject();
        var c = Assert.IsType<Conv2D>(LayerRegistry.FromConfig("Conv2D", conv));
        Assert.Equal(new Size2D(3, 3), c.KernelSize);
        Assert.Same(Activations.Relu, c.Activation);

        var input = LayerRegistry.FromConfig("InputLayer", JsonNode.Parse("""{"batch_shape": [null, 8], "name": "features", "sparse": false}""")!.AsObject());
        Assert.Equal([8], Assert.IsType<InputLayer>(input).OutputShape!);
        Assert.Equal("features", input.Name);
    }

    [Fact]
    public void ExplainsWhatItCannotLoad()
    {
        var unknown = Assert.Throws<FormatException>(() => LayerRegistry.FromConfig("LSTM", []));
        Assert.Contains("Unknown layer class \"LSTM\". Keras has \"LSTM\", but CourseKit does not. Valid names: Dense, Conv2D", unknown.Message);

        var dilated = Assert.Throws<FormatException>(() => LayerRegistry.FromConfig("Conv2D",
            JsonNode.Parse("""{"filters": 2, "kernel_size": 3, "dilation_rate": [2, 2]}""")!.AsObject()));
        Assert.Contains("Conv2D config: CourseKit does not support dilation_rate = [2,2]", dilated.Message);

        Assert.Contains("Dense config needs \"units\"", Assert.Throws<FormatException>(() => LayerRegistry.FromConfig("Dense", [])).Message);
        Assert.Contains("\"units\" should be an integer, got \"ten\"",
            Assert.Throws<FormatException>(() => LayerRegistry.FromConfig("Dense", JsonNode.Parse("""{"units": "ten"}""")!.AsObject())).Message);
        Assert.Contains("Unknown activation \"relux\"",
            Assert.Throws<FormatException>(() => LayerRegistry.FromConfig("Dense", JsonNode.Parse("""{"units": 2, "activation": "relux"}""")!.AsObject())).Message);
        Assert.Contains("Unknown initializer class \"Orthogonal\"",
            Assert.Throws<FormatException>(() => LayerRegistry.FromConfig("Dense",
                JsonNode.Parse("""{"units": 2, "kernel_initializer": {"class_name": "Orthogonal", "config": {}}}""")!.AsObject())).Message);
        Assert.Contains("units must be a positive integer",
            Assert.Throws<FormatException>(() => LayerRegistry.FromConfig("Dense", JsonNode.Parse("""{"units": 0}""")!.AsObject())).Message);
    }

    [Fact]
    public void KnowsEveryLayerType()
    {
        Assert.Equal(["Activation", "Add", "AveragePooling2D", "BatchNormalization", "Concatenate", "Conv2D", "Dense", "Dropout", "Flatten",
                      "InputLayer", "MaxPooling2D", "Reshape"], LayerRegistry.ClassNames.Order());
        Assert.Equal("MaxPooling2D", LayerRegistry.ClassName(new MaxPooling2D()));
    }
}
