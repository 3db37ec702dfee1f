using System.Globalization;

namespace CourseKit.Bench;

/// <summary>
/// The issue's convolutional workload trained with Fit: Conv2D(32, 3×3, relu) → MaxPool 2×2 → Conv2D(64, 3×3, relu) →
/// MaxPool 2×2 → Flatten → Dense(128, relu) → Dense(10, softmax), Adam 1e-3, sparse categorical cross-entropy, on the
/// 60,000 training images. Prints <c>cnn epoch_s=… test_acc=… peak_mb_training=… peak_mb_predict=…</c> and, with
/// <c>--layers</c>, each layer's forward and backward time on one batch.
/// </summary>
internal static class CnnBenchmark
{
    /// <summary>Images per predict call, and the batch size Predict uses: the issue's "predict 10,000 at batch 1000".</summary>
    private const int PredictBatch = 1000;

    /// <summary>Batches of the warm-up Fit, on a throwaway model (JIT, worker threads and the array pool settle).</summary>
    private const int WarmupBatches = 40;

    public static int Run(ReadOnlySpan<string> args, Func<string, int> fail)
    {
        if (FitWorkload.Start(args, fail, out var options, out var device) is int exitCode) return exitCode;

        var (xTrain, yTrain, xTest, yTest) = FitWorkload.LoadData(options.Dataset, device, [28, 28, 1]);
        int warmup = Math.Min(WarmupBatches * options.BatchSize, xTrain.Shape[0]);
        FitWorkload.TimedFit(Network(device), xTrain[0..warmup], yTrain[0..warmup], epochs: 1, options.BatchSize);

        Tensor.SetRandomSeed(options.Seed);
        var model = Network(device);
        var epochTimes = FitWorkload.TimedFit(model, xTrain, yTrain, options.Epochs, options.BatchSize);
        long trainingPeak = FitWorkload.PeakMb();

        // Predicting is its own phase: its peak restarts from what the process holds now (data, model, pools).
        bool separate = FitWorkload.ResetPeak();
        long residentBefore = FitWorkload.PeakMb();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        float[] probabilities = model.Predict(xTest, batchSize: PredictBatch).ToArray();
        double predictSeconds = clock.Elapsed.TotalSeconds;
        long predictPeak = FitWorkload.PeakMb();
        float accuracy = FitWorkload.Accuracy(probabilities, yTest.ToArray());

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"cnn epoch_s={epochTimes.Average():F2} test_acc={accuracy:F4} peak_mb_training={trainingPeak} peak_mb_predict={predictPeak} " +
            $"predict_s={predictSeconds:F2} resident_mb_before_predict={(separate ? residentBefore.ToString(CultureInfo.InvariantCulture) : "n/a")} " +
            $"dataset={options.Dataset} epochs={options.Epochs} batch_size={options.BatchSize} seed={options.Seed} " +
            $"threads={Environment.ProcessorCount} warmup_images={warmup} backend={options.Backend}"));
        Console.WriteLine($"device: {device.Description}");
        if (options.Layers) LayerProfile.Print(model, xTrain[0..options.BatchSize]);
        return 0;
    }

    /// <summary>The issue's network, compiled as the lecture compiles its models.</summary>
    private static Sequential Network(Device device)
    {
        var model = new Sequential([
            new Conv2D(32, 3, activation: "relu", inputShape: [28, 28, 1]),
            new MaxPooling2D(),
            new Conv2D(64, 3, activation: "relu"),
            new MaxPooling2D(),
            new Flatten(),
            new Dense(128, activation: "relu"),
            new Dense(10, activation: "softmax"),
        ]);
        model.To(device);
        model.Compile(new Adam(learningRate: 1e-3), "sparse_categorical_crossentropy", ["accuracy"]);
        return model;
    }
}
