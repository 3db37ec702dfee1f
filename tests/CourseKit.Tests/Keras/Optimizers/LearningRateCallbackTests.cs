namespace CourseKit.Tests.Keras.Optimizers;

/// <summary>ReduceLROnPlateau and LearningRateScheduler acting on an optimizer's learning rate (Keras's semantics).</summary>
public class LearningRateCallbackTests
{
    private static Dictionary<string, float> Logs(float valLoss) => new() { ["loss"] = 1f, ["val_loss"] = valLoss };

    [Fact]
    public void ReduceLROnPlateauWaitsPatienceEpochsThenMultipliesByFactor()
    {
        var sgd = new SGD(learningRate: 0.1);
        var callback = new ReduceLROnPlateau(factor: 0.5, patience: 2);
        float[] valLosses = [1.0f, 0.9f, 0.95f, 0.9f, 0.91f, 0.92f, 0.93f, 0.5f];
        // best: 1.0, 0.9 | 2 epochs without improvement → 0.05 | 2 more → 0.025 | improvement
        float[] expected = [0.1f, 0.1f, 0.1f, 0.05f, 0.05f, 0.025f, 0.025f, 0.025f];
        for (int epoch = 0; epoch < valLosses.Length; epoch++)
        {
            callback.OnEpochEnd(epoch, Logs(valLosses[epoch]), sgd);
            Assert.Equal(expected[epoch], sgd.LearningRate, 1e-7f);
        }
    }

    [Fact]
    public void ImprovementsSmallerThanMinDeltaDoNotCount()
    {
        var sgd = new SGD(learningRate: 0.1);
        var callback = new ReduceLROnPlateau(patience: 1, minDelta: 0.01);
        callback.OnEpochEnd(0, Logs(1.0f), sgd);
        callback.OnEpochEnd(1, Logs(0.995f), sgd); // better, but by less than 0.01
        Assert.Equal(0.01f, sgd.LearningRate, 1e-8f);
    }

    [Fact]
    public void CooldownPausesCountingAndMinLrIsAFloor()
    {
        var sgd = new SGD(learningRate: 0.1);
        var callback = new ReduceLROnPlateau(factor: 0.1, patience: 1, cooldown: 2, minLr: 0.005);
        callback.OnEpochEnd(0, Logs(1f), sgd);
        callback.OnEpochEnd(1, Logs(1f), sgd);
        Assert.Equal(0.01f, sgd.LearningRate, 1e-8f);
        callback.OnEpochEnd(2, Logs(1f), sgd); // cooldown 2 → 1: not counted
        Assert.Equal(0.01f, sgd.LearningRate, 1e-8f);
        callback.OnEpochEnd(3, Logs(1f), sgd); // cooldown 1 → 0, then counted (as Keras): max(0.001, 0.005)
        Assert.Equal(0.005f, sgd.LearningRate, 1e-8f);
        for (int epoch = 5; epoch < 12; epoch++) callback.OnEpochEnd(epoch, Logs(1f), sgd);
        Assert.Equal(0.005f, sgd.LearningRate, 1e-8f); // never below minLr
    }

    [Fact]
    public void AccuracyIsMaximisedInAutoMode()
    {
        var callback = new ReduceLROnPlateau(monitor: "val_accuracy", patience: 1);
        Assert.Equal("max", callback.Mode);
        var sgd = new SGD(learningRate: 0.1);
        callback.OnEpochEnd(0, new Dictionary<string, float> { ["val_accuracy"] = 0.5f }, sgd);
        callback.OnEpochEnd(1, new Dictionary<string, float> { ["val_accuracy"] = 0.7f }, sgd);
        Assert.Equal(0.1f, sgd.LearningRate);
        callback.OnEpochEnd(2, new Dictionary<string, float> { ["val_accuracy"] = 0.6f }, sgd);
        Assert.Equal(0.01f, sgd.LearningRate, 1e-8f);
        Assert.Equal("min", new ReduceLROnPlateau().Mode);
    }

    [Fact]
    public void AMissingMonitorChangesNothing()
    {
        var sgd = new SGD(learningRate: 0.1);
        var callback = new ReduceLROnPlateau(patience: 0);
        for (int epoch = 0; epoch < 3; epoch++) callback.OnEpochEnd(epoch, new Dictionary<string, float> { ["loss"] = 1f }, sgd);
        Assert.Equal(0.1f, sgd.LearningRate);
    }

    [Fact]
    public void BadArgumentsAreExplained()
    {
        Assert.Contains("between 0 and 1", Assert.Throws<ArgumentException>(() => new ReduceLROnPlateau(factor: 1.0)).Message);
        Assert.Contains("mode", Assert.Throws<ArgumentException>(() => new ReduceLROnPlateau(mode: "minimum")).Message);
        Assert.Contains("mode: \"max\"", Assert.Throws<ArgumentException>(() => new ReduceLROnPlateau(monitor: "val_score")).Message);
    }

    [Fact]
    public void ReduceLROnPlateauCannotChangeAScheduledRate()
    {
        var adam = new Adam(learningRate: new ExponentialDecay(0.1, decaySteps: 10, decayRate: 0.5));
        var callback = new ReduceLROnPlateau(patience: 0);
        callback.OnEpochEnd(0, Logs(1f), adam);
        Assert.Throws<InvalidOperationException>(() => callback.OnEpochEnd(1, Logs(1f), adam));
    }

    [Fact]
    public void LearningRateSchedulerSetsTheRateAtEachEpochBegin()
    {
        var sgd = new SGD(learningRate: 0.1);
        var scheduler = new LearningRateScheduler((epoch, lr) => epoch < 2 ? lr : lr * 0.5f);
        float[] expected = [0.1f, 0.1f, 0.05f, 0.025f];
        for (int epoch = 0; epoch < 4; epoch++)
        {
            scheduler.OnEpochBegin(epoch, sgd);
            Assert.Equal(expected[epoch], sgd.LearningRate, 1e-8f);
        }
    }

    [Fact]
    public void LearningRateSchedulerTakesKerasOlderEpochOnlyForm()
    {
        var sgd = new SGD(learningRate: 0.1);
        var scheduler = new LearningRateScheduler(epoch => 0.01 * Math.Pow(0.5, epoch));
        scheduler.OnEpochBegin(3, sgd);
        Assert.Equal(0.00125f, sgd.LearningRate, 1e-9f);
    }

    [Fact]
    public void LearningRateSchedulerRejectsANonPositiveRate()
    {
        var scheduler = new LearningRateScheduler((epoch, lr) => 0f);
        var e = Assert.Throws<InvalidOperationException>(() => scheduler.OnEpochBegin(0, new SGD()));
        Assert.Contains("returned 0 for epoch 0", e.Message);
    }

    [Fact]
    public void WithoutACompiledModelTheCallbacksSaySo()
    {
        Assert.Contains("compiled model", Assert.Throws<InvalidOperationException>(() => new LearningRateScheduler((e, lr) => lr).OnEpochBegin(0)).Message);
        Assert.Contains("compiled model", Assert.Throws<InvalidOperationException>(() => new ReduceLROnPlateau().OnEpochEnd(0, Logs(1f))).Message);
    }
}
