using System.Text.Json.Nodes;

namespace CourseKit.Tests.Conformance;

public static partial class ConformanceRunner
{
    /// <summary>
    /// A whole-model training case: a Sequential stack of Dense layers with the given initial weights, compiled with the
    /// case's loss and SGD, fitted full-batch without shuffling; each epoch's reported loss and the final weights must match.
    /// </summary>
    private static void ModelCase(ConformanceCase c, Device device, string label)
    {
        var (rtol, atol) = c.Tolerances();
        var layerSpecs = (c.Json["layers"] as JsonArray ?? throw c.Fail("has no \"layers\" list.")).Select(l => l!.AsObject()).ToList();
        var x = c.Tensor("x").ToTensor(device);
        var y = c.Tensor("y").ToTensor(device);

        var model = new Sequential();
        int inputs = x.Shape[1];
        foreach (var spec in layerSpecs)
        {
            if (spec["type"]?.GetValue<string>() != "Dense") throw c.Fail($"model layer type {spec["type"]?.ToJsonString()} is not Dense.");
            model.Add(new Dense(spec["units"]!.GetValue<int>(), activation: spec["activation"]?.GetValue<string>() ?? "linear",
                                inputShape: model.Layers.Count == 0 ? [inputs] : null));
        }
        var initial = layerSpecs.SelectMany(spec => new[] { "kernel", "bias" }.Select(w =>
            JsonTensor.Parse(spec["weights"]![w]!, $"{label}: {w}").ToTensor(device))).ToList();
        model.SetWeights(initial);
        model.To(device);

        var optimizer = c.Object("optimizer");
        if (optimizer["name"]?.GetValue<string>() != "sgd") throw c.Fail($"optimizer {optimizer.ToJsonString()} is not SGD.");
        model.Compile(new SGD(learningRate: optimizer["learning_rate"]!.GetValue<double>()), c.TryString("loss")!);

        var fit = c.Object("fit");
        var history = model.Fit(x, y, epochs: fit["epochs"]!.GetValue<int>(), batchSize: fit["batch_size"]!.GetValue<int>(),
                                shuffle: fit["shuffle"]?.GetValue<bool>() ?? true, verbose: 0);

        var expectedLosses = (c.Json["expected_epoch_losses"] as JsonArray)!.Select(v => v!.GetValue<double>()).ToArray();
        var losses = history.History["loss"];
        if (losses.Count != expectedLosses.Length) throw c.Fail($"trained {losses.Count} epochs, expected {expectedLosses.Length}.");
        for (int e = 0; e < losses.Count; e++) Tolerance.AssertClose(label, $"loss of epoch {e + 1}", losses[e], expectedLosses[e], rtol, atol);

        var expectedWeights = (c.Json["expected_weights"] as JsonArray)!.Select(w => w!.AsObject()).ToList();
        for (int l = 0; l < expectedWeights.Count; l++)
        {
            var weights = model.Layers[l].Weights;
            foreach (var name in new[] { "kernel", "bias" })
                Tolerance.AssertClose(label, $"layer {l} {name} after training", weights.Single(v => v.Name == name).Value,
                                      JsonTensor.Parse(expectedWeights[l][name]!, $"{label}: expected {name}"), rtol, atol);
        }
    }
}
