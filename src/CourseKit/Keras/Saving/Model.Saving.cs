using System.Globalization;
using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CourseKit;

public partial class Model
{
    private const string ConfigEntry = "config.json", WeightsEntry = "model.weights.safetensors", OptimizerEntry = "optimizer.safetensors";

    /// <summary>
    /// Saves everything needed to continue later or elsewhere (Keras's <c>model.save</c>): a zip file holding
    /// <c>config.json</c> (the architecture and the compile settings, readable JSON), <c>model.weights.safetensors</c> (the
    /// weights, by name) and <c>optimizer.safetensors</c> (the optimizer's state). The save is atomic: until it is complete
    /// the previous file stays untouched.
    /// </summary>
    public void Save(string path)
    {
        var config = new JsonObject
        {
            ["format"] = "coursekit-model",
            ["format_version"] = 1,
            ["model"] = ArchitectureConfig(),
        };
        if (_compiled is not null) config["compile_config"] = CompileConfig(_compiled);
        AtomicFile.Write(path, stream =>
        {
            using var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true);
            using (var entry = zip.CreateEntry(ConfigEntry).Open())
                JsonSerializer.Serialize(entry, config, new JsonSerializerOptions { WriteIndented = true });
            using (var entry = zip.CreateEntry(WeightsEntry).Open())
                SafeTensors.Write(entry, Weights.Select(v => (v.Path, v.Value)).ToList());
            if (_compiled is not null)
                using (var entry = zip.CreateEntry(OptimizerEntry).Open())
                    SafeTensors.Write(entry, _compiled.Optimizer.State().ToList(),
                        new Dictionary<string, string> { ["iterations"] = _compiled.Optimizer.Iterations.ToString(CultureInfo.InvariantCulture) });
        });
    }

    /// <summary>
    /// Loads a model saved with <see cref="Save"/>: the architecture, the weights and, if it was compiled, the optimizer
    /// with its state — so training can continue where it stopped (<c>Fit(…, initialEpoch: …)</c>).
    /// </summary>
    /// <exception cref="DataFormatException">The file is not a CourseKit model, or is damaged; the message says what is wrong.</exception>
    public static Model Load(string path, bool compile = true)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"Model.Load: there is no file '{Path.GetFullPath(path)}'.", path);
        ZipArchive zip;
        try { zip = ZipFile.OpenRead(path); }
        catch (InvalidDataException) { throw new DataFormatException(path, "is not a CourseKit model file (it is not a zip archive). Model.Save writes a zip with config.json and safetensors weights."); }
        using (zip)
        {
            var config = ReadConfig(zip, path);
            var model = FromArchitecture(config["model"] as JsonObject ?? throw new DataFormatException(path, "config.json has no \"model\" section."), path);
            var (weights, _) = ReadTensors(zip, WeightsEntry, path) ?? throw new DataFormatException(path, $"has no {WeightsEntry}.");
            model.AssignWeights(weights, path);
            if (compile && config["compile_config"] is JsonObject compileConfig)
            {
                model.CompileFrom(compileConfig, path);
                if (ReadTensors(zip, OptimizerEntry, path) is var (state, metadata))
                    model._compiled!.Optimizer.LoadState(model.TrainableWeights, state.ToDictionary(s => s.Name, s => s.Value),
                        long.Parse(metadata.GetValueOrDefault("iterations", "0"), CultureInfo.InvariantCulture));
            }
            return model;
        }
    }

    /// <summary>Saves only the weights, as one safetensors file (Keras's <c>save_weights</c>); atomic like <see cref="Save"/>.</summary>
    public void SaveWeights(string path)
    {
        if (Weights.Count == 0) throw new InvalidOperationException($"Model \"{Name}\" has no weights yet: build it (inputShape, or Fit/Predict once) before saving them.");
        AtomicFile.Write(path, stream => SafeTensors.Write(stream, Weights.Select(v => (v.Path, v.Value)).ToList()));
    }

    /// <summary>Loads weights saved with <see cref="SaveWeights"/> into this model, which must have the same architecture
    /// (the weights are matched in order; names may differ, e.g. dense_4 instead of dense, but every shape must agree).</summary>
    public void LoadWeights(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"LoadWeights: there is no file '{Path.GetFullPath(path)}'.", path);
        using var stream = File.OpenRead(path);
        AssignWeights(SafeTensors.Read(stream, path).Tensors, path);
    }

    private void AssignWeights(List<(string Name, Tensor Value)> saved, string source)
    {
        var own = Weights;
        if (own.Count == 0 && saved.Count > 0)
            throw new InvalidOperationException($"Model \"{Name}\" has no weights yet: build it (inputShape, or Predict once) before loading weights into it.");
        if (saved.Count != own.Count)
            throw new DataFormatException(source, $"holds {saved.Count} weights but model \"{Name}\" has {own.Count}; the architectures differ.");
        for (int i = 0; i < own.Count; i++)
            if (!ShapeMath.SameShape(saved[i].Value.ShapeView, own[i].Value.ShapeView))
                throw new DataFormatException(source, $"weight {i} ('{saved[i].Name}') has shape {ShapeMath.Format(saved[i].Value.ShapeView)}, " +
                                                      $"but the model's '{own[i].Path}' has shape {ShapeMath.Format(own[i].Value.ShapeView)}; the architectures differ.");
        for (int i = 0; i < own.Count; i++) own[i].Value = saved[i].Value.To(own[i].Value.Device);
    }

    /// <summary>The architecture as JSON: layer classes and configs, and for functional models how they connect.</summary>
    private JsonObject ArchitectureConfig()
    {
        if (this is Sequential) return ToJson(new Dictionary<string, object?> { ["class_name"] = "Sequential", ["config"] = GetConfig() });
        if (_graph is null)
            throw new NotSupportedException($"Model \"{Name}\" is a subclassed model ({GetType().Name}): its architecture is C# code, which a file cannot hold. " +
                                            "Save its weights with SaveWeights(path); later create the model again and call LoadWeights(path).");
        var nodes = _graph.Nodes;
        var index = new Dictionary<KerasTensor, int>(ReferenceEqualityComparer.Instance);
        for (int i = 0; i < nodes.Count; i++) index[nodes[i]] = i;
        var layers = _graph.Layers.Select(l => ToJson(LayerConfig.Of(l))).ToList();
        return new JsonObject
        {
            ["class_name"] = "Functional",
            ["config"] = new JsonObject
            {
                ["name"] = Name,
                ["layers"] = new JsonArray([.. layers]),
                ["nodes"] = new JsonArray(nodes.Select(n => (JsonNode)new JsonObject
                {
                    ["layer"] = n.Producer.Name,
                    ["inputs"] = new JsonArray(n.Parents.Select(p => (JsonNode?)index[p]).ToArray()),
                }).ToArray()),
                ["inputs"] = new JsonArray(_graph.Inputs.Select(i => (JsonNode?)index[i]).ToArray()),
                ["outputs"] = new JsonArray(_graph.Outputs.Select(o => (JsonNode?)index[o]).ToArray()),
            },
        };
    }

    private static Model FromArchitecture(JsonObject model, string source)
    {
        string className = model["class_name"]?.GetValue<string>() ?? "";
        var config = model["config"] as JsonObject ?? throw new DataFormatException(source, "the model has no config.");
        string? name = config["name"]?.GetValue<string>();
        var layerConfigs = (config["layers"] as JsonArray ?? throw new DataFormatException(source, "the model config lists no layers.")).Select(l => l!.AsObject()).ToList();
        switch (className)
        {
            case "Sequential":
                var sequential = new Sequential(name: name);
                if (config["input_shape"] is JsonArray shape) sequential.Add(new Input(shape.Select(d => d!.GetValue<int>()).ToArray()));
                foreach (var layer in layerConfigs) sequential.Add(LayerConfig.Create(layer, source));
                return sequential;
            case "Functional":
                var layers = layerConfigs.Where(l => l["class_name"]?.GetValue<string>() != nameof(InputLayer))
                                         .Select(l => LayerConfig.Create(l, source)).ToDictionary(l => l.Name);
                var inputConfigs = layerConfigs.Where(l => l["class_name"]?.GetValue<string>() == nameof(InputLayer))
                                               .ToDictionary(l => l["config"]!["name"]!.GetValue<string>());
                var nodes = new List<KerasTensor>();
                foreach (var node in config["nodes"]!.AsArray().Select(n => n!.AsObject()))
                {
                    string layerName = node["layer"]!.GetValue<string>();
                    var parents = node["inputs"]!.AsArray().Select(i => nodes[i!.GetValue<int>()]).ToArray();
                    if (inputConfigs.TryGetValue(layerName, out var input))
                    {
                        var batchShape = input["config"]!["batch_shape"]!.AsArray().Skip(1).Select(d => d!.GetValue<int>()).ToArray();
                        nodes.Add(new Input(batchShape, layerName));
                    }
                    else nodes.Add(layers.TryGetValue(layerName, out var layer) ? layer.Call(parents)
                        : throw new DataFormatException(source, $"a node uses layer '{layerName}', which the config does not define."));
                }
                return new Model(config["inputs"]!.AsArray().Select(i => nodes[i!.GetValue<int>()]).ToList(),
                                 config["outputs"]!.AsArray().Select(o => nodes[o!.GetValue<int>()]).ToList(), name);
            default:
                throw new DataFormatException(source, $"holds a model of class '{className}'; CourseKit loads Sequential and Functional models.");
        }
    }

    private static JsonObject CompileConfig(CompileSettings settings) => new()
    {
        ["optimizer"] = ToJson(new Dictionary<string, object?> { ["class_name"] = settings.Optimizer.GetType().Name, ["config"] = settings.Optimizer.GetConfig() }),
        ["loss"] = new JsonArray(settings.Losses.Select(l => (JsonNode)ToJson(new Dictionary<string, object?> { ["class_name"] = l.GetType().Name, ["config"] = l.GetConfig() })).ToArray()),
        ["loss_weights"] = new JsonArray(settings.LossWeights.Select(w => (JsonNode?)w).ToArray()),
        ["metrics"] = new JsonArray(settings.MetricNames.Select(m => (JsonNode?)m).ToArray()),
    };

    private void CompileFrom(JsonObject config, string source)
    {
        try
        {
            var optimizer = Optimizer.FromConfig(config["optimizer"]!.AsObject());
            var losses = config["loss"]!.AsArray().Select(l => Loss.FromConfig(l!.AsObject())).ToList();
            var weights = config["loss_weights"]!.AsArray().Select(w => w!.GetValue<float>()).ToList();
            var metrics = config["metrics"]!.AsArray().Select(m => Metric.Get(m!.GetValue<string>(), losses[0])).ToList();
            Compile(optimizer, losses, weights, metrics);
        }
        catch (Exception e) when (e is not DataFormatException)
        {
            throw new DataFormatException(source, $"has compile settings CourseKit cannot restore ({e.Message}); load with compile: false and call Compile yourself.", e);
        }
    }

    private static JsonObject ReadConfig(ZipArchive zip, string path)
    {
        var entry = zip.GetEntry(ConfigEntry) ?? throw new DataFormatException(path, $"is a zip archive but has no {ConfigEntry}; it was not written by Model.Save.");
        try
        {
            using var stream = entry.Open();
            var config = JsonNode.Parse(stream)?.AsObject() ?? throw new DataFormatException(path, $"{ConfigEntry} is empty.");
            if (config["format"]?.GetValue<string>() != "coursekit-model")
                throw new DataFormatException(path, $"{ConfigEntry} is not a CourseKit model config (no \"format\": \"coursekit-model\").");
            return config;
        }
        catch (JsonException e) { throw new DataFormatException(path, $"{ConfigEntry} is not valid JSON: {e.Message}", e); }
    }

    private static (List<(string Name, Tensor Value)>, Dictionary<string, string>)? ReadTensors(ZipArchive zip, string entryName, string path)
    {
        var entry = zip.GetEntry(entryName);
        if (entry is null) return null;
        using var stream = entry.Open();
        return SafeTensors.Read(stream, $"{path}:{entryName}");
    }

    internal static JsonObject ToJson(Dictionary<string, object?> config) => JsonSerializer.SerializeToNode(config)!.AsObject();
}
