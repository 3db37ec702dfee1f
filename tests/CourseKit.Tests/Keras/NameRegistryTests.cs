using System.Text.Json.Nodes;

namespace CourseKit.Tests.Keras;

/// <summary>Every registry of names (optimizers, activations, initializers, regularizers, losses, metrics, layer classes,
/// learning-rate schedules) forgives case and underscores, accepts Keras's aliases, and answers a typo with the closest
/// name.</summary>
public class NameRegistryTests
{
    public static IEnumerable<object[]> Typos() =>
    [
        ["adma", "adam", (Action<string>)(n => Optimizer.Get(n))],
        ["rmsporp", "rmsprop", (Action<string>)(n => Optimizer.Get(n))],
        ["sigmod", "sigmoid", (Action<string>)(n => ActivationFunction.Get(n))],
        ["rellu", "relu", (Action<string>)(n => ActivationFunction.Get(n))],
        ["sofmax", "softmax", (Action<string>)(n => new Tensor[] { Tensor.Zeros([2]) }[0].Activation(n))],
        ["he_normall", "he_normal", (Action<string>)(n => Initializer.Get(n))],
        ["glorot_unifrom", "glorot_uniform", (Action<string>)(n => Initializer.Get(n))],
        ["ll2", "l2", (Action<string>)(n => Regularizer.Get(n))],
        ["binary_crossentropi", "binary_crossentropy", (Action<string>)(n => Loss.Get(n))],
        ["accuracyy", "accuracy", (Action<string>)(n => Metric.Get(n))],
        ["fan_avgg", "fan_avg", (Action<string>)(n => new VarianceScaling(mode: n))],
        ["vaild", "valid", (Action<string>)(n => new Conv2D(2, 3, padding: n))],
        ["smae", "same", (Action<string>)(n => new MaxPooling2D(2, padding: n))],
        ["vaild", "valid", (Action<string>)(n => Tensor.Zeros([1, 4, 4, 1]).Conv2D(Tensor.Zeros([3, 3, 1, 1]), padding: n))],
        ["same ", "same", (Action<string>)(n => Tensor.Zeros([1, 4, 4, 1]).MaxPool2D(padding: n + "!"))],
        ["mni", "min", (Action<string>)(n => new EarlyStopping(mode: n))],
        ["maxx", "max", (Action<string>)(n => new ReduceLROnPlateau(mode: n))],
        ["atuo", "auto", (Action<string>)(n => new ModelCheckpoint("model.keras", mode: n))],
        ["val_los", "val_loss", (Action<string>)(n => new ReduceLROnPlateau(monitor: n))],
    ];

    [Theory]
    [InlineData("val_acc", "val_accuracy", "accuracy")]
    [InlineData("acc", "accuracy", "accuracy")]
    [InlineData("val_accuracy", "val_acc", "acc")]
    [InlineData("val_mae", "val_mean_absolute_error", "mean_absolute_error")]
    [InlineData("val_los", "val_loss", "accuracy")]
    public void AMonitoredNameThatIsNotLoggedGetsTheClosestLoggedName(string monitor, string meant, string metric)
    {
        var model = new Sequential([new Dense(2, inputShape: [2], activation: "softmax")]);
        model.Compile("adam", "mse", [metric]);
        var x = Tensor.Zeros([8, 2]);
        var e = Assert.Throws<InvalidOperationException>(() =>
            model.Fit(x, x, verbose: 0, validationSplit: 0.5f, callbacks: [new EarlyStopping(monitor: monitor)]));
        Assert.Contains($"Did you mean \"{meant}\"?", e.Message);
    }

    [Theory]
    [InlineData("MIN")]
    [InlineData("Max")]
    public void EveryCallbackForgivesTheCaseOfItsMode(string mode)
    {
        _ = new EarlyStopping(mode: mode);
        _ = new ModelCheckpoint("model.keras", mode: mode);
        _ = new ReduceLROnPlateau(mode: mode);
    }

    [Theory]
    [MemberData(nameof(Typos))]
    public void ATypoGetsTheClosestName(string typo, string meant, Action<string> get)
    {
        var e = Assert.ThrowsAny<ArgumentException>(() => get(typo));
        Assert.Contains($"Did you mean \"{meant}\"?", e.Message);
        Assert.Contains(typo, e.Message);
    }

    [Theory]
    [InlineData("Dense2", "Dense")]
    [InlineData("Flaten", "Flatten")]
    [InlineData("BatchNormalisation", "BatchNormalization")]
    public void AnUnknownLayerClassInAFileGetsTheClosestName(string typo, string meant)
    {
        var e = Assert.Throws<FormatException>(() => LayerRegistry.FromConfig(typo, new JsonObject()));
        Assert.Contains($"Did you mean \"{meant}\"?", e.Message);
    }

    [Theory]
    [InlineData("MaxPool2D", typeof(MaxPooling2D))]
    [InlineData("AvgPool2D", typeof(AveragePooling2D))]
    [InlineData("flatten", typeof(Flatten))]
    public void LayerClassesKnowKerasAliases(string name, Type type) => Assert.IsType(type, LayerRegistry.FromConfig(name, new JsonObject()));

    [Theory]
    [InlineData("leakyrelu", "leaky_relu")]
    [InlineData("LeakyReLU", "leaky_relu")]
    [InlineData("leaky-relu", "leaky_relu")]
    [InlineData("swish", "silu")]
    [InlineData("Sigmoid", "sigmoid")]
    [InlineData("LogSoftmax", "log_softmax")]
    [InlineData(" relu ", "relu")]
    public void ActivationsForgiveCaseAndUnderscoresAndKnowKerasAliases(string name, string canonical)
    {
        Assert.Equal(canonical, ActivationFunction.Get(name).Name);
        Assert.Equal(ActivationFunction.Get(canonical).Apply(Tensor.FromArray(new float[] { -2, 3 })).ToArray(),
                     Tensor.FromArray(new float[] { -2, 3 }).Activation(name).ToArray());
    }

    [Theory]
    [InlineData("Adam", typeof(Adam))]
    [InlineData("RMSProp", typeof(RMSprop))]
    [InlineData("s_g_d", typeof(SGD))]
    public void OptimizersForgiveCaseAndUnderscores(string name, Type type) => Assert.IsType(type, Optimizer.Get(name));

    [Theory]
    [InlineData("zero", typeof(Zeros))]
    [InlineData("one", typeof(Ones))]
    [InlineData("normal", typeof(RandomNormal))]
    [InlineData("uniform", typeof(RandomUniform))]
    public void InitializersKnowKerasAliases(string name, Type type) => Assert.IsType(type, Initializer.Get(name));

    [Theory]
    [InlineData("adamw", "optimizer", (object)"Optimizer")]
    [InlineData("adamax", "optimizer", (object)"Optimizer")]
    [InlineData("mish", "activation", (object)"Activation")]
    [InlineData("orthogonal", "initializer", (object)"Initializer")]
    [InlineData("hinge", "loss", (object)"Loss")]
    public void AKerasNameCourseKitLacksIsSaidToBeSo(string name, string kind, object registry)
    {
        Action get = (string)registry switch
        {
            "Optimizer" => () => Optimizer.Get(name),
            "Activation" => () => ActivationFunction.Get(name),
            "Initializer" => () => Initializer.Get(name),
            _ => () => Loss.Get(name),
        };
        var e = Assert.ThrowsAny<ArgumentException>(get);
        Assert.Contains($"Unknown {kind} \"{name}\"", e.Message);
        Assert.Contains("Keras has", e.Message);
    }
}
