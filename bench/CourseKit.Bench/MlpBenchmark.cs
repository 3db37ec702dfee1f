using System.Globalization;

namespace CourseKit.Bench;

/// <summary>
/// Trains the lecture MLP (Flatten → Dense 300 relu → Dense 100 relu → Dense 10 softmax, Adam 1e-3, sparse categorical
/// cross-entropy) on MNIST-style data and prints <c>mlp epoch_s=… test_acc=…</c>: the mean seconds per epoch of Fit and
/// the test accuracy after the last epoch, plus the process's peak memory.
/// </summary>
internal static class MlpBenchmark
{
    public static int Run(ReadOnlySpan<string> args, Func<string, int> fail)
    {
        if (FitWorkload.Start(args, fail, out var options, out var device) is int exitCode) return exitCode;
        int batchSize = options.BatchSize;

        var (xTrain, yTrain, xTest, yTest) = FitWorkload.LoadData(options.Dataset, device, [28, 28]);
        bool gpu = device.Backend is Backends.Gpu.GpuBackend;
        if (gpu)
        {
            // A GPU compiles its kernels (and fills its memory pool) on first use: do that outside the timed epochs.
            var warmup = LectureMlp(device);
            warmup.Fit(xTrain[0..(2 * batchSize)], yTrain[0..(2 * batchSize)], epochs: 1, batchSize: batchSize, verbose: 0);
            warmup.Evaluate(xTest[0..1000], yTest[0..1000], batchSize: 1000);
        }

        Tensor.SetRandomSeed(options.Seed);
        var model = LectureMlp(device);
        var epochTimes = FitWorkload.TimedFit(model, xTrain, yTrain, options.Epochs, batchSize);
        float accuracy = model.Evaluate(xTest, yTest, batchSize: 1000)["accuracy"];
        long peak = FitWorkload.PeakMb();
        string pool = device.Backend is Backends.Gpu.GpuBackend g
            ? $" device_mb={(g.Pool.BytesInUse + g.Pool.BytesCached) >> 20} driver_allocations={g.Pool.DriverAllocations}"
            : "";

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"mlp epoch_s={epochTimes.Average():F2} test_acc={accuracy:F4} dataset={options.Dataset} epochs={options.Epochs} batch_size={batchSize} train={xTrain.Shape[0]} seed={options.Seed} backend={options.Backend} peak_mb={peak}{pool}"));
        Console.WriteLine($"device: {device.Description}");
        if (options.Layers) LayerProfile.Print(model, xTrain[0..batchSize]);
        return 0;
    }

    /// <summary>The lecture's network, compiled as in the lecture.</summary>
    private static Sequential LectureMlp(Device device)
    {
        var model = new Sequential([
            new Flatten(inputShape: [28, 28]),
            new Dense(300, activation: "relu"),
            new Dense(100, activation: "relu"),
            new Dense(10, activation: "softmax"),
        ]);
        model.To(device);
        model.Compile(new Adam(learningRate: 1e-3), "sparse_categorical_crossentropy", ["accuracy"]);
        return model;
    }
}
