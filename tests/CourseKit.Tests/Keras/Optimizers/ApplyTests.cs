using CourseKit.Tests.Tensors;
using static CourseKit.Tests.Keras.Optimizers.OptimizerTestKit;

namespace CourseKit.Tests.Keras.Optimizers;

/// <summary>What every optimizer's Apply shares: clipping, skipping frozen weights and weights without gradients, counting steps.</summary>
public class ApplyTests
{
    public static IEnumerable<object[]> AllOptimizers() => Optimizer.Names.Select(n => new object[] { n });

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void ClipnormScalesTheGradientDownToTheNorm(string device)
    {
        var w = Weight(Devices.Get(device), 0f, 0f);
        var sgd = new SGD(learningRate: 1.0, clipnorm: 1.0);
        Step(sgd, w, 3, 4); // ‖g‖ = 5, so g becomes g/5 = (0.6, 0.8)
        AssertValues(w, [-0.6, -0.8]);
        Step(sgd, w, 0.3, 0.4); // ‖g‖ = 0.5 ≤ 1: unchanged
        AssertValues(w, [-0.9, -1.2]);
    }

    [Fact]
    public void ClipnormIsPerWeight()
    {
        var big = Weight(Device.Cpu, 0f, 0f);
        var small = new Variable("b", Tensor.FromData([0f], [1]), trainable: true);
        big.Value.Grad = Tensor.FromData([6f, 8f], [2]);
        small.Value.Grad = Tensor.FromData([0.5f], [1]);
        new SGD(learningRate: 1.0, clipnorm: 2.0).Apply([big, small]);
        AssertValues(big, [-1.2, -1.6]); // (6, 8)·2/10
        AssertValues(small, [-0.5]);     // not affected by the other weight's norm
    }

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void ClipvalueLimitsEachElement(string device)
    {
        var w = Weight(Devices.Get(device), 0f, 0f, 0f);
        Step(new SGD(learningRate: 1.0, clipvalue: 0.5), w, -2, 0.3, 0.7);
        AssertValues(w, [0.5, -0.3, -0.5]);
    }

    [Fact]
    public void ClipnormAndClipvalueTogetherAreRejectedAsInKeras()
    {
        var e = Assert.Throws<ArgumentException>(() => new Adam(clipnorm: 1.0, clipvalue: 0.5));
        Assert.Contains("only one of clipnorm and clipvalue", e.Message);
    }

    [SkippableTheory]
    [MemberData(nameof(AllOptimizers))]
    public void FrozenWeightsAndWeightsWithoutGradientsAreLeftAlone(string name)
    {
        var optimizer = Optimizer.Get(name);
        var trained = Weight(Device.Cpu, 1f, 2f);
        var frozen = new Variable("frozen", Tensor.FromData([1f, 2f], [2]), trainable: false);
        var noGradient = new Variable("unused", Tensor.FromData([1f, 2f], [2]), trainable: true);
        trained.Value.Grad = Tensor.FromData([1f, -1f], [2]);
        frozen.Value.Grad = Tensor.FromData([1f, -1f], [2]);
        var frozenValue = frozen.Value;
        optimizer.Apply([trained, frozen, noGradient]);

        Assert.NotEqual([1f, 2f], trained.Value.ToArray());
        Assert.Same(frozenValue, frozen.Value);
        Assert.Equal([1f, 2f], frozen.Value.ToArray());
        Assert.Equal([1f, 2f], noGradient.Value.ToArray());
        Assert.All(optimizer.State(), s => Assert.StartsWith("w/", s.Name)); // no state for the others
        Assert.Equal(1, optimizer.Iterations);
    }

    [SkippableTheory]
    [MemberData(nameof(AllOptimizers))]
    public void TheUpdatedWeightIsAFreshLeafThatStillRequiresGradients(string name)
    {
        var optimizer = Optimizer.Get(name);
        var w = Weight(Device.Cpu, 1f, 2f);
        Step(optimizer, w, 1, 1);
        Assert.True(w.Value.IsLeaf);
        Assert.True(w.Value.RequiresGrad);
        Assert.Null(w.Grad); // the old gradient belonged to the old value
        (w.Value * 3f).Sum().Backward();
        Assert.Equal([3f, 3f], w.Grad!.ToArray());
    }

    [Fact]
    public void IterationsCountApplyCalls()
    {
        var adam = new Adam();
        var w = Weight(Device.Cpu, 1f);
        for (int i = 1; i <= 3; i++)
        {
            Step(adam, w, 0.1);
            Assert.Equal(i, adam.Iterations);
        }
    }
}
