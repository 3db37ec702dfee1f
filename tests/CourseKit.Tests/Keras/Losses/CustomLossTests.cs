using CourseKit.Tests.Data.Sources;
using CourseKit.Tests.Keras.Models;
using CourseKit.Tests.Tensors;
using static CourseKit.Tests.Keras.Losses.LossTestKit;

namespace CourseKit.Tests.Keras.Losses;

/// <summary>
/// A loss written as one function: the Gaussian negative log-likelihood of a network that predicts a mean μ and a
/// log-spread s = log σ per example, −log N(y; μ, σ²) = ½((y − μ)/σ)² + s + ½·log 2π.
/// </summary>
[Collection(KerasCollection.Name)]
public class CustomLossTests
{
    public CustomLossTests() => Model.ClearSession();

    private static readonly float HalfLogTwoPi = 0.5f * MathF.Log(2 * MathF.PI);

    private static CustomLoss GaussianNll() => new("gaussian_nll", (yTrue, yPred) =>
    {
        var mean = yPred[.., 0];
        var logSpread = yPred[.., 1];
        var z = (yTrue[.., 0] - mean) / logSpread.Exp();
        return 0.5f * z * z + logSpread + HalfLogTwoPi;
    });

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void TheNegativeLogLikelihoodIsWorkedOutByHand(string name)
    {
        var d = Devices.Get(name);
        var yTrue = T(d, [1, 2], 2, 1);
        var yPred = T(d, [0.5f, 0, 2, MathF.Log(2)], 2, 2);
        // example 0: z = (1 − 0.5)/e⁰ = 0.5 → 0.125 + 0 + 0.9189385 = 1.0439385
        // example 1: z = 0 → 0 + ln 2 + 0.9189385 = 1.6120857;  mean over the batch 1.3280121
        Assert.Equal(1.3280121f, Value(GaussianNll(), yTrue, yPred), 5);
        // sample weights as for the built-in losses: Σ wᵢ·lossᵢ / batch = 2·1.0439385 / 2
        Assert.Equal(1.0439385f, Value(GaussianNll(), yTrue, yPred, T(d, [2, 0], 2)), 5);
        // d/dμ = −z/σ / batch = −0.25 for example 0; d/ds = (1 − z²) / batch = 0.375 and 0.5
        TensorAssert.Close([-0.25f, 0.375f, 0, 0.5f], Gradient(GaussianNll(), d, yTrue, [0.5f, 0, 2, MathF.Log(2)], [2, 2]));
        MatchesFiniteDifferences(d, GaussianNll(), [1, 2, -0.5f], [3, 1], [0.4f, 0.2f, 1.5f, -0.3f, 0.1f, 0.5f], [3, 2], [1, 0.5f, 2]);
    }

    [Fact]
    public void TrainingWithItRecoversTheMeanAndTheSpreadOfHeteroscedasticNoise()
    {
        // y = 2x + 1 + σ(x)·ε with σ(x) = exp(x − 1.5): from 0.08 at x = −1 to 0.61 at x = 1 (seed 11, 2000 points).
        // Measured: means within 0.008 and spreads within 4 % at x = −0.5, 0, 0.5; the tolerances below leave room.
        var random = new Random(11);
        const int n = 2000;
        float[] xs = new float[n], ys = new float[n];
        for (int i = 0; i < n; i++)
        {
            double x = 2 * random.NextDouble() - 1;
            double gaussian = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
            (xs[i], ys[i]) = ((float)x, (float)(2 * x + 1 + Math.Exp(x - 1.5) * gaussian));
        }
        Tensor.SetRandomSeed(3);
        var model = new Sequential([new Dense(2, inputShape: [1])]); // outputs μ(x) and s(x) = log σ(x), both linear in x
        model.Compile(new Nadam(learningRate: 0.01), GaussianNll());
        var history = model.Fit(Tensor.FromData(xs, [n, 1]), Tensor.FromData(ys, [n, 1]), epochs: 60, batchSize: 50, verbose: 0);

        var predicted = model.Predict(Tensor.FromData([-0.5f, 0f, 0.5f], [3, 1])).ToArray();
        for (int i = 0; i < 3; i++)
        {
            double x = -0.5 + 0.5 * i;
            Assert.InRange(predicted[2 * i], 2 * x + 1 - 0.05, 2 * x + 1 + 0.05);          // the mean within ±0.05
            double spread = Math.Exp(predicted[2 * i + 1]), trueSpread = Math.Exp(x - 1.5);
            Assert.InRange(spread / trueSpread, 0.9, 1.1);                                    // the spread within ±10 %
        }
        // The best possible average NLL here is E[log σ] + ½ + ½·log 2π ≈ −1.5 + 0.5 + 0.919 = −0.081.
        Assert.InRange(history.History["loss"][^1], -0.2, 0.0);
    }

    [Fact]
    public void LogsKeepTheKeyLossAndShowTheLossByName()
    {
        Tensor.SetRandomSeed(1);
        var model = new Sequential([new Dense(2, inputShape: [1])]);
        model.Compile("adam", GaussianNll());
        var history = model.Fit(Tensor.FromData([0f, 1f, 2f, 3f], [4, 1]), Tensor.FromData([1f, 2f, 3f, 4f], [4, 1]), epochs: 2, verbose: 0);

        Assert.Equal(["loss"], history.History.Keys);
        Assert.Equal("gaussian_nll", history.Params["loss"]);
        Assert.StartsWith("History of 2 epochs (loss: gaussian_nll)\n  loss: ", history.ToString());
        Assert.Equal("gaussian_nll", model.Losses[0].ToString());
        Assert.Equal(new Dictionary<string, object?> { ["name"] = "gaussian_nll" }, model.Losses[0].GetConfig());
    }

    [Fact]
    public void ValuesPerOutputAreAveragedPerExampleAsKerasDoes()
    {
        // Returning (batch, outputs) is allowed: each example's values are averaged, so this is the mean squared error.
        var squared = new CustomLoss("my_squared_error", (yTrue, yPred) => (yPred - yTrue).Square());
        var yTrue = T(Device.Cpu, [0, 1, 2, 3, 4, 5], 3, 2);
        var yPred = T(Device.Cpu, [1, 1, 0, 3, 4, 8], 3, 2);
        var weights = T(Device.Cpu, [1, 2, 0.5f], 3);
        Assert.Equal(Value(new MeanSquaredError(), yTrue, yPred, weights), Value(squared, yTrue, yPred, weights), 6);
    }

    [Fact]
    public void ASubclassIsTheOtherWayToWriteOne()
    {
        var loss = new AbsoluteCubed();
        Assert.Equal((1f + 8f) / 2, Value(loss, T(Device.Cpu, [0, 0], 2, 1), T(Device.Cpu, [1, -2], 2, 1)), 6);
        var e = Assert.Throws<ArgumentException>(() => new Unnamed());
        Assert.Contains("a loss needs a name", e.Message);
    }

    private sealed class AbsoluteCubed() : Loss("absolute_cubed")
    {
        public override Tensor PerExample(Tensor yTrue, Tensor yPred) => (yPred - yTrue).Abs().Pow(3).Mean(-1);
    }

    private sealed class Unnamed() : Loss(" ")
    {
        public override Tensor PerExample(Tensor yTrue, Tensor yPred) => yPred;
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void ANameIsRequired(string? name)
    {
        var e = Assert.Throws<ArgumentException>(() => new CustomLoss(name!, (t, p) => p));
        Assert.Contains("give the loss a name", e.Message);
    }

    [Fact]
    public void ABuiltInNameIsRefusedBecauseAFileWouldLoadTheBuiltIn()
    {
        var e = Assert.Throws<ArgumentException>(() => new CustomLoss("MSE", (t, p) => p));
        Assert.Contains("\"MSE\" is the name of the built-in loss \"mean_squared_error\"", e.Message);
        Assert.Contains("Choose another name", e.Message);
    }

    [Fact]
    public void ANullFunctionIsRefused()
    {
        var e = Assert.Throws<ArgumentNullException>(() => new CustomLoss("gaussian_nll", null!));
        Assert.Contains("the loss function is null", e.Message);
    }

    [Fact]
    public void AFunctionThatAveragesOverTheBatchItselfIsToldToReturnOneLossPerExample()
    {
        var averaged = new CustomLoss("averaged", (yTrue, yPred) => (yPred - yTrue).Square().Mean());
        var e = Assert.Throws<ShapeException>(() => averaged.Call(T(Device.Cpu, [1, 2], 2, 1), T(Device.Cpu, [0, 0], 2, 1)));
        Assert.Contains("CustomLoss \"averaged\": the loss function returned a single number", e.Message);
        Assert.Contains("use .Mean(-1) instead of .Mean()", e.Message);

        // The same mistake is caught before training starts.
        Tensor.SetRandomSeed(1);
        var model = new Sequential([new Dense(1, inputShape: [1])]);
        model.Compile("sgd", averaged);
        var fit = Assert.ThrowsAny<Exception>(() => model.Fit(Tensor.FromData([0f, 1f, 2f], [3, 1]), Tensor.FromData([0f, 1f, 2f], [3, 1]), verbose: 0));
        Assert.Contains("one loss per example", fit.Message);
    }

    [Fact]
    public void AFunctionWhoseFirstAxisIsNotTheBatchIsRefused()
    {
        var transposed = new CustomLoss("transposed", (yTrue, yPred) => (yPred - yTrue).Square().Transpose());
        var e = Assert.Throws<ShapeException>(() => transposed.Call(T(Device.Cpu, [1, 2, 3, 4, 5, 6], 3, 2), T(Device.Cpu, [0, 0, 0, 0, 0, 0], 3, 2)));
        Assert.Contains("returned shape (2, 3), but its first axis must be the batch (3 examples here)", e.Message);

        // A vector's shape is written as Tensor.Shape prints it: (2,), not (2).
        var perOutput = new CustomLoss("per output", (yTrue, yPred) => (yPred - yTrue).Square().Mean(0));
        var vector = Assert.Throws<ShapeException>(() => perOutput.Call(T(Device.Cpu, [1, 2, 3, 4, 5, 6], 3, 2), T(Device.Cpu, [0, 0, 0, 0, 0, 0], 3, 2)));
        Assert.Contains("returned shape (2,), but its first axis", vector.Message);
    }

    [Fact]
    public void AFunctionThatLeavesTensorsBehindIsToldThatNoGradientCanFlow()
    {
        var numbers = new CustomLoss("numbers", (yTrue, yPred) =>
            Tensor.FromData(yPred.ToArray().Zip(yTrue.ToArray(), (p, t) => (p - t) * (p - t)).ToArray(), [yPred.Shape[0]]));
        var p = Tensor.FromData([0.5f, 1f], [2, 1], requiresGrad: true);
        var e = Assert.Throws<InvalidOperationException>(() => numbers.Call(T(Device.Cpu, [1, 2], 2, 1), p));
        Assert.Contains("no gradient can reach the model", e.Message);
        Assert.Contains("not from numbers read out with ToArray or Item", e.Message);
    }

    [Fact]
    public void AModelWithACustomLossSavesAndLoadsWithoutItsCompileSettings()
    {
        using var folder = new TempFolder();
        string path = Path.Combine(folder.Path, "nll.keras");
        Tensor.SetRandomSeed(2);
        var model = new Sequential([new Dense(2, inputShape: [1])]);
        model.Compile("nadam", GaussianNll());
        model.Save(path);

        var e = Assert.Throws<DataFormatException>(() => Model.Load(path));
        Assert.Contains("your own CustomLoss \"gaussian_nll\"", e.Message);
        Assert.Contains("compile: false", e.Message);

        var loaded = Model.Load(path, compile: false);
        loaded.Compile("nadam", GaussianNll());
        var x = Tensor.FromData([0.3f, -1f], [2, 1]);
        Assert.Equal(model.Predict(x).ToArray(), loaded.Predict(x).ToArray());
    }
}
