namespace CourseKit.Tests.Explain.Neuron;

using Explain = CourseKit.Explain;
using static CourseKit.Tests.Explain.ForwardPass.ForwardPassTests;

public class NeuronTests
{
    [Fact]
    public void The_banknote_neuron_of_the_lecture()
    {
        var n = Explain.Neuron(new float[] { 0.3f, 0.1f }, 1f, "sigmoid", new float[] { 1f, 2.2f });
        Assert.Equal(1.52, n.Z!.Value, 5);
        Assert.Equal(0.8205, n.Output!.Value, 4);
        Assert.Equal("z = 0.3·1 + 0.1·2.2 + 1 = 1.52", n.Sum);
        Assert.Contains("sigmoid(1.52) = 0.8205", n.ToString());
        Assert.Equal(5, CountOf(n.Svg, "class=\"ck-node\""));   // x₁, x₂, Σ, f, output
        Assert.Equal(4, CountOf(n.Svg, "class=\"ck-edge\""));
        Assert.Contains("w₁ = 0.3", n.Svg);
        Assert.Contains("f(z) = 0.8205", n.Svg);
        Assert.Contains("<svg", Display.Html(n));
    }

    [Fact]
    public void A_neuron_without_inputs_is_drawn_with_symbols()
    {
        var n = Explain.Neuron(new float[] { 0.3f, 0.1f, -1f }, 0.5f, "relu");
        Assert.Null(n.Z);
        Assert.Equal("z = 0.3·x₁ + 0.1·x₂ + (−1)·x₃ + 0.5", n.Sum);
        Assert.Equal(6, CountOf(n.Svg, "class=\"ck-node\""));
        Assert.Throws<ArgumentException>(() => Explain.Neuron(new float[] { 1, 2 }, 0, x: new float[] { 1 }));
    }

    [Fact]
    public void Network_draws_a_node_per_unit_and_an_edge_per_weight()
    {
        var model = new Sequential([new Dense(3, inputShape: [2], activation: "relu"), new Dense(1, activation: "sigmoid")]);
        var d = Explain.Network(model);
        Assert.Equal(new[] { 2, 3, 1 }, d.LayerSizes);
        Assert.Equal(6, d.DrawnNodes);
        Assert.Equal(2 * 3 + 3 * 1, d.DrawnEdges);
        Assert.Equal(6, CountOf(d.Svg, "class=\"ck-node\""));
        Assert.Equal(9, CountOf(d.Svg, "class=\"ck-edge\""));
        Assert.Contains("<svg", Display.Html(d));
        Assert.Contains("2 → 3 → 1", d.ToString());
    }

    [Fact]
    public void Wide_layers_are_abbreviated()
    {
        var model = new Sequential([new Dense(32, inputShape: [784], activation: "relu"), new Dense(10, activation: "softmax")]);
        var d = Explain.Network(model);
        // 784 and 32 inputs show 8 nodes each (5, ⋮, 3); 10 outputs are all drawn.
        Assert.Equal(8 + 8 + 10, d.DrawnNodes);
        Assert.Equal(8 * 8 + 8 * 10, d.DrawnEdges);
        Assert.Contains("⋮ 776", d.Svg);
        Assert.Contains("⋮ 24", d.Svg);
    }
}
