using System.Text.RegularExpressions;

namespace CourseKit.Tests.Explain.LayerIndex;

/// <summary>
/// One layer numbering in every explainer that names layers, the lecture's: counted from the input, X = A⁽⁰⁾, the
/// hidden layer of a one-hidden-layer network is Z⁽¹⁾/A⁽¹⁾, its output layer Z⁽²⁾. (Explain.Backprop used to call the
/// hidden layer Z⁽²⁾ and the output Z⁽³⁾ while Explain.ForwardPass called them Z⁽¹⁾ and Z⁽²⁾.)
/// </summary>
public class LayerIndexTests
{
    private static Sequential Network()
    {
        var model = new Sequential([new Dense(3, inputShape: [2], activation: "sigmoid"), new Dense(1, activation: "sigmoid")]);
        model.SetWeights([
            Tensor.FromArray(new float[,] { { 0.2f, -0.1f, 0.4f }, { -0.4f, 0.3f, 0.1f } }), Tensor.FromArray(new float[] { 0.1f, 0f, -0.2f }),
            Tensor.FromArray(new float[,] { { 0.5f }, { -0.6f }, { 0.3f } }), Tensor.FromArray(new float[] { 0.05f })]);
        return model;
    }

    private static readonly Tensor X = Tensor.FromArray(new float[,] { { 0.3f, 0.5f }, { 0.5f, 0.1f } });

    /// <summary>Every layer superscript written in the TeX of a page, e.g. "Z^{(1)}" → ("Z", 1).</summary>
    private static HashSet<(string, int)> Superscripts(string html) =>
        [.. Regex.Matches(html, @"(\\delta|(?<![A-Za-z\\])[ZAWb])\^\{\((\d)\)\}").Select(m => (m.Groups[1].Value.Replace("\\delta", "δ"), int.Parse(m.Groups[2].Value)))];

    [Fact]
    public void Forward_pass_and_backprop_number_the_layers_alike()
    {
        var model = Network();
        var forward = Superscripts(CourseKit.Explain.ForwardPass(model, X).ToHtml());
        var backprop = Superscripts(CourseKit.Explain.Backprop(model, X, Tensor.FromArray(new float[,] { { 1 }, { 0 } })).ToHtml());

        (string, int)[] lecture = [("Z", 1), ("A", 1), ("W", 1), ("b", 1), ("Z", 2), ("W", 2), ("b", 2)];
        foreach (var name in lecture)
        {
            Assert.Contains(name, forward);
            Assert.Contains(name, backprop);
        }
        Assert.Contains(("A", 0), forward);                       // X = A⁽⁰⁾
        Assert.Contains(("δ", 2), backprop);                      // the output layer's error
        Assert.Contains(("δ", 1), backprop);                      // the hidden layer's
        Assert.DoesNotContain(forward.Concat(backprop), s => s.Item2 > 2);
    }

    [Fact]
    public void Backprop_properties_carry_the_lecture_numbers()
    {
        var model = Network();
        var e = CourseKit.Explain.Backprop(model, X, Tensor.FromArray(new float[,] { { 1 }, { 0 } }));
        var hidden = model.Layers[0].Call(X);
        Assert.Equal([2, 3], e.Z1.Shape);                       // the hidden layer: 3 units
        Assert.Equal([2, 1], e.Z2.Shape);                       // the output layer: 1 unit
        Assert.Equal(hidden.ToArray(), e.A1.ToArray());
        Assert.Equal([2, 3], e.Delta1.Shape);
        Assert.Equal([2, 1], e.Delta2.Shape);
        Assert.Contains("Step 3 of 7: the error at the output, δ⁽²⁾", e.ToHtml());
        Assert.Contains("Step 5 of 7: the error sent back to the hidden layer, δ⁽¹⁾", e.ToHtml());
    }
}
