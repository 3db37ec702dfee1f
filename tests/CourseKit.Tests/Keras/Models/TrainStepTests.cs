namespace CourseKit.Tests.Keras.Models;

/// <summary>
/// Overriding <see cref="Model"/>'s training step (Keras's <c>train_step</c>): Fit keeps batching, logging, metrics and
/// callbacks, while the subclass decides the forward pass, the loss, the gradients and the update.
/// </summary>
[Collection(KerasCollection.Name)]
public class TrainStepTests
{
    public TrainStepTests() => Model.ClearSession();

    /// <summary>A 2-4-1 network as a subclass, trained by the default step.</summary>
    private class XorNet : Model
    {
        private readonly Dense _hidden = new(4, activation: "sigmoid");
        private readonly Dense _output = new(1);

        public override Tensor Call(Tensor inputs, bool training = false) => _output.Call(_hidden.Call(inputs, training), training);
    }

    /// <summary>The same network, with the default step's math written out as a student would.</summary>
    private sealed class XorNetWithItsOwnStep : XorNet
    {
        protected override TrainStepResult TrainStep(TrainingBatch batch)
        {
            var predictions = Call(batch.X, training: true);
            var loss = ComputeLoss(batch, predictions);
            foreach (var w in TrainableWeights) w.Value.ZeroGrad();
            loss.Backward();
            Optimizer!.Apply(TrainableWeights);
            return new TrainStepResult(loss, predictions);
        }
    }

    private static readonly Tensor XorX = Tensor.FromArray(new float[,] { { 0, 0 }, { 0, 1 }, { 1, 0 }, { 1, 1 } });
    private static readonly Tensor XorY = Tensor.FromArray(new float[,] { { 0 }, { 1 }, { 1 }, { 0 } });

    private static TrainingHistory Train(Model model)
    {
        Tensor.SetRandomSeed(5);
        model.Predict(XorX); // creates the weights from the seed
        model.Compile(new SGD(learningRate: 0.1), "mse", ["mae"]);
        return model.Fit(XorX, XorY, epochs: 30, batchSize: 2, verbose: 0); // shuffled from the same seed
    }

    [Fact]
    public void AStepWithTheDefaultsMathGivesExactlyFitsWeightsAndHistory()
    {
        var byDefault = new XorNet();
        var defaultHistory = Train(byDefault);
        var byOverride = new XorNetWithItsOwnStep();
        var overrideHistory = Train(byOverride);

        var expected = byDefault.GetWeights();
        var actual = byOverride.GetWeights();
        Assert.Equal(4, actual.Length);
        for (int i = 0; i < expected.Length; i++) Assert.Equal(expected[i].ToArray(), actual[i].ToArray());
        Assert.Equal(["loss", "mae"], overrideHistory.History.Keys);
        Assert.Equal(defaultHistory.History["loss"], overrideHistory.History["loss"]);
        Assert.Equal(defaultHistory.History["mae"], overrideHistory.History["mae"]);
        Assert.NotEqual(defaultHistory.History["loss"][0], defaultHistory.History["loss"][^1]); // it did train
    }

    /// <summary>y = w·x + b with w = 0.5, b = 0 on x = (1, 2), y = (2, 4): predictions (0.5, 1), errors (−1.5, −3),
    /// MSE 5.625, ∂MSE/∂w = mean(2·error·x) = −7.5, ∂MSE/∂b = mean(2·error) = −4.5, MAE 2.25.</summary>
    private abstract class Line : Model
    {
        private readonly Dense _line = new(1);

        public override Tensor Call(Tensor inputs, bool training = false) => _line.Call(inputs, training);

        public static (float W, float B, TrainingHistory History) OneStep(Line model)
        {
            var x = Tensor.FromArray(new float[,] { { 1 }, { 2 } });
            var y = Tensor.FromArray(new float[,] { { 2 }, { 4 } });
            model.Predict(x);
            model.SetWeights([Tensor.FromArray(new float[,] { { 0.5f } }), Tensor.FromArray(new[] { 0f })]);
            model.Compile(new SGD(learningRate: 0.1), "mse", ["mae"]);
            var history = model.Fit(x, y, epochs: 1, batchSize: 2, shuffle: false, verbose: 0);
            var weights = model.GetWeights();
            return (weights[0].ToArray()[0], weights[1].ToArray()[0], history);
        }
    }

    private sealed class PlainLine : Line;

    /// <summary>Minimises twice the compiled loss: twice the gradients, so twice the step.</summary>
    private sealed class DoubledLossLine : Line
    {
        protected override TrainStepResult TrainStep(TrainingBatch batch)
        {
            var predictions = Call(batch.X, training: true);
            var loss = ComputeLoss(batch, predictions) * 2f;
            ApplyGradients(loss);
            return new TrainStepResult(loss, predictions);
        }
    }

    /// <summary>Clips every gradient element to [−1, 1] before the update.</summary>
    private sealed class ClippedLine : Line
    {
        protected override TrainStepResult TrainStep(TrainingBatch batch)
        {
            var predictions = Call(batch.X, training: true);
            var loss = (predictions - batch.Y).Square().Mean();
            foreach (var w in TrainableWeights) w.Value.ZeroGrad();
            loss.Backward();
            foreach (var w in TrainableWeights) w.Value.Grad = w.Grad!.Clip(-1, 1);
            Optimizer!.Apply(TrainableWeights);
            return new TrainStepResult(loss, predictions);
        }
    }

    [Fact]
    public void TheDefaultStepTakesTheHandComputedSgdStep()
    {
        var (w, b, history) = Line.OneStep(new PlainLine());
        Assert.Equal(0.5f + 0.1f * 7.5f, w, 6);   // 1.25
        Assert.Equal(0.1f * 4.5f, b, 6);          // 0.45
        Assert.Equal(5.625f, history.History["loss"][0], 6);
        Assert.Equal(2.25f, history.History["mae"][0], 6);
    }

    [Fact]
    public void AStepThatDoublesTheLossTakesTwiceTheStepAndLogsTheDoubledLoss()
    {
        var (w, b, history) = Line.OneStep(new DoubledLossLine());
        Assert.Equal(0.5f + 0.1f * 15f, w, 6);    // 2.0
        Assert.Equal(0.1f * 9f, b, 6);            // 0.9
        Assert.Equal(11.25f, history.History["loss"][0], 6);
        Assert.Equal(2.25f, history.History["mae"][0], 6); // metrics still come from the predictions
    }

    [Fact]
    public void AStepThatClipsTheGradientsMovesEachWeightByAtMostTheLearningRate()
    {
        var (w, b, history) = Line.OneStep(new ClippedLine());
        Assert.Equal(0.6f, w, 6);                 // the gradient −7.5 clipped to −1
        Assert.Equal(0.1f, b, 6);                 // −4.5 clipped to −1
        Assert.Equal(5.625f, history.History["loss"][0], 6);
    }

    /// <summary>A step that goes wrong in the way named by <see cref="Mistake"/>.</summary>
    private sealed class BrokenLine(string mistake) : Line
    {
        public string Mistake { get; } = mistake;

        protected override TrainStepResult TrainStep(TrainingBatch batch)
        {
            var predictions = Call(batch.X, training: true);
            var perExample = (predictions - batch.Y).Square();
            return Mistake switch
            {
                "null" => null!,
                "no loss" => new TrainStepResult(null!, predictions),
                "no predictions" => new TrainStepResult(perExample.Mean(), (Tensor)null!),
                "loss per example" => new TrainStepResult(perExample, predictions),
                "two predictions" => new TrainStepResult(perExample.Mean(), [predictions, predictions]),
                "one prediction" => new TrainStepResult(perExample.Mean(), predictions[0..1]),
                _ => throw new ArgumentOutOfRangeException(nameof(Mistake)),
            };
        }
    }

    [Theory]
    [InlineData("null", "Fit: BrokenLine.TrainStep returned null; it must return the batch's loss and the model's predictions: return new TrainStepResult(loss, predictions);")]
    [InlineData("loss per example", "Fit: BrokenLine.TrainStep returned a loss of shape (2, 1); the loss of a batch is a single number: average the examples' losses with .Mean().")]
    [InlineData("two predictions", "Fit: BrokenLine.TrainStep returned 2 prediction tensors, but model \"broken_line\" has 1 outputs (broken_line); return one per output.")]
    [InlineData("one prediction", "Fit: BrokenLine.TrainStep returned predictions of shape (1, 1) for a batch of 2 examples; return the model's outputs for the batch, one row per example.")]
    public void ABrokenStepIsToldWhatToReturn(string mistake, string message)
    {
        var e = Assert.Throws<InvalidOperationException>(() => Line.OneStep(new BrokenLine(mistake)));
        Assert.Equal(message, e.Message);
    }

    [Theory]
    [InlineData("no loss", "loss", "must report the loss it minimised for the batch")]
    [InlineData("no predictions", "predictions", "must report the model's predictions for the batch")]
    public void AStepResultWithoutItsLossOrPredictionsSaysWhatIsMissing(string mistake, string parameter, string message)
    {
        var e = Assert.Throws<ArgumentNullException>(() => Line.OneStep(new BrokenLine(mistake)));
        Assert.Equal(parameter, e.ParamName);
        Assert.Contains(message, e.Message);
    }
}
