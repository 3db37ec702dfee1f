namespace CourseKit;

/// <summary>
/// The steps of threshold logic units, Heaviside (0 or 1) and Sign (−1, 0 or 1): operations in the graph like any other,
/// but their derivative is 0 on both sides of the jump (and does not exist at it, where it is taken as 0, as TensorFlow
/// and PyTorch do). So the gradient that flows back through a step is 0, and a weight whose only way to the loss passes
/// through one never changes under gradient descent. Backward says so in a warning, once, naming the step and what to
/// use instead; computing with a step (a prediction, a truth table) says nothing.
/// </summary>
internal static class ThresholdSteps
{
    /// <summary>The graph names of the steps.</summary>
    public const string Heaviside = "heaviside", Sign = "sign";

    /// <summary>Records <paramref name="result"/>, the step <paramref name="op"/> of <paramref name="input"/>, with its derivative 0.</summary>
    public static Tensor Record(Tensor result, string op, Tensor input) =>
        Tensor.Record(result, op, [input], g => [Tensor.ZerosLike(g)]);

    private static bool IsStep(Tensor node) => node.Op is Heaviside or Sign;

    /// <summary>
    /// After a backward pass over <paramref name="order"/> (the graph of <paramref name="output"/> in topological order):
    /// warns, once per step, when tensors that require a gradient (the weights) are reached from the output only through
    /// steps, so that their gradient is 0.
    /// </summary>
    public static void WarnIfWeightsOnlyBehindSteps(Tensor output, List<Tensor> order)
    {
        if (!order.Exists(IsStep)) return;
        // The nodes that the output reaches on a path without a step, walking from the output back to the leaves.
        var open = new HashSet<Tensor>(ReferenceEqualityComparer.Instance) { output };
        for (int i = order.Count - 1; i >= 0; i--)
            if (open.Contains(order[i]) && !IsStep(order[i]))
                open.UnionWith(order[i].Inputs);
        var stuck = order.Where(n => n.IsLeaf && n.RequiresGrad && !open.Contains(n)).ToList();
        if (stuck.Count == 0) return;
        var steps = order.Where(IsStep).Select(n => n.Op!).Distinct().Order().ToList();
        Warnings.WriteOnce("threshold-step:" + string.Join(",", steps), Explain(steps, stuck));
    }

    /// <summary>The warning: which tensors got a gradient of 0 from which steps, and what to do instead.</summary>
    internal static string Explain(IReadOnlyList<string> steps, IReadOnlyList<Tensor> stuck)
    {
        string names = string.Join(" and ", steps);
        var shown = stuck.Take(3).Select(t => t.Name is { Length: > 0 } name ? $"\"{name}\"" : $"a tensor of shape {ShapeMath.Format(t.ShapeView)}").ToList();
        string who = string.Join(", ", shown) + (stuck.Count > shown.Count ? $" and {stuck.Count - shown.Count} more" : "");
        string smooth = string.Join(" and ", steps.Select(s => s == Heaviside ? "sigmoid for heaviside" : "tanh for sign"));
        return $"Backward: the gradient reaches {who} only through {names}, a step whose derivative is 0 on both sides of its jump, " +
               $"so {(stuck.Count == 1 ? "its" : "their")} gradient is 0 and gradient descent cannot change {(stuck.Count == 1 ? "it" : "them")}. " +
               $"To train with gradients, use a smooth activation instead ({smooth}); " +
               "to train a single threshold unit, use the perceptron learning rule: new Perceptron().Fit(x, y).";
    }
}
