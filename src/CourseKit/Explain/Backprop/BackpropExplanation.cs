using System.Text;
using CourseKit.Interactive;

namespace CourseKit;

/// <summary>
/// Backpropagation through a two-layer network, step by step with the numbers (made by <see cref="Explain.Backprop"/>).
/// Every matrix of the lecture's derivation is a property, so you can print it or test it:
/// <code>
/// Z⁽¹⁾ = X W⁽¹⁾ + b⁽¹⁾     A⁽¹⁾ = f(Z⁽¹⁾)     Z⁽²⁾ = A⁽¹⁾ W⁽²⁾ + b⁽²⁾     ŷ = f(Z⁽²⁾)     J = ½ Σ (y − ŷ)²
/// δ⁽²⁾ = −(y − ŷ) ⊙ f′(Z⁽²⁾)        ∂J/∂W⁽²⁾ = (A⁽¹⁾)ᵀ δ⁽²⁾     ∂J/∂b⁽²⁾ = Σ rows of δ⁽²⁾
/// δ⁽¹⁾ = δ⁽²⁾ (W⁽²⁾)ᵀ ⊙ f′(Z⁽¹⁾)    ∂J/∂W⁽¹⁾ = Xᵀ δ⁽¹⁾           ∂J/∂b⁽¹⁾ = Σ rows of δ⁽¹⁾
/// W ← W − η ∂J/∂W
/// </code>
/// Layers are numbered from the input as in the lecture and <see cref="Explain.ForwardPass(Model, Tensor)"/>: X = A⁽⁰⁾,
/// the hidden layer is 1, the output layer 2.
/// Each gradient is also computed by autograd (<see cref="Checks"/>); the two agree up to float rounding.
/// </summary>
[TypeFormatterSource(typeof(CourseKitFormatterSource))]   // how notebooks show it: see Interactive/
public sealed class BackpropExplanation : Explanation
{
    private BackpropExplanation() { }

    public override string Title => $"Backpropagation through {ModelName}";

    /// <summary>The model's name.</summary>
    public string ModelName { get; private init; } = "";

    /// <summary>f of the hidden layer and of the output layer: "sigmoid", "tanh", "relu" or "linear".</summary>
    public string HiddenActivation { get; private init; } = "";
    public string OutputActivation { get; private init; } = "";

    /// <summary>η, the learning rate of the update.</summary>
    public float LearningRate { get; private init; }

    /// <summary>The inputs X (examples, features) and targets y (examples, outputs).</summary>
    public Tensor X { get; private init; } = null!;
    public Tensor Y { get; private init; } = null!;

    /// <summary>The weights before the update: W⁽¹⁾ (features, hidden), b⁽¹⁾ (hidden), W⁽²⁾ (hidden, outputs), b⁽²⁾ (outputs).</summary>
    public Tensor W1 { get; private init; } = null!;
    public Tensor B1 { get; private init; } = null!;
    public Tensor W2 { get; private init; } = null!;
    public Tensor B2 { get; private init; } = null!;

    /// <summary>Forward pass: Z⁽¹⁾ = X W⁽¹⁾ + b⁽¹⁾, A⁽¹⁾ = f(Z⁽¹⁾), Z⁽²⁾ = A⁽¹⁾ W⁽²⁾ + b⁽²⁾, ŷ = f(Z⁽²⁾).</summary>
    public Tensor Z1 { get; private init; } = null!;
    public Tensor A1 { get; private init; } = null!;
    public Tensor Z2 { get; private init; } = null!;
    public Tensor YHat { get; private init; } = null!;

    /// <summary>The cost J = ½ Σ (y − ŷ)².</summary>
    public float Cost { get; private init; }

    /// <summary>Keras's mean squared error for the same predictions: 2·J / (examples · outputs).</summary>
    public float KerasMse => 2 * Cost / Y.Size;

    /// <summary>f′(Z⁽²⁾) and f′(Z⁽¹⁾): how fast each neuron's output changes with its input.</summary>
    public Tensor FPrimeZ2 { get; private init; } = null!;
    public Tensor FPrimeZ1 { get; private init; } = null!;

    /// <summary>δ⁽²⁾ = −(y − ŷ) ⊙ f′(Z⁽²⁾): the error at the output layer's inputs.</summary>
    public Tensor Delta2 { get; private init; } = null!;

    /// <summary>δ⁽¹⁾ = δ⁽²⁾ (W⁽²⁾)ᵀ ⊙ f′(Z⁽¹⁾): the error sent back to the hidden layer.</summary>
    public Tensor Delta1 { get; private init; } = null!;

    /// <summary>The gradients from the formulas: ∂J/∂W⁽²⁾ = (A⁽¹⁾)ᵀ δ⁽²⁾, ∂J/∂b⁽²⁾, ∂J/∂W⁽¹⁾ = Xᵀ δ⁽¹⁾, ∂J/∂b⁽¹⁾.</summary>
    public Tensor GradW2 { get; private init; } = null!;
    public Tensor GradB2 { get; private init; } = null!;
    public Tensor GradW1 { get; private init; } = null!;
    public Tensor GradB1 { get; private init; } = null!;

    /// <summary>The same four gradients from autograd (J computed with tensor ops on copies of the weights, then <c>Backward()</c>).</summary>
    public Tensor AutogradW1 => Checks[0].Autograd;
    public Tensor AutogradB1 => Checks[1].Autograd;
    public Tensor AutogradW2 => Checks[2].Autograd;
    public Tensor AutogradB2 => Checks[3].Autograd;

    /// <summary>Formula against autograd, for ∂J/∂W⁽¹⁾, ∂J/∂b⁽¹⁾, ∂J/∂W⁽²⁾, ∂J/∂b⁽²⁾ in that order.</summary>
    public IReadOnlyList<GradientCheck> Checks { get; private init; } = [];

    /// <summary>The largest difference between a formula's gradient and autograd's, over all four.</summary>
    public float MaxDifference => Checks.Max(c => c.MaxDifference);

    /// <summary>Whether every gradient agrees with autograd up to float rounding.</summary>
    public bool AgreesWithAutograd => Checks.All(c => c.Agrees);

    /// <summary>The weights after one gradient-descent step, W ← W − η ∂J/∂W (the model keeps its old weights).</summary>
    public Tensor NewW1 { get; private init; } = null!;
    public Tensor NewB1 { get; private init; } = null!;
    public Tensor NewW2 { get; private init; } = null!;
    public Tensor NewB2 { get; private init; } = null!;

    internal static BackpropExplanation Compute(Model model, Tensor x, Tensor y, float learningRate)
    {
        var dense = TwoDenseLayers(model);
        if (x.Rank != 2)
            throw new ArgumentException($"Explain.Backprop: X must be a matrix with one example per row, shape (examples, features); got shape {x.Shape}. " +
                                        "For a single example use x.Reshape(1, -1).", nameof(x));
        if (dense[0].Kernel is null) model.Predict(x);   // builds the layers: their weights appear on first use
        var (hidden, output) = (dense[0], dense[1]);
        int outputs = output.Units;
        if (y.Rank == 1 && outputs == 1) y = y.Reshape(-1, 1);
        if (y.Rank != 2 || y.Shape[0] != x.Shape[0] || y.Shape[1] != outputs)
            throw new ArgumentException($"Explain.Backprop: y must have shape ({x.Shape[0]}, {outputs}), one row of targets per example of X; got {y.Shape}.", nameof(y));

        var f1 = Derivative(hidden);
        var f2 = Derivative(output);
        // Plain copies: the explanation's arithmetic records no graph and leaves the model alone.
        var X = x.Clone();
        var Y = y.Clone();
        var W1 = hidden.Kernel!.Value.Clone();
        var B1 = hidden.Bias?.Value.Clone() ?? Tensor.Zeros([hidden.Units]);
        var W2 = output.Kernel!.Value.Clone();
        var B2 = output.Bias?.Value.Clone() ?? Tensor.Zeros([outputs]);

        // Forward pass.
        var Z1 = X.MatMul(W1) + B1;
        var A1 = hidden.Activation.Apply(Z1);
        var Z2 = A1.MatMul(W2) + B2;
        var YHat = output.Activation.Apply(Z2);
        float cost = 0.5f * (Y - YHat).Square().Sum().Item();

        // Backward pass: the lecture's formulas.
        var fPrimeZ2 = f2(Z2);
        var delta2 = -(Y - YHat) * fPrimeZ2;
        var gradW2 = A1.T.MatMul(delta2);
        var gradB2 = delta2.Sum(0);
        var fPrimeZ1 = f1(Z1);
        var delta1 = delta2.MatMul(W2.T) * fPrimeZ1;
        var gradW1 = X.T.MatMul(delta1);
        var gradB1 = delta1.Sum(0);

        var checks = CheckWithAutograd(hidden, output, X, Y, W1, B1, W2, B2, [gradW1, gradB1, gradW2, gradB2]);

        return new BackpropExplanation
        {
            ModelName = model.Name,
            HiddenActivation = hidden.Activation.Name,
            OutputActivation = output.Activation.Name,
            LearningRate = learningRate,
            X = X, Y = Y, W1 = W1, B1 = B1, W2 = W2, B2 = B2,
            Z1 = Z1, A1 = A1, Z2 = Z2, YHat = YHat, Cost = cost,
            FPrimeZ2 = fPrimeZ2, FPrimeZ1 = fPrimeZ1, Delta2 = delta2, Delta1 = delta1,
            GradW2 = gradW2, GradB2 = gradB2, GradW1 = gradW1, GradB1 = gradB1,
            Checks = checks,
            NewW1 = W1 - learningRate * gradW1,
            NewB1 = B1 - learningRate * gradB1,
            NewW2 = W2 - learningRate * gradW2,
            NewB2 = B2 - learningRate * gradB2,
        };
    }

    /// <summary>J computed again with tensor ops on copies of the weights that require gradients, then J.Backward().</summary>
    private static List<GradientCheck> CheckWithAutograd(Dense hidden, Dense output, Tensor x, Tensor y,
        Tensor w1, Tensor b1, Tensor w2, Tensor b2, Tensor[] formulas)
    {
        var weights = new[] { w1, b1, w2, b2 }.Select(w => Tensor.FromData(w.ToArray(), w.Shape, requiresGrad: true)).ToArray();
        var yHat = output.Activation.Apply(hidden.Activation.Apply(x.MatMul(weights[0]) + weights[1]).MatMul(weights[2]) + weights[3]);
        var j = 0.5f * (y - yHat).Square().Sum();
        j.Backward();
        string[] names = ["∂J/∂W⁽¹⁾", "∂J/∂b⁽¹⁾", "∂J/∂W⁽²⁾", "∂J/∂b⁽²⁾"];
        return [.. Enumerable.Range(0, 4).Select(i =>
            GradientCheck.Of(names[i], formulas[i], weights[i].Grad?.Detach() ?? Tensor.ZerosLike(weights[i])))];
    }

    private static Dense[] TwoDenseLayers(Model model)
    {
        var layers = model.Layers.Where(l => l is not InputLayer).ToList();
        if (layers.Count != 2 || layers.Any(l => l is not Dense))
            throw new ArgumentException(
                $"Explain.Backprop follows the lecture's network of exactly two Dense layers (hidden, then output), but \"{model.Name}\" has " +
                $"{string.Join(", ", layers.Select(l => $"{l.GetType().Name} \"{l.Name}\""))}. " +
                "Build it as new Sequential([new Dense(hidden, activation: \"sigmoid\"), new Dense(outputs, activation: \"sigmoid\")]).", nameof(model));
        return [(Dense)layers[0], (Dense)layers[1]];
    }

    /// <summary>f′ as a function of Z for the activations the lecture differentiates.</summary>
    private static Func<Tensor, Tensor> Derivative(Dense layer) => layer.Activation.Name switch
    {
        "sigmoid" => z => { var s = z.Sigmoid(); return s * (1f - s); },   // σ′(z) = σ(z)(1 − σ(z))
        "tanh" => z => { var t = z.Tanh(); return 1f - t * t; },             // tanh′(z) = 1 − tanh²(z)
        "relu" => z => z.Greater(0f),                                         // relu′(z) = 1 if z > 0, else 0
        "linear" => Tensor.OnesLike,                                          // (z)′ = 1
        var name => throw new ArgumentException(
            $"Explain.Backprop: layer \"{layer.Name}\" uses the activation \"{name}\", whose derivative f′ this explanation does not write out. " +
            "Use \"sigmoid\", \"tanh\", \"relu\" or \"linear\" (autograd still differentiates any activation: see Tensor.Backward)."),
    };

    private string F(string layer) => layer == "hidden" ? FName(HiddenActivation) : FName(OutputActivation);

    private static string FName(string activation) => activation switch
    {
        "sigmoid" => @"\sigma",
        "tanh" => @"\tanh",
        "relu" => @"\operatorname{relu}",
        _ => @"\operatorname{id}",
    };

    private static string FPrimeText(string activation) => activation switch
    {
        "sigmoid" => @"\sigma'(z) = \sigma(z)\,(1 - \sigma(z))",
        "tanh" => @"\tanh'(z) = 1 - \tanh^2(z)",
        "relu" => @"\operatorname{relu}'(z) = 1 \text{ if } z > 0 \text{, else } 0",
        _ => @"f'(z) = 1 \text{ (linear)}",
    };

    /// <summary>The steps, each a title, HTML (with LaTeX) and text.</summary>
    private List<(string Title, string Html, string Text)> Steps()
    {
        static string M(Tensor t) => StepsHtml.Matrix(t);
        static string Eq(string latex) => $"<div>$${latex}$$</div>";
        string Check(int i) => Checks[i].Agrees
            ? $"<div>✓ agrees with autograd (largest difference {Html.Escape(StepsHtml.Text(Checks[i].MaxDifference))})</div>"
            : $"<div><b>✗ differs from autograd</b> by up to {Html.Escape(StepsHtml.Text(Checks[i].MaxDifference))}; autograd: $${M(Checks[i].Autograd)}$$</div>";
        string CheckText(int i) => Checks[i].Agrees
            ? $"  ✓ agrees with autograd (max difference {StepsHtml.Text(Checks[i].MaxDifference)})"
            : $"  ✗ differs from autograd by up to {StepsHtml.Text(Checks[i].MaxDifference)}";
        static string T(string name, Tensor t) => $"{name} {t.Shape} =\n{StepsHtml.MatrixText(t)}";
        string f1 = F("hidden"), f2 = F("output");
        string eta = Tex.Number(LearningRate);

        return
        [
            ("the network, the data and the cost",
             $"<div>Inputs $X$ (one example per row), targets $y$, and the weights of the two layers (hidden: {Html.Escape(HiddenActivation)}, output: {Html.Escape(OutputActivation)}). " +
             "Layers are numbered from the input, as in the lecture and <code>Explain.ForwardPass</code>: $X = A^{(0)}$, the hidden layer is layer 1, the output layer is layer 2.</div>" +
             Eq($"X = {M(X)} \\quad y = {M(Y)}") +
             Eq($"W^{{(1)}} = {M(W1)} \\quad b^{{(1)}} = {M(B1)} \\quad W^{{(2)}} = {M(W2)} \\quad b^{{(2)}} = {M(B2)}") +
             Eq(@"J = \tfrac{1}{2} \sum (y - \hat y)^2") +
             "<div class=\"ck-dim\">The lecture's cost, summed over all examples and outputs. Keras's \"mse\" is the mean, MSE = 2J/(n·k) " +
             "for n examples and k outputs: its gradients are these times 2/(n·k).</div>",
             T("X", X) + "\n" + T("y", Y) + "\n" + T("W(1)", W1) + "\n" + T("b(1)", B1) + "\n" + T("W(2)", W2) + "\n" + T("b(2)", B2) +
             "\nJ = ½ Σ (y − ŷ)²  (Keras's MSE = 2J / (examples · outputs))"),

            ("forward pass",
             Eq($"Z^{{(1)}} = X W^{{(1)}} + b^{{(1)}} = {M(Z1)}") +
             Eq($"A^{{(1)}} = {f1}(Z^{{(1)}}) = {M(A1)}") +
             Eq($"Z^{{(2)}} = A^{{(1)}} W^{{(2)}} + b^{{(2)}} = {M(Z2)}") +
             Eq($"\\hat y = {f2}(Z^{{(2)}}) = {M(YHat)}") +
             Eq($"J = \\tfrac{{1}}{{2}} \\sum (y - \\hat y)^2 = {Tex.Number(Cost)} \\qquad \\text{{(Keras MSE: }} {Tex.Number(KerasMse)}\\text{{)}}"),
             T("Z(1) = X W(1) + b(1)", Z1) + "\n" + T("A(1) = f(Z(1))", A1) + "\n" + T("Z(2) = A(1) W(2) + b(2)", Z2) + "\n" +
             T("ŷ = f(Z(2))", YHat) + $"\nJ = {StepsHtml.Text(Cost)}  (Keras MSE {StepsHtml.Text(KerasMse)})"),

            ("the error at the output, δ⁽²⁾",
             Eq(FPrimeText(OutputActivation)) +
             Eq($"f'(Z^{{(2)}}) = {M(FPrimeZ2)}") +
             Eq($"\\delta^{{(2)}} = -(y - \\hat y) \\odot f'(Z^{{(2)}}) = {M(Delta2)}"),
             T("f′(Z(2))", FPrimeZ2) + "\n" + T("δ(2) = −(y − ŷ) ⊙ f′(Z(2))", Delta2)),

            ("gradients of the output layer",
             Eq($"\\frac{{\\partial J}}{{\\partial W^{{(2)}}}} = (A^{{(1)}})^T \\delta^{{(2)}} = {M(GradW2)}") + Check(2) +
             Eq($"\\frac{{\\partial J}}{{\\partial b^{{(2)}}}} = \\textstyle\\sum_{{\\text{{rows}}}} \\delta^{{(2)}} = {M(GradB2)}") + Check(3),
             T("∂J/∂W(2) = A(1)ᵀ δ(2)", GradW2) + "\n" + CheckText(2) + "\n" + T("∂J/∂b(2) = Σ rows of δ(2)", GradB2) + "\n" + CheckText(3)),

            ("the error sent back to the hidden layer, δ⁽¹⁾",
             Eq(FPrimeText(HiddenActivation)) +
             Eq($"f'(Z^{{(1)}}) = {M(FPrimeZ1)}") +
             Eq($"\\delta^{{(1)}} = \\delta^{{(2)}} (W^{{(2)}})^T \\odot f'(Z^{{(1)}}) = {M(Delta1)}"),
             T("f′(Z(1))", FPrimeZ1) + "\n" + T("δ(1) = δ(2) W(2)ᵀ ⊙ f′(Z(1))", Delta1)),

            ("gradients of the hidden layer",
             Eq($"\\frac{{\\partial J}}{{\\partial W^{{(1)}}}} = X^T \\delta^{{(1)}} = {M(GradW1)}") + Check(0) +
             Eq($"\\frac{{\\partial J}}{{\\partial b^{{(1)}}}} = \\textstyle\\sum_{{\\text{{rows}}}} \\delta^{{(1)}} = {M(GradB1)}") + Check(1),
             T("∂J/∂W(1) = Xᵀ δ(1)", GradW1) + "\n" + CheckText(0) + "\n" + T("∂J/∂b(1) = Σ rows of δ(1)", GradB1) + "\n" + CheckText(1)),

            ("one gradient-descent step",
             Eq($"W \\leftarrow W - \\eta \\frac{{\\partial J}}{{\\partial W}}, \\qquad \\eta = {eta}") +
             Eq($"W^{{(1)}} \\leftarrow {M(NewW1)} \\quad b^{{(1)}} \\leftarrow {M(NewB1)}") +
             Eq($"W^{{(2)}} \\leftarrow {M(NewW2)} \\quad b^{{(2)}} \\leftarrow {M(NewB2)}") +
             "<div class=\"ck-dim\">The model keeps its weights; set them with model.SetWeights([NewW1, NewB1, NewW2, NewB2]) to take the step.</div>",
             $"W ← W − η ∂J/∂W, η = {StepsHtml.Text(LearningRate)}\n" + T("new W(1)", NewW1) + "\n" + T("new b(1)", NewB1) + "\n" +
             T("new W(2)", NewW2) + "\n" + T("new b(2)", NewB2)),
        ];
    }

    public override string ToHtml()
    {
        var steps = Steps();
        string summary = AgreesWithAutograd
            ? $"J = {StepsHtml.Text(Cost)}; all four gradients ✓ agree with autograd (largest difference {StepsHtml.Text(MaxDifference)})."
            : $"J = {StepsHtml.Text(Cost)}; ✗ some gradients differ from autograd (largest difference {StepsHtml.Text(MaxDifference)}).";
        return MathHtml.Block(Html.Block("backprop",
            Html.Head(Title) + Html.Note(summary) + StepsHtml.Steps([.. steps.Select(s => (s.Title, s.Html))])));
    }

    public override string ToString()
    {
        var sb = new StringBuilder(Title).Append('\n');
        int i = 1;
        foreach (var (title, _, text) in Steps())
            sb.Append($"\nStep {i++}: {title}\n").Append(text).Append('\n');
        return sb.ToString();
    }
}
