using CourseKit.Tests.Tensors;
using static CourseKit.Preprocessing;

namespace CourseKit.Tests.Data.Preprocessing;

/// <summary>Batches: sizes like Keras's fit, every example once per epoch, and when the order changes.</summary>
[Collection(GlobalRandomCollection.Name)]
public class BatchesTests
{
    private static readonly Tensor X = Tensor.Arange(10).Reshape(10, 1) * 2f; // example i is 2i …
    private static readonly Tensor Y = Tensor.Arange(10);                      // … and its target i

    private static float[] Order(IEnumerable<(Tensor X, Tensor Y)> batches) => batches.SelectMany(b => b.Y.ToArray()).ToArray();

    [Fact]
    public void TheLastBatchHoldsTheRest()
    {
        var batches = Batches(X, Y, batchSize: 4, seed: 1).ToList();
        Assert.Equal([4, 4, 2], batches.Select(b => b.Y.Shape[0]));
        Assert.Equal([[4, 1], [4, 1], [2, 1]], batches.Select(b => b.X.Shape));
        Assert.Single(Batches(X, Y, batchSize: 32, seed: 1));
    }

    [Fact]
    public void AnEpochVisitsEveryExampleOnceWithItsTarget()
    {
        var batches = Batches(X, Y, batchSize: 3, seed: 2).ToList();
        Assert.Equal(Enumerable.Range(0, 10).Select(i => (float)i), Order(batches).Order());
        foreach (var (xb, yb) in batches)
            Assert.Equal(yb.ToArray().Select(v => 2 * v), xb.ToArray());
    }

    [Fact]
    public void WithoutShufflingTheOriginalOrderIsKept()
    {
        Assert.Equal(Enumerable.Range(0, 10).Select(i => (float)i), Order(Batches(X, Y, batchSize: 4, shuffle: false)));
    }

    [Fact]
    public void ASeedFixesTheOrderOfEveryEpoch()
    {
        var batches = Batches(X, Y, batchSize: 4, seed: 5);
        var first = Order(batches);
        Assert.Equal(first, Order(batches));                           // a second epoch: same order
        Assert.Equal(first, Order(Batches(X, Y, batchSize: 4, seed: 5)));
        Assert.NotEqual(first, Order(Batches(X, Y, batchSize: 4, seed: 6)));
        Assert.NotEqual(Enumerable.Range(0, 10).Select(i => (float)i), first); // shuffled
    }

    [Fact]
    public void WithoutASeedEachEpochHasANewOrderThatTheGlobalSeedReproduces()
    {
        Tensor.SetRandomSeed(3);
        var batches = Batches(X, Y, batchSize: 4);
        var epoch1 = Order(batches);
        var epoch2 = Order(batches);
        Assert.NotEqual(epoch1, epoch2);
        Tensor.SetRandomSeed(3);
        Assert.Equal(epoch1, Order(batches));
        Assert.Equal(epoch2, Order(batches));
    }

    [Fact]
    public void MistakesAreReportedWhenBatchesIsCalled()
    {
        // Not later, when the first batch is asked for.
        Assert.Contains("batchSize must be at least 1, got 0", Assert.Throws<ArgumentException>(() => Batches(X, Y, batchSize: 0)).Message);
        Assert.Contains("Batches: x has 10 examples", Assert.Throws<ShapeException>(() => Batches(X, Tensor.Arange(9))).Message);
    }
}
