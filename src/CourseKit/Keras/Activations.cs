namespace CourseKit;

/// <summary>
/// An activation function as an object with a Keras name, so that a layer can take either form, as in Keras:
/// <c>new Dense(64, activation: "relu")</c> and <c>new Dense(64, activation: Activations.Relu)</c> mean the same.
/// A string turns into one automatically (an unknown name is an error that lists the valid ones).
/// </summary>
/// <remarks>
/// For an activation of your own, give it a name and the computation: <c>new ActivationFunction("cube", x =&gt; x.Pow(3))</c>.
/// It must be built from tensor operations so that gradients flow through it.
/// </remarks>
public sealed class ActivationFunction
{
    private readonly Func<Tensor, Tensor> _apply;

    /// <summary>An activation called <paramref name="name"/> that computes <paramref name="apply"/>.</summary>
    public ActivationFunction(string name, Func<Tensor, Tensor> apply)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(apply);
        Name = name;
        _apply = apply;
    }

    /// <summary>The Keras name ("relu", "softmax", …); saved in a layer's config.</summary>
    public string Name { get; }

    /// <summary>Applies the function to every element (softmax: over the last axis).</summary>
    public Tensor Apply(Tensor x)
    {
        ArgumentNullException.ThrowIfNull(x);
        return _apply(x);
    }

    /// <summary>
    /// The activation with this Keras name: linear, relu, sigmoid, tanh, softmax, log_softmax, elu, selu, softplus,
    /// leaky_relu, silu (or swish), gelu, exponential, hard_sigmoid, and the threshold steps heaviside (or step) and sign,
    /// which Keras does not have. Case, spaces and underscores do not matter
    /// ("LeakyReLU" is leaky_relu); "" and "none" mean linear.
    /// </summary>
    /// <exception cref="ArgumentException">Unknown name; the message suggests the closest and lists the valid ones.</exception>
    public static ActivationFunction Get(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Trim() is "" || NameLookup.Key(name) == "none") return Activations.Linear;
        return NameLookup.TryFind(name, Activations.ByName.Select(kv => (kv.Key, kv.Value)), out var f) ? f
            : throw NameLookup.Unknown("activation", name, Activations.ByName.Keys, Activations.KerasOnly);
    }

    /// <summary>Lets a Keras name stand for the function: <c>activation: "relu"</c>. A null name is linear, as Keras's
    /// <c>activation=None</c>, so <c>activation: useRelu ? "relu" : null</c> works.</summary>
    public static implicit operator ActivationFunction(string? name) => name is null ? Activations.Linear : Get(name);

    public override string ToString() => Name;
}

/// <summary>
/// Keras's activation functions (<c>keras.activations</c>) as objects a layer accepts: <c>activation: Activations.Relu</c>.
/// Each one's formula and derivative are with the tensor method of the same name (<see cref="Tensor.Relu"/>, …).
/// </summary>
public static class Activations
{
    /// <summary>f(x) = x: no activation (a layer's default).</summary>
    public static ActivationFunction Linear { get; } = new("linear", x => x);

    /// <summary>max(x, 0), the usual choice for hidden layers.</summary>
    public static ActivationFunction Relu { get; } = new("relu", x => x.Relu());

    /// <summary>1 / (1 + e⁻ˣ), a number between 0 and 1: the output of a binary classifier.</summary>
    public static ActivationFunction Sigmoid { get; } = new("sigmoid", x => x.Sigmoid());

    /// <summary>tanh(x), between −1 and 1.</summary>
    public static ActivationFunction Tanh { get; } = new("tanh", x => x.Tanh());

    /// <summary>e^xᵢ / Σⱼ e^xⱼ over the last axis: probabilities of the classes, summing to 1.</summary>
    public static ActivationFunction Softmax { get; } = new("softmax", x => x.Softmax());

    /// <summary>log(softmax(x)), computed stably.</summary>
    public static ActivationFunction LogSoftmax { get; } = new("log_softmax", x => x.LogSoftmax());

    /// <summary>x for x &gt; 0, eˣ − 1 otherwise.</summary>
    public static ActivationFunction Elu { get; } = new("elu", x => x.Elu());

    /// <summary>Scaled ELU (self-normalising networks).</summary>
    public static ActivationFunction Selu { get; } = new("selu", x => x.Selu());

    /// <summary>log(1 + eˣ), a smooth ReLU.</summary>
    public static ActivationFunction Softplus { get; } = new("softplus", x => x.Softplus());

    /// <summary>x for x ≥ 0, 0.2·x otherwise (Keras's default slope).</summary>
    public static ActivationFunction LeakyRelu { get; } = new("leaky_relu", x => x.LeakyRelu());

    /// <summary>x·σ(x). Keras 3 calls it silu; <see cref="Swish"/> is the same function.</summary>
    public static ActivationFunction Silu { get; } = new("silu", x => x.Swish());

    /// <summary>x·σ(x), the same object as <see cref="Silu"/> (so its saved name is "silu", as in Keras 3).</summary>
    public static ActivationFunction Swish => Silu;

    /// <summary>x·Φ(x), Φ the standard normal CDF (exact, Keras's default).</summary>
    public static ActivationFunction Gelu { get; } = new("gelu", x => x.Gelu());

    /// <summary>eˣ.</summary>
    public static ActivationFunction Exponential { get; } = new("exponential", x => x.Exp());

    /// <summary>relu6(x + 3) / 6, a piecewise-linear sigmoid.</summary>
    public static ActivationFunction HardSigmoid { get; } = new("hard_sigmoid", x => x.HardSigmoid());

    /// <summary>
    /// The Heaviside step of a threshold logic unit: 1 for x &gt; 0, else 0 (heaviside(0) = 0, so a unit fires only when
    /// w·x + b &gt; 0, as <see cref="Perceptron"/> predicts). Keras has no step activation; "step" is another name for it.
    /// Its derivative is 0, so a layer with it cannot learn by gradient descent (training warns): train a threshold unit
    /// with <see cref="Perceptron"/>, or use <see cref="Sigmoid"/>, the smooth step.
    /// </summary>
    public static ActivationFunction Heaviside { get; } = new("heaviside", x => x.Heaviside());

    /// <summary>
    /// The sign step: −1 for x &lt; 0, 0 at 0, 1 for x &gt; 0 (as NumPy's sign). Its derivative is 0, so a layer with it
    /// cannot learn by gradient descent (training warns): use <see cref="Tanh"/>, the smooth sign.
    /// </summary>
    public static ActivationFunction Sign { get; } = new("sign", x => x.Sign());

    /// <summary>Keras 3's activations that CourseKit does not have, so that asking for one says so.</summary>
    internal static readonly string[] KerasOnly =
        ["relu6", "softsign", "mish", "hard_silu", "hard_swish", "crelu", "celu", "glu", "log_sigmoid", "hard_tanh", "sparse_plus",
         "squareplus", "tanh_shrink", "soft_shrink", "hard_shrink", "threshold", "sparse_sigmoid"];

    /// <summary>Every built-in activation by its Keras name (swish is an alias of silu, step of heaviside).</summary>
    internal static IReadOnlyDictionary<string, ActivationFunction> ByName { get; } = new Dictionary<string, ActivationFunction>
    {
        ["linear"] = Linear, ["relu"] = Relu, ["sigmoid"] = Sigmoid, ["tanh"] = Tanh, ["softmax"] = Softmax,
        ["log_softmax"] = LogSoftmax, ["elu"] = Elu, ["selu"] = Selu, ["softplus"] = Softplus, ["leaky_relu"] = LeakyRelu,
        ["silu"] = Silu, ["swish"] = Silu, ["gelu"] = Gelu, ["exponential"] = Exponential, ["hard_sigmoid"] = HardSigmoid,
        ["heaviside"] = Heaviside, ["step"] = Heaviside, ["sign"] = Sign,
    };
}
