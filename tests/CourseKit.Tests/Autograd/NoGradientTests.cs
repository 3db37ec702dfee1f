using CourseKit.Tests.Tensors;

namespace CourseKit.Tests.Autograd;

/// <summary>Operations without a gradient (ArgMax, comparisons) are named when Backward finds nothing to
/// differentiate, instead of blaming a missing requiresGrad. (The steps Sign and Heaviside have the derivative 0 instead:
/// see ThresholdStepTests.)</summary>
public class NoGradientTests
{
    private static Tensor W() => Tensor.FromArray(new float[,] { { 0.2f, -1.5f, 3f }, { 1f, 0.5f, -2f } }, requiresGrad: true);

    public static IEnumerable<object[]> Ops() =>
    [
        ["ArgMax", (Func<Tensor, Tensor>)(w => w.ArgMax(-1)), "Softmax"],
        ["ArgMin", (Func<Tensor, Tensor>)(w => w.ArgMin()), "Softmax"],
        ["Greater", (Func<Tensor, Tensor>)(w => w > 0.5f), "Sigmoid"],
        ["GreaterEqual", (Func<Tensor, Tensor>)(w => w >= 0.5f), "Sigmoid"],
        ["Less", (Func<Tensor, Tensor>)(w => w < 0.5f), "Sigmoid"],
        ["LessEqual", (Func<Tensor, Tensor>)(w => w <= 0.5f), "Sigmoid"],
        ["Equal", (Func<Tensor, Tensor>)(w => w.Equal(1f)), "Sigmoid"],
        ["NotEqual", (Func<Tensor, Tensor>)(w => w.NotEqual(1f)), "Sigmoid"],
    ];

    [Theory]
    [MemberData(nameof(Ops))]
    public void BackwardNamesTheOperationWithoutAGradient(string op, Func<Tensor, Tensor> apply, string alternative)
    {
        var w = W();
        // Later operations on the result (here a scale and a mean) keep the name of the operation that cut the graph.
        var loss = (apply(w) * 2f + 1f).Mean();
        var e = Assert.Throws<InvalidOperationException>(() => loss.Backward());
        Assert.Contains($"{op} has no gradient", e.Message);
        Assert.Contains(alternative, e.Message);
        Assert.DoesNotContain("requiresGrad: true", e.Message);
    }

    [Fact]
    public void AStepFunctionMadeWithWhereNamesItsComparison()
    {
        var e = Assert.Throws<InvalidOperationException>(() => Tensor.Where(W() > 0f, 1f, 0f).Sum().Backward());
        Assert.Contains("Greater has no gradient", e.Message);
    }

    [Fact]
    public void TheBackwardStepsExplainerNamesItToo()
    {
        var e = Assert.Throws<InvalidOperationException>(() => CourseKit.Explain.BackwardSteps((W().ArgMax(-1) * 3f).Sum()));
        Assert.StartsWith("BackwardSteps: ArgMax has no gradient", e.Message);
    }

    [Fact]
    public void DataThatNeverRequiredAGradientStillGetsTheRequiresGradAdvice()
    {
        var x = Tensor.FromArray(new float[] { 1, 2, 3 });
        var e = Assert.Throws<InvalidOperationException>(() => (x > 1f).Sum().Backward());
        Assert.Contains("requiresGrad: true", e.Message);
    }

    [Fact]
    public void AGraphWithADifferentiablePathStillWorks()
    {
        var w = W();
        var mask = w > 0f; // no gradient through the mask, but through w itself
        (w * mask).Sum().Backward();
        TensorAssert.Exact(w.Grad!, [2, 3], 1, 0, 1, 1, 1, 0);
    }

    [Fact]
    public void AResultComputedInsideNoGradSaysSo()
    {
        var w = W();
        Tensor argMax, scaled;
        using (CourseKit.Autograd.NoGrad())
        {
            argMax = w.ArgMax(-1);
            scaled = w * 2f;
        }
        foreach (var y in new[] { argMax, scaled })
        {
            var e = Assert.Throws<InvalidOperationException>(() => (y.Sum() * 3f).Backward());
            Assert.Contains("inside Autograd.NoGrad()", e.Message);
            Assert.DoesNotContain("requiresGrad: true", e.Message);
        }
    }

    [Theory]
    [InlineData("Detach")]
    [InlineData("Clone")]
    public void AResultComputedFromADetachedCopySaysSo(string op)
    {
        var w = W();
        var copy = op == "Detach" ? w.Detach() : w.Clone();
        var e = Assert.Throws<InvalidOperationException>(() => (copy * 2f).Sum().Backward());
        Assert.Contains($"computed from {op}()", e.Message);
        Assert.DoesNotContain("requiresGrad: true", e.Message);
    }

    [Fact]
    public void ADetachedCopyMadeIntoDataOnPurposeGetsTheRequiresGradAdvice()
    {
        var frozen = W().Detach();
        frozen.RequiresGrad = false;
        Assert.Contains("requiresGrad: true", Assert.Throws<InvalidOperationException>(() => (frozen * 2f).Sum().Backward()).Message);
    }
}
