using System.Text.Json.Nodes;
using Xunit.Sdk;

namespace CourseKit.Tests.Conformance;

public static partial class ConformanceRunner
{
    /// <summary>
    /// The same layer case through the Keras-like layer classes: the layer is made from the case's config (as a saved
    /// model would be loaded), built for the input's per-example shape, given the case's weights in Keras's order with
    /// <see cref="global::CourseKit.Layer.SetWeights"/>, called with the case's training flag, and differentiated; output,
    /// input gradient, each weight's gradient (found by its Keras name) and BatchNormalization's moving statistics are
    /// compared with the stored values.
    /// </summary>
    /// <remarks>
    /// Layers create their weights on <see cref="Device.Default"/> and SetWeights keeps a weight on its own device, so
    /// after SetWeights the weights are moved to the case's device by assigning <see cref="Variable.Value"/>, which
    /// keeps the device of the tensor it is given.
    /// </remarks>
    private static void LayerThroughKerasApi(ConformanceCase c, Device device, string label)
    {
        label += " (layer API)";
        var (rtol, atol) = c.Tolerances();
        var type = c.TryString("layer")!;

        // "type" and "training" describe the case, not the layer: the rest are Keras's constructor arguments.
        var config = (JsonObject)c.Object("config").DeepClone();
        config.Remove("type");
        bool training = config["training"] is JsonValue t && t.GetValue<bool>();
        config.Remove("training");
        var layer = global::CourseKit.LayerRegistry.FromConfig(type, config);
        Assert.Equal(type, global::CourseKit.LayerRegistry.ClassName(layer));

        var input = c.Tensor("input");
        var x = input.ToTensor(device, requiresGrad: true);
        var built = layer.Call(new Input(input.Shape[1..]));
        Assert.Equal(c.Tensor("expected_output").Shape[1..], built.Shape);

        // The case's weights, then (BatchNormalization) its moving statistics: Keras's weight order.
        var stored = c.Object("weights").Select(p => (p.Key, Node: p.Value!)).ToList();
        if (c.Json["state"] is JsonObject state)
            stored.AddRange(ConformanceSchema.BatchNormState.Select(name => (name, state[name] ?? throw c.Fail($"\"state\" lacks \"{name}\"."))));
        var expectedOrder = stored.Select(w => w.Key).ToArray();
        var actualOrder = layer.Weights.Select(v => v.Name).ToArray();
        if (!actualOrder.SequenceEqual(expectedOrder))
            throw new XunitException($"{label}: the layer's weights are [{string.Join(", ", actualOrder)}], the case gives [{string.Join(", ", expectedOrder)}] (Keras's order).");
        layer.SetWeights(stored.Select(w => JsonTensor.Parse(w.Node, $"{label}: weight \"{w.Key}\"").ToTensor(device)).ToList());
        foreach (var v in layer.Weights) v.Value = v.Value.To(device);

        var y = layer.Call(x, training);
        Check(label, "output", y, c.Tensor("expected_output"), rtol, atol, device);
        if (c.Json["expected_state"] is JsonObject)
        {
            var expected = Stored(c, "expected_state", label);
            foreach (var name in ConformanceSchema.BatchNormState)
                Check(label, $"state {name}", WeightNamed(layer, name, label).Value, expected[name], rtol, atol, device);
        }

        y.Backward(c.Tensor("upstream").ToTensor(device));
        Check(label, "input grad", GradOf(x, "input", label), c.Tensor("expected_input_grad"), rtol, atol, device);
        foreach (var (name, node) in c.Object("expected_weight_grads"))
        {
            var weight = WeightNamed(layer, name, label);
            Check(label, $"{name} grad", weight.Grad ?? throw new XunitException($"{label}: {name} has no gradient after Backward."),
                  JsonTensor.Parse(node!, $"{label}: {name} grad"), rtol, atol, device);
        }
        foreach (var v in layer.Weights.Where(v => !v.Trainable))
            if (v.Grad is not null) throw new XunitException($"{label}: the non-trainable weight {v.Name} received a gradient.");
    }

    private static Variable WeightNamed(global::CourseKit.Layer layer, string name, string label) =>
        layer.Weights.SingleOrDefault(v => v.Name == name)
        ?? throw new XunitException($"{label}: the layer has no weight named \"{name}\"; it has {string.Join(", ", layer.Weights.Select(v => v.Name))}.");
}
