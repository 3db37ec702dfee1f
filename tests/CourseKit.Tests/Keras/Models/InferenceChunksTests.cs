namespace CourseKit.Tests.Keras.Models;

/// <summary>Predict and Evaluate cut a large batch into forward passes that fit a memory budget, with the same numbers.</summary>
[Collection(KerasCollection.Name)]
public class InferenceChunksTests
{
    public InferenceChunksTests() => Model.ClearSession();

    /// <summary>Passes its input through and writes down how many examples each call brought.</summary>
    private sealed class CountingLayer : Layer
    {
        public List<int> Batches { get; } = [];

        protected override Tensor Forward(Tensor inputs, bool training)
        {
            Batches.Add(inputs.Shape[0]);
            return inputs;
        }
    }

    private static (Sequential Model, CountingLayer Counter) SmallCnn(Device device)
    {
        Tensor.SetRandomSeed(7);
        var counter = new CountingLayer();
        var model = new Sequential([
            counter,
            new Conv2D(8, 3, activation: "relu", inputShape: [10, 10, 1]),
            new MaxPooling2D(),
            new Flatten(),
            new Dense(16, activation: "relu"),
            new Dense(3, activation: "softmax"),
        ]);
        model.To(device);
        model.Compile(new Adam(), "sparse_categorical_crossentropy", ["accuracy"]);
        return (model, counter);
    }

    private static Tensor Images(Device device) => Tensor.RandomUniform([100, 10, 10, 1], device: device);

    public static TheoryData<string> Devices => new() { "cpu", "reference" };

    [Fact]
    public void TheFirstPassMeasuresAndTheRestFitTheBudget()
    {
        var chunks = new InferenceChunks(batchSize: 1000, budget: 64L << 20);
        Assert.Equal(32, chunks.Next(10_000));
        Assert.Equal(20, chunks.Next(20));
        chunks.Measured(rows: 32, bytes: 32 * 600_000L);            // 600 kB per example: 67,108,864 / 600,000 = 111.8
        Assert.Equal(111, chunks.Next(10_000));
        chunks.Measured(rows: 111, bytes: 111 * 10L);               // tiny examples: the caller's batch size is the limit
        Assert.Equal(1000, chunks.Next(10_000));
        chunks.Measured(rows: 1000, bytes: 1000 * (100L << 20));    // an example bigger than the budget still goes alone
        Assert.Equal(1, chunks.Next(10_000));
        Assert.Equal(7, new InferenceChunks(batchSize: 7, budget: 64L << 20).Next(100));
    }

    [Theory, MemberData(nameof(Devices))]
    public void PredictInSmallPassesGivesExactlyTheNumbersOfOnePass(string deviceName)
    {
        var device = Device.Parse(deviceName);
        var (model, counter) = SmallCnn(device);
        var x = Images(device);
        float[] whole;
        using (CourseKit.Autograd.NoGrad()) whole = model.Call(x).ToArray();
        counter.Batches.Clear();

        // One example's tensors take ~6 kB here: a 40 kB budget allows 6 per pass after the first 32.
        var chunked = model.PredictOutputs([x], batchSize: 100, memoryBudget: 40_000)[0];

        Assert.Equal([100, 3], chunked.Shape);
        Assert.Equal(whole, chunked.ToArray());
        Assert.Equal(32, counter.Batches[0]);
        Assert.True(counter.Batches.Count > 5, $"passes: {string.Join(", ", counter.Batches)}");
        Assert.All(counter.Batches.Skip(1).SkipLast(1), n => Assert.Equal(counter.Batches[1], n));
        Assert.True(counter.Batches[1] < 32);
        Assert.Equal(100, counter.Batches.Sum());
    }

    [Fact]
    public void PredictWithTheDefaultBudgetTakesWhatFitsNotTheWholeBatch()
    {
        var (model, counter) = SmallCnn(Device.Cpu);
        var x = Tensor.RandomUniform([3000, 10, 10, 1], device: Device.Cpu);
        float[] whole;
        using (CourseKit.Autograd.NoGrad()) whole = model.Call(x).ToArray();
        counter.Batches.Clear();

        var predicted = model.Predict(x, batchSize: 3000);

        Assert.Equal(whole, predicted.ToArray());
        Assert.True(counter.Batches.Count > 1, "a batch of 3000 images went through in one pass");
        Assert.Equal(3000, counter.Batches.Sum());
    }

    [Theory, MemberData(nameof(Devices))]
    public void EvaluateInSmallPassesGivesExactlyTheLossAndAccuracyOfWholeBatches(string deviceName)
    {
        var device = Device.Parse(deviceName);
        var (model, counter) = SmallCnn(device);
        var x = Images(device);
        var y = Tensor.FromArray(Enumerable.Range(0, 100).Select(i => (float)(i % 3)).ToArray()).To(device);
        var whole = model.Evaluate([x], [y], batchSize: 50, verbose: 0, memoryBudget: long.MaxValue);
        // Two examples check the targets; then the first pass measures and the rest of each batch goes at once.
        Assert.Equal([2, 32, 18, 50], counter.Batches);
        counter.Batches.Clear();

        var chunked = model.Evaluate([x], [y], batchSize: 50, verbose: 0, memoryBudget: 40_000);

        Assert.True(counter.Batches.Count > 8, $"passes: {string.Join(", ", counter.Batches)}");
        Assert.Equal(whole.Loss, chunked.Loss);
        Assert.Equal(whole["accuracy"], chunked["accuracy"]);
    }
}
