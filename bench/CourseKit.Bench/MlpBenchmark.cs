using System.Diagnostics;
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
        string dataset = "fashion-mnist", backend = "cpu";
        int epochs = 1, batchSize = 128, seed = 42;
        for (int i = 0; i < args.Length; i += 2)
        {
            if (i + 1 >= args.Length) return fail($"Option {args[i]} needs a value.");
            string value = args[i + 1];
            switch (args[i])
            {
                case "--dataset" when value is "fashion-mnist" or "mnist": dataset = value; break;
                case "--dataset": return fail($"Unknown dataset '{value}'; use fashion-mnist or mnist.");
                case "--epochs" when int.TryParse(value, out int e) && e > 0: epochs = e; break;
                case "--batch-size" when int.TryParse(value, out int b) && b > 0: batchSize = b; break;
                case "--seed" when int.TryParse(value, out int s): seed = s; break;
                case "--backend": backend = value; break;
                default: return fail($"Unknown option or bad value: {args[i]} {value}.");
            }
        }

        Device device;
        try { device = Device.Parse(backend); }
        catch (ArgumentException e) { return fail(e.Message); }

        var data = dataset == "mnist" ? Datasets.Mnist.Load() : Datasets.FashionMnist.Load();
        var (xTrain, yTrain) = (Preprocessing.NormalizeImages(data.Train.X), data.Train.Y);
        var (xTest, yTest) = (Preprocessing.NormalizeImages(data.Test.X), data.Test.Y);
        int trainCount = data.Train.X.Shape[0];
        data = null; // the 0–255 copies are no longer needed
        (xTrain, yTrain, xTest, yTest) = (xTrain.To(device), yTrain.To(device), xTest.To(device), yTest.To(device));

        bool gpu = device.Backend is Backends.Gpu.GpuBackend;
        if (gpu)
        {
            // A GPU compiles its kernels (and fills its memory pool) on first use: do that outside the timed epochs.
            var warmup = LectureMlp(device);
            warmup.Fit(xTrain[0..(2 * batchSize)], yTrain[0..(2 * batchSize)], epochs: 1, batchSize: batchSize, verbose: 0);
            warmup.Evaluate(xTest[0..1000], yTest[0..1000], batchSize: 1000);
        }

        Tensor.SetRandomSeed(seed);
        var model = LectureMlp(device);

        var epochTimes = new List<double>();
        var clock = new Stopwatch();
        var timer = new LambdaCallback(onEpochBegin: _ => clock.Restart(), onEpochEnd: (_, _) => epochTimes.Add(clock.Elapsed.TotalSeconds));
        model.Fit(xTrain, yTrain, epochs: epochs, batchSize: batchSize, verbose: 0, callbacks: [timer]);
        float accuracy = model.Evaluate(xTest, yTest, batchSize: 1000)["accuracy"];
        long peak = Process.GetCurrentProcess().PeakWorkingSet64;
        string pool = device.Backend is Backends.Gpu.GpuBackend g
            ? $" device_mb={(g.Pool.BytesInUse + g.Pool.BytesCached) >> 20} driver_allocations={g.Pool.DriverAllocations}"
            : "";

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"mlp epoch_s={epochTimes.Average():F2} test_acc={accuracy:F4} dataset={dataset} epochs={epochs} batch_size={batchSize} train={trainCount} seed={seed} backend={backend} peak_mb={peak / (1 << 20)}{pool}"));
        Console.WriteLine($"device: {device.Description}");
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
