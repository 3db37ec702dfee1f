namespace CourseKit;

/// <summary>
/// Applies an activation function as a layer of its own (Keras's <c>Activation</c>): <c>new Activation("relu")</c>.
/// The same as giving the previous layer <c>activation: "relu"</c>, but the pre-activation values stay visible as that
/// layer's output. No weights.
/// </summary>
public sealed class Activation : Layer
{
    /// <param name="activation">A name ("relu", "softmax", …) or an <see cref="Activations"/> member.</param>
    /// <param name="inputShape">The shape of one example, when this is the first layer of a model.</param>
    /// <param name="name">The layer's name; "activation", "activation_1", … by default.</param>
    public Activation(ActivationFunction activation, int[]? inputShape = null, string? name = null) : base(name, inputShape)
    {
        Function = activation ?? throw new ArgumentNullException(nameof(activation), "Activation: give an activation, e.g. new Activation(\"relu\").");
        if (inputShape is not null) EnsureBuilt([inputShape]);
    }

    /// <summary>The function applied to every element.</summary>
    public ActivationFunction Function { get; }

    protected override Tensor Forward(Tensor inputs, bool training) => Function.Apply(inputs);

    public override Dictionary<string, object?> GetConfig()
    {
        var config = base.GetConfig();
        config["activation"] = Function.Name;
        return config;
    }
}
