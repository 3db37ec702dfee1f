using System.Diagnostics;
using System.Globalization;
using CourseKit;
using CourseKit.Backends;

namespace CourseKit.Bench;

/// <summary>
/// Command-line benchmarks for CourseKit's backends. See bench/README.md.
/// <code>
/// dotnet run -c Release --project bench/CourseKit.Bench -- gemm [--size N | --m M --k K --n N] [--backend cpu|reference|cuda|opencl]
/// dotnet run -c Release --project bench/CourseKit.Bench -- train [--model mlp|cnn] [--backend cpu|reference|cuda|opencl]
/// </code>
/// </summary>
public static class Program
{
    private const string Usage = """
        Usage: CourseKit.Bench gemm [options]
               CourseKit.Bench train [--model mlp|cnn] [--backend cpu|reference|cuda|opencl]
               CourseKit.Bench mlp|cnn [--dataset fashion-mnist|mnist] [--epochs N] [--batch-size B] [--seed S]
                                       [--backend NAME] [--threads N] [--layers]
               CourseKit.Bench runner-output [--cli PATH/CourseKit.Cli.dll]

        Times C = A·B for float32 matrices (A is m×k, B is k×n) through a backend and prints GFLOP/s
        (2·m·n·k floating-point operations per product, best of repeated runs).

        Options:
          --size N           square product, m = k = n = N      → gemm n=N backend=… gflops=…
          --m M --k K --n N  any shape (all three needed)        → gemm m=M k=K n=N backend=… gflops=…
          --backend NAME     cpu (default), reference, cuda, cuda:1, opencl, opencl:1, …
          (no shape)         both standard figures: 1024³ and the MNIST layer 128×784·784×300

        train times one training step (forward, loss, backward) of a lecture network on a batch of 128
        MNIST-shaped inputs and prints milliseconds per step (best of repeated runs):
          --model mlp        Flatten → Dense 300 relu → Dense 100 relu → Dense 10, softmax cross-entropy
          --model cnn        Conv 3×3×32 relu → MaxPool → Conv 3×3×64 relu → MaxPool → Dense 10
          (no model)         both

        mlp trains the lecture MLP (Flatten → Dense 300 relu → Dense 100 relu → Dense 10 softmax, Adam 1e-3,
        sparse categorical cross-entropy) with Fit on the 60,000 training images and prints
        mlp epoch_s=<mean seconds per epoch> test_acc=<test accuracy> (defaults: fashion-mnist, 1 epoch, batch 128);
        --backend NAME trains and evaluates on that device (cpu default, reference, opencl, …)

        cnn trains Conv2D(32, 3×3, relu) → MaxPool 2×2 → Conv2D(64, 3×3, relu) → MaxPool 2×2 → Flatten →
        Dense(128, relu) → Dense(10, softmax) the same way, after a warm-up Fit of 40 batches on a throwaway model, then
        predicts the 10,000 test images at batch 1000 and prints cnn epoch_s=… test_acc=… peak_mb_training=<peak
        resident MB up to the end of training> peak_mb_predict=<peak resident MB while predicting, counted afresh>.
        For both: --threads N runs on N cores (the bench restarts itself with DOTNET_PROCESSOR_COUNT=N);
        --layers also prints each layer's forward and backward milliseconds on one batch (medians of 15 runs).

        runner-output runs the built `coursekit` (default src/CourseKit.Cli/bin/Release/net10.0/CourseKit.Cli.dll) on
        notebooks whose cell prints 50 MB or a million lines, with the default output cap, --keep-full-output and no
        cap, and prints runner-output case=… options=… cell_s=<the cell's time in the runner's log> wall_s=…
        """;

    public static int Main(string[] args)
    {
        if (args.Length == 1 && args[0] is "--help" or "-h" or "help")
        {
            Console.WriteLine(Usage);
            return 0;
        }
        if (args.Length > 0 && args[0] == "train") return TrainingStep.Run(args.AsSpan(1), Fail);
        if (args.Length > 0 && args[0] == "mlp") return MlpBenchmark.Run(args.AsSpan(1), Fail);
        if (args.Length > 0 && args[0] == "cnn") return CnnBenchmark.Run(args.AsSpan(1), Fail);
        if (args.Length > 0 && args[0] == "runner-output") return RunnerOutputBenchmark.Run(args.AsSpan(1), Fail);
        if (args.Length == 0 || args[0] != "gemm")
            return Fail(args.Length == 0 ? "No command given." : $"Unknown command '{args[0]}'.");

        if (!TryParseGemmOptions(args.AsSpan(1), out var options, out string? error)) return Fail(error!);

        Device device;
        try { device = Device.Parse(options.Backend); }
        catch (ArgumentException e) { return Fail(e.Message); }

        if (options.Size is int size)
            Report($"gemm n={size}", device, size, size, size);
        else if (options.M is int m && options.K is int k && options.N is int n)
            Report($"gemm m={m} k={k} n={n}", device, m, k, n);
        else
        {
            Report("gemm n=1024", device, 1024, 1024, 1024);
            Report("gemm m=128 k=784 n=300", device, 128, 784, 300);
        }
        return 0;
    }

    internal static int Fail(string message)
    {
        Console.Error.WriteLine(message);
        Console.Error.WriteLine(Usage);
        return 2;
    }

    private sealed record GemmOptions(int? Size, int? M, int? K, int? N, string Backend);

    private static bool TryParseGemmOptions(ReadOnlySpan<string> args, out GemmOptions options, out string? error)
    {
        int? size = null, m = null, k = null, n = null;
        string backend = "cpu";
        options = new GemmOptions(null, null, null, null, backend);
        for (int i = 0; i < args.Length; i++)
        {
            string name = args[i];
            if (i + 1 >= args.Length)
            {
                error = name.StartsWith("--", StringComparison.Ordinal) ? $"Option {name} needs a value." : $"Unexpected argument '{name}'.";
                return false;
            }
            string value = args[++i];
            switch (name)
            {
                case "--backend": backend = value; break;
                case "--size": if (!TryPositive(name, value, out size, out error)) return false; break;
                case "--m": if (!TryPositive(name, value, out m, out error)) return false; break;
                case "--k": if (!TryPositive(name, value, out k, out error)) return false; break;
                case "--n": if (!TryPositive(name, value, out n, out error)) return false; break;
                default: error = $"Unknown option '{name}'."; return false;
            }
        }

        bool anyDim = m != null || k != null || n != null;
        if (size != null && anyDim) { error = "Give either --size or --m/--k/--n, not both."; return false; }
        if (anyDim && (m == null || k == null || n == null)) { error = "--m, --k and --n must be given together."; return false; }
        options = new GemmOptions(size, m, k, n, backend);
        error = null;
        return true;
    }

    private static bool TryPositive(string name, string text, out int? value, out string? error)
    {
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int v) && v > 0)
        {
            value = v;
            error = null;
            return true;
        }
        value = null;
        error = $"Option {name} needs a positive whole number, not '{text}'.";
        return false;
    }

    private static void Report(string label, Device device, int m, int k, int n)
    {
        double gflops = MeasureGemm(device.Backend, m, k, n);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{label} backend={device.Name} gflops={gflops:F1}"));
    }

    /// <summary>GFLOP/s of C = A·B (A m×k, B k×n, C overwritten) through <paramref name="backend"/>'s Gemm primitive.</summary>
    private static double MeasureGemm(IBackend backend, int m, int k, int n)
    {
        var random = new Random(1234);
        DeviceBuffer a = backend.Upload(RandomMatrix(random, m * k));
        DeviceBuffer b = backend.Upload(RandomMatrix(random, k * n));
        DeviceBuffer c = backend.Allocate(m * n);
        var shape = new GemmShape(Batch: 1, M: m, N: n, K: k, TransA: false, TransB: false,
                                  StrideA: m * k, StrideB: k * n, StrideC: m * n);
        // Reading one number back waits for the product to finish: GPU backends only queue their work.
        var done = new float[1];
        return 2.0 * m * n * k / Timing.BestSeconds(() =>
        {
            backend.Gemm(a, b, c, shape);
            backend.Download(c, done);
        }) / 1e9;
    }

    private static float[] RandomMatrix(Random random, int length)
    {
        var data = new float[length];
        for (int i = 0; i < data.Length; i++) data[i] = (float)(random.NextDouble() * 2 - 1);
        return data;
    }
}
