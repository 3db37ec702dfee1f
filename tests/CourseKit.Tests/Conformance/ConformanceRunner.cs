using System.Text.Json.Nodes;
using Xunit.Sdk;

namespace CourseKit.Tests.Conformance;

/// <summary>Runs one conformance case at the ops level on one device: one runner per kind, one per lecture fact.</summary>
public static partial class ConformanceRunner
{
    /// <summary>Why loss, optimizer and model cases (and the summary fact) are skipped.</summary>
    public const string NeedsModelApi = "needs the model API (Keras-like API issue)";

    /// <summary>Tolerance for lecture facts that give none.</summary>
    public static readonly (double Rtol, double Atol) FactTolerance = (1e-5, 1e-4);

    /// <summary>Checks the case can be interpreted, skips it if it needs the model API, else runs and compares it.</summary>
    public static void Run(ConformanceCase c, Device device)
    {
        var problems = ConformanceSchema.Problems(c);
        if (problems.Count > 0)
            throw new XunitException($"The harness cannot interpret {c.Label}:{Environment.NewLine}{string.Join(Environment.NewLine, problems)}");
        var erratum = KnownDataError(c);
        Skip.If(erratum is not null, erratum);

        var label = $"{c.Label} on {device.Name}";
        switch (c.Kind)
        {
            case "activation": Activation(c, device, label); break;
            case "layer":
                Layer(c, device, label);
                LayerThroughKerasApi(c, device, label);
                break;
            case "loss": LossCase(c, device, label); break;
            case "optimizer": OptimizerCase(c, device, label); break;
            case "model": ModelCase(c, device, label); break;
            case "fact": Fact(c, device, label); break;
            default: throw c.Fail($"no runner for kind \"{c.Kind}\".");
        }
    }

    /// <summary>
    /// A stored expected value known to be wrong, while it is still stored exactly so; the case is skipped (visibly, with
    /// the reason) until the file is fixed, and then runs again on its own.
    /// </summary>
    public static string? KnownDataError(ConformanceCase c)
    {
        // A·B with A = [[2,1],[0,3]], B = [[3,1,7],[8,2,4]]: entry [0, 0] is 2·3 + 1·8 = 14, stored as 11.
        if (c.File == "lectures.json" && c.Name == "matrix_product_example" &&
            c.Json["value"]?["data"] is JsonArray data && data.Select(ConformanceCase.Number).SequenceEqual([11, 4, 18, 24, 6, 12]))
            return "conformance data error: lectures.json matrix_product_example stores (A·B)[0,0] = 11, " +
                   "but 2·3 + 1·8 = 14 (the other five entries agree with A·B); fix the value in the JSON";
        return null;
    }

    // ---- activation ----

    private static void Activation(ConformanceCase c, Device device, string label)
    {
        var (rtol, atol) = c.Tolerances();
        var x = c.Tensor("input").ToTensor(device, requiresGrad: true);
        var y = x.Activation(c.TryString("activation")!);
        Check(label, "output", y, c.Tensor("expected_output"), rtol, atol, device);

        y.Backward(c.Tensor("upstream").ToTensor(device));
        Check(label, "input grad", GradOf(x, "input", label), c.Tensor("expected_input_grad"), rtol, atol, device);
    }

    // ---- layer ----

    private static void Layer(ConformanceCase c, Device device, string label)
    {
        var (rtol, atol) = c.Tolerances();
        var type = c.TryString("layer")!;
        var config = c.Object("config");
        var x = c.Tensor("input").ToTensor(device, requiresGrad: true);
        var weights = c.Object("weights").ToDictionary(
            p => p.Key, p => JsonTensor.Parse(p.Value!, $"{label}: weight \"{p.Key}\"").ToTensor(device, requiresGrad: true));
        var layer = new LayerConfig(config, label);
        Dictionary<string, Tensor>? newState = null;

        var y = type switch
        {
            "Dense" => Dense(x, weights, layer),
            "Conv2D" => Conv2D(x, weights, layer),
            "MaxPooling2D" => x.MaxPool2D(layer.Pair("pool_size", (2, 2)), layer.Pair("strides", layer.Pair("pool_size", (2, 2))), layer.String("padding", "valid")),
            "AveragePooling2D" => x.AvgPool2D(layer.Pair("pool_size", (2, 2)), layer.Pair("strides", layer.Pair("pool_size", (2, 2))), layer.String("padding", "valid")),
            "Flatten" => x.Flatten(1),
            "BatchNormalization" => BatchNormalization(x, weights, layer, Moving(c, "state", device, label), out newState),
            _ => throw c.Fail($"no runner for layer \"{type}\"."),
        };
        Check(label, "output", y, c.Tensor("expected_output"), rtol, atol, device);
        if (newState is not null)
        {
            var expected = Stored(c, "expected_state", label);
            foreach (var name in ConformanceSchema.BatchNormState)
                Check(label, $"state {name}", newState[name], expected[name], rtol, atol, device);
        }

        y.Backward(c.Tensor("upstream").ToTensor(device));
        Check(label, "input grad", GradOf(x, "input", label), c.Tensor("expected_input_grad"), rtol, atol, device);
        foreach (var (name, node) in c.Object("expected_weight_grads"))
        {
            if (!weights.TryGetValue(name, out var weight)) throw c.Fail($"expected_weight_grads names \"{name}\", which is not among the weights.");
            Check(label, $"{name} grad", GradOf(weight, name, label), JsonTensor.Parse(node!, $"{label}: {name} grad"), rtol, atol, device);
        }
    }

    /// <summary>Keras Dense: activation(x·kernel + bias), kernel (in, units).</summary>
    private static Tensor Dense(Tensor x, Dictionary<string, Tensor> weights, LayerConfig layer)
    {
        int units = layer.Int("units");
        var kernel = layer.Weight(weights, "kernel", [x.Shape[^1], units]);
        var y = x.MatMul(kernel);
        if (layer.Bool("use_bias", true)) y += layer.Weight(weights, "bias", [units]);
        return y.Activation(layer.String("activation", "linear"));
    }

    /// <summary>Keras Conv2D on NHWC: activation(conv(x, kernel) + bias), kernel (kh, kw, in, filters), bias over the last axis.</summary>
    private static Tensor Conv2D(Tensor x, Dictionary<string, Tensor> weights, LayerConfig layer)
    {
        int filters = layer.Int("filters");
        var (kh, kw) = layer.Pair("kernel_size");
        var kernel = layer.Weight(weights, "kernel", [kh, kw, x.Shape[^1], filters]);
        var y = x.Conv2D(kernel, layer.Pair("strides", (1, 1)), layer.String("padding", "valid"));
        if (layer.Bool("use_bias", true)) y += layer.Weight(weights, "bias", [filters]);
        return y.Activation(layer.String("activation", "linear"));
    }

    /// <summary>
    /// Keras BatchNormalization over the last axis: γ·(x − μ)/√(σ² + ε) + β. Training uses the batch's mean and biased
    /// variance and moves the state (moving = moving·momentum + batch·(1 − momentum)); inference uses the moving statistics.
    /// </summary>
    private static Tensor BatchNormalization(Tensor x, Dictionary<string, Tensor> weights, LayerConfig layer,
                                             Dictionary<string, Tensor> state, out Dictionary<string, Tensor> newState)
    {
        int channels = x.Shape[^1];
        float momentum = (float)layer.Double("momentum", 0.99), epsilon = (float)layer.Double("epsilon", 1e-3);
        var gamma = layer.Weight(weights, "gamma", [channels]);
        var beta = layer.Weight(weights, "beta", [channels]);
        Tensor movingMean = state["moving_mean"], movingVariance = state["moving_variance"];
        if (!layer.Bool("training", false))
        {
            newState = state;
            return gamma * (x - movingMean) / (movingVariance + epsilon).Sqrt() + beta;
        }

        var axes = Enumerable.Range(0, x.Rank - 1).ToArray();
        var mean = x.Mean(axes, keepDims: true);
        var centered = x - mean;
        var variance = (centered * centered).Mean(axes, keepDims: true); // biased, as Keras
        using (global::CourseKit.Autograd.NoGrad())
        {
            newState = new()
            {
                ["moving_mean"] = movingMean * momentum + mean.Reshape(channels) * (1 - momentum),
                ["moving_variance"] = movingVariance * momentum + variance.Reshape(channels) * (1 - momentum),
            };
        }
        return gamma * centered / (variance + epsilon).Sqrt() + beta;
    }

    private static Dictionary<string, Tensor> Moving(ConformanceCase c, string key, Device device, string label) =>
        Stored(c, key, label).ToDictionary(p => p.Key, p => p.Value.ToTensor(device));

    private static Dictionary<string, JsonTensor> Stored(ConformanceCase c, string key, string label) =>
        ConformanceSchema.BatchNormState.ToDictionary(
            name => name,
            name => JsonTensor.Parse(c.Object(key)[name] ?? throw c.Fail($"\"{key}\" lacks \"{name}\"."), $"{label}: {key}.{name}"));

    // ---- lecture facts ----

    private static void Fact(ConformanceCase c, Device device, string label)
    {
        var (rtol, atol) = c.Tolerances(FactTolerance);
        var value = c.Json["value"]!;
        switch (c.Name)
        {
            case "banknote_single_neuron_by_hand":
            {
                RequireText(c, "w1=0.3, w2=0.1, b=1.0, x=(1, 2.2)");
                var x = Tensor.FromData([1f, 2.2f], [1, 2], device);
                var w = Tensor.FromData([0.3f, 0.1f], [2, 1], device);
                var p = (x.MatMul(w) + Tensor.Scalar(1f, device)).Sigmoid();
                Tolerance.AssertClose(label, "p(fake)", p.Item(), Number(c, value), rtol, atol);
                break;
            }
            case "chain_rule_graph_(x+y)z":
            {
                RequireText(c, "f(x,y,z)=(x+y)*z at x=-2,y=5,z=-4");
                var x = Tensor.Scalar(-2f, device, requiresGrad: true);
                var y = Tensor.Scalar(5f, device, requiresGrad: true);
                var z = Tensor.Scalar(-4f, device, requiresGrad: true);
                var f = (x + y) * z;
                f.Backward();
                var expected = Numbers(c, value, 4);
                Tolerance.AssertClose(label, "f", f.Item(), expected[0], rtol, atol);
                Tolerance.AssertClose(label, "df/dx", GradOf(x, "x", label).Item(), expected[1], rtol, atol);
                Tolerance.AssertClose(label, "df/dy", GradOf(y, "y", label).Item(), expected[2], rtol, atol);
                Tolerance.AssertClose(label, "df/dz", GradOf(z, "z", label).Item(), expected[3], rtol, atol);
                break;
            }
            case "sharpen_kernel_same_padding":
            {
                RequireText(c, "zero padding 1");
                RequireText(c, "stride 1");
                var image = c.Tensor("image");
                var kernel = c.Tensor("kernel");
                var y = image.ToTensor(device).Reshape(1, image.Shape[0], image.Shape[1], 1)
                    .Conv2D(kernel.ToTensor(device).Reshape(kernel.Shape[0], kernel.Shape[1], 1, 1), (1, 1), "same");
                Check(label, "sharpened image", y.Reshape(y.Shape[1], y.Shape[2]), c.Tensor("value"), rtol, atol, device);
                break;
            }
            case "max_pool_2x2_stride2":
            {
                var input = c.Tensor("input");
                var y = input.ToTensor(device).Reshape(1, input.Shape[0], input.Shape[1], 1).MaxPool2D((2, 2), (2, 2));
                Check(label, "pooled", y.Reshape(y.Shape[1], y.Shape[2]), c.Tensor("value"), rtol, atol, device);
                break;
            }
            case "matrix_product_example":
            {
                RequireText(c, "A=[[2,1],[0,3]], B=[[3,1,7],[8,2,4]]: A.B");
                var a = Tensor.FromData([2f, 1f, 0f, 3f], [2, 2], device);
                var b = Tensor.FromData([3f, 1f, 7f, 8f, 2f, 4f], [2, 3], device);
                Check(label, "A.B", a.MatMul(b), c.Tensor("value"), rtol, atol, device);
                break;
            }
            case "summary_param_counts":
            {
                RequireText(c, "Flatten(28x28)->Dense300 relu->Dense100 relu->Dense10 softmax");
                RequireText(c, "wide&deep: Input(8), Dense30, Dense30, concat(input, hidden2), Dense1");
                var expected = Numbers(c, value, 4);
                var mlp = new Sequential([new Flatten(inputShape: [28, 28]), new Dense(300, activation: "relu"),
                                          new Dense(100, activation: "relu"), new Dense(10, activation: "softmax")]);
                var input = new Input(shape: [8]);
                var hidden2 = new Dense(30, activation: "relu").Call(new Dense(30, activation: "relu").Call(input));
                var wide = new Model(input, new Dense(1).Call(Layers.Concatenate(input, hidden2)));
                var small = new Sequential([new Dense(8, inputShape: [2]), new Dense(2)]);
                Tolerance.AssertClose(label, "MLP parameters", mlp.CountParams(), expected[0], 0, 0);
                Tolerance.AssertClose(label, "wide & deep parameters", wide.CountParams(), expected[1], 0, 0);
                Tolerance.AssertClose(label, "Dense(8, input 2) + Dense(2) parameters", small.CountParams(), expected[2], 0, 0);
                Tolerance.AssertClose(label, "Dense(500, input 784) parameters", new Dense(500, inputShape: [784]).CountParams(), expected[3], 0, 0);
                break;
            }
            default:
                throw c.Fail($"no runner for fact \"{c.Name}\".");
        }
    }

    /// <summary>The harness hard-codes the lecture's inputs; this fails if the text they were copied from changes.</summary>
    private static void RequireText(ConformanceCase c, string fragment)
    {
        var text = c.TryString("text") ?? "";
        if (!text.Replace(" ", "").Contains(fragment.Replace(" ", ""), StringComparison.Ordinal))
            throw c.Fail($"the harness hard-codes the inputs \"{fragment}\", but the text is now \"{text}\"; update the harness.");
    }

    private static double Number(ConformanceCase c, JsonNode value) =>
        ConformanceCase.Number(value) ?? throw c.Fail($"\"value\" should be a number, got {value.ToJsonString()}.");

    private static double[] Numbers(ConformanceCase c, JsonNode value, int count) =>
        value is JsonArray array && array.Count == count && array.All(v => ConformanceCase.Number(v) is not null)
            ? array.Select(v => ConformanceCase.Number(v)!.Value).ToArray()
            : throw c.Fail($"\"value\" should be an array of {count} numbers, got {value.ToJsonString()}.");

    // ---- shared ----

    private static void Check(string label, string quantity, Tensor actual, JsonTensor expected, double rtol, double atol, Device device)
    {
        if (actual.Device != device) throw new XunitException($"{label}: {quantity} is on {actual.Device}, expected {device}.");
        Tolerance.AssertClose(label, quantity, actual, expected, rtol, atol);
    }

    private static Tensor GradOf(Tensor t, string name, string label) =>
        t.Grad ?? throw new XunitException($"{label}: {name} has no gradient after Backward.");

    /// <summary>Reads a layer's Keras config, with Keras's defaults, and checks weight shapes.</summary>
    private sealed class LayerConfig(JsonObject config, string label)
    {
        public int Int(string key) => ConformanceCase.Number(config[key]) is double d && d == Math.Floor(d)
            ? (int)d : throw Fail($"config.{key} should be an integer, got {config[key]?.ToJsonString() ?? "nothing"}");

        public double Double(string key, double fallback) => config[key] is null ? fallback
            : ConformanceCase.Number(config[key]) ?? throw Fail($"config.{key} should be a number");

        public bool Bool(string key, bool fallback) => config[key] switch
        {
            null => fallback,
            JsonValue v when v.TryGetValue<bool>(out var b) => b,
            var other => throw Fail($"config.{key} should be true or false, got {other.ToJsonString()}"),
        };

        public string String(string key, string fallback) => config[key] switch
        {
            null => fallback,
            JsonValue v when v.TryGetValue<string>(out var s) => s,
            var other => throw Fail($"config.{key} should be a string, got {other.ToJsonString()}"),
        };

        /// <summary>An int n (meaning (n, n)) or a pair [h, w], as Keras accepts.</summary>
        public (int Height, int Width) Pair(string key, (int, int)? fallback = null)
        {
            var node = config[key];
            if (node is null) return fallback ?? throw Fail($"config lacks \"{key}\"");
            if (ConformanceCase.Number(node) is double n && n == Math.Floor(n)) return ((int)n, (int)n);
            if (node is JsonArray { Count: 2 } a && ConformanceCase.Number(a[0]) is double h && ConformanceCase.Number(a[1]) is double w)
                return ((int)h, (int)w);
            throw Fail($"config.{key} should be an integer or a pair, got {node.ToJsonString()}");
        }

        public Tensor Weight(Dictionary<string, Tensor> weights, string name, int[] shape)
        {
            if (!weights.TryGetValue(name, out var w)) throw Fail($"the weights lack \"{name}\"");
            if (!w.Shape.SequenceEqual(shape))
                throw Fail($"weight \"{name}\" has shape [{string.Join(", ", w.Shape)}], the layer needs [{string.Join(", ", shape)}]");
            return w;
        }

        private XunitException Fail(string message) => new($"{label}: {message}.");
    }
}
