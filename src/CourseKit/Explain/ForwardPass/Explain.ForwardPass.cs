namespace CourseKit;

/// <summary>
/// Lecture steps worked out with your own numbers. Each method returns an <see cref="Explanation"/> that shows itself in
/// a notebook and has the numbers as properties.
/// </summary>
public static partial class Explain
{
    /// <summary>
    /// The forward pass of a Sequential model of Dense layers on <paramref name="x"/> (one example per row; a single
    /// vector is one example), layer by layer: <c>Z⁽ˡ⁾ = A⁽ˡ⁻¹⁾ · W⁽ˡ⁾ + b⁽ˡ⁾</c>, then <c>A⁽ˡ⁾ = f(Z⁽ˡ⁾)</c>.
    /// Flatten, Activation and Dropout layers are passed through (Dropout does nothing outside training). Where the
    /// shapes do not fit, the last step says why instead of throwing.
    /// </summary>
    public static ForwardPassExplanation ForwardPass(Model model, Tensor x)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(x);
        if (model.Layers.OfType<Dense>().Any(d => d.Kernel is null))
        {
            try { model.Predict(x.Rank == 1 ? x.Reshape(1, -1) : x); }
            catch (Exception) { /* shapes that do not fit: the steps below say where */ }
        }
        var stages = new List<ForwardStage>();
        foreach (var layer in model.Layers)
            stages.Add(layer switch
            {
                Dense d when d.Kernel is null => new ForwardBroken(d.Name, $"layer \"{d.Name}\" has no weights yet: the input does not fit the model " +
                                                                    "(call model.Predict on data of the right shape, or give the first layer an inputShape)"),
                Dense d => new ForwardDense(d.Name, d.Kernel!.Value.Detach(), d.Bias?.Value.Detach(), d.Activation.Name, d.Activation.Apply),
                Flatten f => new ForwardPassThrough(f.Name, "Flatten", t => t.Rank <= 2 ? t : t.Reshape(t.Shape[0], -1)),
                Activation a => new ForwardPassThrough(a.Name, a.Function.Name, a.Function.Apply, a.Function.Name),
                Dropout o => new ForwardPassThrough(o.Name, "Dropout (nothing to do outside training)", t => t),
                _ => new ForwardBroken(layer.Name, $"layer \"{layer.Name}\" is a {layer.GetType().Name}; this explanation works out Dense layers " +
                                            "(with Flatten, Activation and Dropout in between) only"),
            });
        return RunForwardPass(model.Name, x, stages);
    }

    /// <summary>
    /// The forward pass through a chain of layers you build by hand: each <c>(W, b, activation)</c> computes
    /// <c>f(A · W + b)</c>, with W of shape (inputs, units) and b of length units.
    /// </summary>
    /// <example><c>Explain.ForwardPass(x, (W1, b1, "relu"), (W2, b2, "sigmoid"))</c></example>
    public static ForwardPassExplanation ForwardPass(Tensor x, params (Tensor W, Tensor b, string activation)[] layers)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(layers);
        var stages = layers.Select((l, k) =>
        {
            string act = string.IsNullOrWhiteSpace(l.activation) ? "linear" : l.activation.Trim().ToLowerInvariant();
            return (ForwardStage)new ForwardDense($"layer {k + 1}", l.W, l.b, act, t => t.Activation(act));
        }).ToList();
        return RunForwardPass("hand-built network", x, stages);
    }

    private abstract record ForwardStage(string Name);
    private sealed record ForwardDense(string Name, Tensor W, Tensor? B, string Activation, Func<Tensor, Tensor> Apply) : ForwardStage(Name);
    private sealed record ForwardPassThrough(string Name, string What, Func<Tensor, Tensor> Apply, string? Activation = null) : ForwardStage(Name);
    private sealed record ForwardBroken(string Name, string Problem) : ForwardStage(Name);

    private static ForwardPassExplanation RunForwardPass(string name, Tensor x, List<ForwardStage> stages)
    {
        var steps = new List<ForwardPassStep>();
        var pending = new List<string>();
        Tensor a = x.Rank == 1 ? x.Reshape(1, -1) : x.Detach();
        bool ok = true;
        foreach (var stage in stages)
        {
            int l = steps.Count + 1;
            string aName = "A" + ForwardPassText.Layer(l - 1);
            if (stage is ForwardPassThrough p)
            {
                var before = a.Shape;
                try { a = p.Apply(a); }
                catch (Exception e)
                {
                    var failed = new ForwardPassStep(l, p.Name, "?", null, a.Shape, null, [], null, null)
                        { Problem = $"{p.Name} ({p.What}) cannot be applied to {aName} of shape {ShapeMath.Format(a.Shape)}: {e.Message}" };
                    failed.Notes.AddRange(pending);
                    steps.Add(failed);
                    ok = false;
                    break;
                }
                var last = steps.LastOrDefault();
                if (p.Activation is not null && last is not null)
                {
                    last.Activation = last.Activation == "linear" ? p.Activation : $"{p.Activation}∘{last.Activation}";
                    last.A = ToMatrix(a);
                    last.Notes.Add($"then {p.Name} applies {p.Activation}, so A{ForwardPassText.Layer(last.Layer)} = {last.Activation}(Z{ForwardPassText.Layer(last.Layer)})");
                }
                else
                    pending.Add($"Before this layer: {p.Name} ({p.What}) turns {aName} of shape {ShapeMath.Format(before)} into {ShapeMath.Format(a.Shape)}.");
                continue;
            }
            if (stage is ForwardBroken b)
            {
                var broken = new ForwardPassStep(l, b.Name, "?", null, a.Shape, null, [], null, null) { Problem = b.Problem };
                broken.Notes.AddRange(pending);
                steps.Add(broken);
                ok = false;
                break;
            }
            var d = (ForwardDense)stage;
            var step = new ForwardPassStep(l, d.Name, d.Activation, a.Rank == 2 ? ToMatrix(a) : null, a.Shape,
                                           d.W.Rank == 2 ? ToMatrix(d.W) : null, d.W.Shape, d.B?.ToArray(), d.B?.Shape);
            step.Notes.AddRange(pending);
            pending.Clear();
            steps.Add(step);
            step.Problem = ForwardShapeProblem(l, a.Shape, d.W.Shape, d.B?.Shape);
            if (step.Problem is not null) { ok = false; break; }
            try
            {
                var z = a.MatMul(d.W);
                if (d.B is not null) z += d.B;
                step.Z = ToMatrix(z);
                a = d.Apply(z);
                step.A = ToMatrix(a);
            }
            catch (Exception e)
            {
                step.Problem = e.Message;
                step.Z = null;
                ok = false;
                break;
            }
        }
        if (pending.Count > 0 && steps.Count > 0) steps[^1].Notes.AddRange(pending.Select(n => n.Replace("Before this layer: ", "After it: ")));
        return new ForwardPassExplanation(name, steps, ok && steps.Count > 0 && a.Rank == 2 ? ToMatrix(a) : null);
    }

    /// <summary>Why Z⁽ˡ⁾ = A⁽ˡ⁻¹⁾ · W⁽ˡ⁾ + b⁽ˡ⁾ cannot be formed, or null if it can.</summary>
    private static string? ForwardShapeProblem(int l, int[] a, int[] w, int[]? b)
    {
        string A = "A" + ForwardPassText.Layer(l - 1), W = "W" + ForwardPassText.Layer(l), B = "b" + ForwardPassText.Layer(l);
        if (w.Length != 2)
            return $"{W} has shape {ShapeMath.Format(w)}, but a weight matrix needs 2 axes (inputs × units)";
        if (a.Length != 2)
            return $"{A} has shape {ShapeMath.Format(a)}, but the product needs a matrix with one example per row" +
                   (a.Length > 2 ? ": add a Flatten layer first (or reshape the input)" : "");
        if (a[1] != w[0])
            return $"{A} has {a[1]} columns but {W} has {w[0]} rows: " +
                   $"in {A} · {W} each row of {A} is multiplied with each column of {W}, so these must be equal";
        if (b is not null && (b.Length != 1 || b[0] != w[1]))
            return $"{B} has shape {ShapeMath.Format(b)} but {W} has {w[1]} columns: the bias needs one number per unit ({w[1]})";
        return null;
    }

    private static float[,] ToMatrix(Tensor t)
    {
        var s = t.Shape;
        if (s.Length == 1) return ForwardPassText.Row(t.ToArray());
        if (s.Length != 2) throw new ArgumentException($"Expected a matrix, got shape {ShapeMath.Format(s)}.");
        var data = t.ToArray();
        var m = new float[s[0], s[1]];
        for (int i = 0; i < s[0]; i++)
            for (int j = 0; j < s[1]; j++) m[i, j] = data[i * s[1] + j];
        return m;
    }
}
