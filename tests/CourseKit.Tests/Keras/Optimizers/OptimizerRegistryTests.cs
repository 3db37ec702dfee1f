using System.Text.Json;
using System.Text.Json.Nodes;
using static CourseKit.Tests.Keras.Optimizers.OptimizerTestKit;

namespace CourseKit.Tests.Keras.Optimizers;

/// <summary>Optimizer.Get and the string conversion, GetConfig → JSON → FromConfig, and Keras's serialized form.</summary>
public class OptimizerRegistryTests
{
    [Theory]
    [InlineData("sgd", typeof(SGD), 0.01f)]
    [InlineData("adam", typeof(Adam), 0.001f)]
    [InlineData("Nadam", typeof(Nadam), 0.001f)]
    [InlineData("RMSprop", typeof(RMSprop), 0.001f)]
    [InlineData("Adagrad", typeof(Adagrad), 0.001f)]
    [InlineData("ADADELTA", typeof(Adadelta), 0.001f)]
    public void GetGivesKerasDefaultsWhateverTheCase(string name, Type type, float learningRate)
    {
        var optimizer = Optimizer.Get(name);
        Assert.IsType(type, optimizer);
        Assert.Equal(learningRate, optimizer.LearningRate);
        Assert.Equal(name.ToLowerInvariant(), optimizer.Name);
    }

    [Fact]
    public void AStringStandsForTheOptimizer()
    {
        Optimizer optimizer = "adam";
        Assert.IsType<Adam>(optimizer);
        Assert.IsType<RMSprop>(Take("rmsprop"));
        static Optimizer Take(Optimizer o) => o;
    }

    [Fact]
    public void GetInstancesAreIndependent() => Assert.NotSame(Optimizer.Get("adam"), Optimizer.Get("adam"));

    [Theory]
    [InlineData("adamw")]
    [InlineData("")]
    [InlineData(null)]
    public void UnknownNameListsTheKnownOnes(string? name)
    {
        var e = Assert.Throws<ArgumentException>(() => { Optimizer o = name!; });
        Assert.Contains($"Unknown optimizer \"{name}\"", e.Message);
        foreach (var known in new[] { "sgd", "adam", "nadam", "rmsprop", "adagrad", "adadelta" }) Assert.Contains(known, e.Message);
    }

    public static IEnumerable<object[]> Configured() =>
    [
        [new SGD(learningRate: 0.15, momentum: 0.9, nesterov: true)],
        [new SGD(learningRate: 0.2, clipvalue: 0.5)],
        [new Adam(learningRate: 0.002, beta1: 0.8, beta2: 0.99, epsilon: 1e-6, amsgrad: true, clipnorm: 1.5)],
        [new Adam(learningRate: new ExponentialDecay(1e-3, decaySteps: 1000, decayRate: 0.96, staircase: true))],
        [new Nadam(learningRate: 0.004, beta1: 0.85, beta2: 0.98, epsilon: 1e-6, clipnorm: 2.0)],
        [new Nadam(learningRate: new InverseTimeDecay(0.01, decaySteps: 2, decayRate: 0.5))],
        [new RMSprop(learningRate: 0.003, rho: 0.8, momentum: 0.5, epsilon: 1e-5, centered: true)],
        [new Adagrad(learningRate: 0.05, initialAccumulatorValue: 0.2, epsilon: 1e-6)],
        [new Adadelta(learningRate: 1.0, rho: 0.9, epsilon: 1e-6)],
        [new SGD(learningRate: new InverseTimeDecay(0.1, decaySteps: 5, decayRate: 0.5))],
        [new RMSprop(learningRate: new PiecewiseConstantDecay([1, 3], [0.01, 0.005, 0.001]))],
    ];

    [Theory]
    [MemberData(nameof(Configured))]
    public void ConfigRoundTripGivesTheSameOptimizer(Optimizer original)
    {
        var json = ToJson(original.GetConfig());
        var copy = Optimizer.FromConfig(JsonNode.Parse(json)!.AsObject());

        Assert.IsType(original.GetType(), copy);
        Assert.Equal(json, ToJson(copy.GetConfig()));
        Assert.Equal(original.Schedule?.GetType(), copy.Schedule?.GetType());

        // The same gradients give exactly the same weights.
        var a = Weight(Device.Cpu, 0.5f, -1f, 2f);
        var b = Copy(a);
        for (int step = 0; step < 4; step++)
        {
            double[] g = [0.3 * (step + 1), -0.2, 1.5 / (step + 1)];
            Step(original, a, g);
            Step(copy, b, g);
            Assert.Equal(a.Value.ToArray(), b.Value.ToArray());
        }
    }

    [Theory]
    [MemberData(nameof(Configured))]
    public void ConfigAndStateTogetherContinueTrainingExactly(Optimizer original)
    {
        var w = Weight(Device.Cpu, 0.5f, -1f, 2f);
        for (int step = 0; step < 3; step++) Step(original, w, 0.4, -0.9 + step, 0.1 * step);

        // What saving keeps: the config, the slots named "<variable path>/<slot>", and the step count.
        var restored = Optimizer.FromConfig(JsonNode.Parse(ToJson(original.GetConfig()))!.AsObject());
        var wRestored = Copy(w);
        restored.LoadState([wRestored], original.State().ToDictionary(s => s.Name, s => s.Value.Clone()), original.Iterations);
        Assert.Equal(original.Iterations, restored.Iterations);
        Assert.Equal(original.LearningRate, restored.LearningRate);

        Step(original, w, 1.2, 0.3, -0.7);
        Step(restored, wRestored, 1.2, 0.3, -0.7);
        Assert.Equal(w.Value.ToArray(), wRestored.Value.ToArray());
    }

    [Fact]
    public void ConfigUsesKerasKeys()
    {
        var config = new Adam(learningRate: 0.002, beta1: 0.8, clipnorm: 1.0).GetConfig();
        Assert.Equal("adam", config["name"]);
        Assert.Equal(0.002f, config["learning_rate"]);
        Assert.Equal(0.8, config["beta_1"]);
        Assert.Equal(0.999, config["beta_2"]);
        Assert.Equal(1e-7, config["epsilon"]);
        Assert.Equal(false, config["amsgrad"]);
        Assert.Equal(1.0f, config["clipnorm"]);
        Assert.False(config.ContainsKey("clipvalue"));

        var scheduled = ToJson(new SGD(learningRate: new ExponentialDecay(0.1, decaySteps: 100, decayRate: 0.9)).GetConfig());
        Assert.Contains("\"learning_rate\":{\"class_name\":\"ExponentialDecay\",\"config\":{\"initial_learning_rate\":0.1,\"decay_steps\":100,\"decay_rate\":0.9,\"staircase\":false", scheduled);
    }

    [Fact]
    public void KerasSerializedFormIsRead()
    {
        // As Keras 3 writes an optimizer into a .keras file's config.json.
        const string keras = """
            {"module": "keras.optimizers", "class_name": "Adam", "registered_name": null,
             "config": {"name": "adam", "learning_rate": 0.0020000000949949026, "weight_decay": null, "clipnorm": null,
                        "global_clipnorm": null, "clipvalue": null, "use_ema": false, "ema_momentum": 0.99,
                        "ema_overwrite_frequency": null, "loss_scale_factor": null, "gradient_accumulation_steps": null,
                        "beta_1": 0.8, "beta_2": 0.99, "epsilon": 1e-07, "amsgrad": false}}
            """;
        var adam = Assert.IsType<Adam>(Optimizer.FromConfig(JsonNode.Parse(keras)!.AsObject()));
        Assert.Equal(0.002f, adam.LearningRate);
        Assert.Equal(0.8, adam.Beta1);
        Assert.Equal(0.99, adam.Beta2);
        Assert.Null(adam.ClipNorm);

        const string schedule = """
            {"name": "SGD", "learning_rate": {"module": "keras.optimizers.schedules", "class_name": "ExponentialDecay",
             "config": {"initial_learning_rate": 0.1, "decay_steps": 1000.0, "decay_rate": 0.96, "staircase": true, "name": "ExponentialDecay"},
             "registered_name": null}}
            """;
        var sgd = Optimizer.FromConfig(JsonNode.Parse(schedule)!.AsObject());
        var decay = Assert.IsType<ExponentialDecay>(sgd.Schedule);
        Assert.Equal(1000, decay.DecaySteps);
        Assert.True(decay.Staircase);
    }

    [Fact]
    public void MissingSettingsTakeKerasDefaults()
    {
        var rmsprop = Assert.IsType<RMSprop>(Optimizer.FromConfig(new JsonObject { ["name"] = "rmsprop" }));
        Assert.Equal(ToJson(new RMSprop().GetConfig()), ToJson(rmsprop.GetConfig()));
    }

    [Fact]
    public void UnknownSettingsAreNamed()
    {
        var e = Assert.Throws<ArgumentException>(() => Optimizer.FromConfig(JsonNode.Parse("""{"name": "sgd", "nesterof": true}""")!.AsObject()));
        Assert.Contains("nesterof", e.Message);
        Assert.Contains("nesterov", e.Message); // among the known ones
    }

    [Fact]
    public void KerasFeaturesCourseKitLacksAreNotSilentlyDropped()
    {
        var e = Assert.Throws<ArgumentException>(() => Optimizer.FromConfig(JsonNode.Parse("""{"name": "adam", "weight_decay": 0.004}""")!.AsObject()));
        Assert.Contains("weight_decay", e.Message);
    }

    [Theory]
    [InlineData("""{"name": "adamw"}""", "adamw")]
    [InlineData("""{"name": "sgd", "momentum": "high"}""", "\"momentum\" should be a number")]
    [InlineData("""{"name": "adam", "learning_rate": {"class_name": "CosineDecay", "config": {}}}""", "CosineDecay")]
    [InlineData("""{"name": "sgd", "learning_rate": {"class_name": "ExponentialDecay", "config": {"decay_steps": 10, "decay_rate": 0.5}}}""", "initial_learning_rate")]
    public void BadConfigsSayWhatIsWrong(string json, string expected)
    {
        var e = Assert.Throws<ArgumentException>(() => Optimizer.FromConfig(JsonNode.Parse(json)!.AsObject()));
        Assert.Contains(expected, e.Message);
    }

    private static string ToJson(Dictionary<string, object?> config) => JsonSerializer.Serialize(config);
}
