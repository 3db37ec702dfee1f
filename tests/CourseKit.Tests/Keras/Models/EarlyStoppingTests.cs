namespace CourseKit.Tests.Keras.Models;

/// <summary>
/// EarlyStopping decides from a sequence of monitored numbers, so these tests hand it one epoch by epoch, as Fit would,
/// and mark the model's weights with the epoch number: the weights left in the model after training say which epoch's
/// weights were restored. The expected traces follow Keras 3's EarlyStopping line by line.
/// </summary>
public class EarlyStoppingTests
{
    /// <summary>What a scripted run ended with: the epoch it stopped at, the best epoch, and whose weights the model holds.</summary>
    private sealed record Run(int? StoppedEpoch, int BestEpoch, int EpochsRun, float WeightsOfEpoch);

    private static Run Drive(EarlyStopping stop, params float[] valLosses)
    {
        var model = new Sequential([new Dense(1, inputShape: [1])]);
        stop.Model = model;
        model.StopTraining = false;
        stop.OnTrainBegin(new Dictionary<string, float>());
        int epochsRun = 0;
        for (int epoch = 0; epoch < valLosses.Length && !model.StopTraining; epoch++)
        {
            // "Training" this epoch leaves weights that carry the epoch's number.
            model.SetWeights([Tensor.Full([1, 1], epoch), Tensor.Full([1], epoch)]);
            stop.OnEpochEnd(epoch, new Dictionary<string, float> { ["val_loss"] = valLosses[epoch] });
            epochsRun++;
        }
        stop.OnTrainEnd(new Dictionary<string, float>());
        return new Run(stop.StoppedEpoch, stop.BestEpoch, epochsRun, model.GetWeights()[0].Item());
    }

    [Fact]
    public void WithoutRestoringTheModelKeepsTheLastEpochsWeights()
    {
        // Best 0.7 at epoch 1; epochs 2 and 3 do not improve: with patience 2 training stops after epoch 3.
        var run = Drive(new EarlyStopping(patience: 2), 0.9f, 0.7f, 0.8f, 0.85f, 0.6f);
        Assert.Equal(new Run(StoppedEpoch: 3, BestEpoch: 1, EpochsRun: 4, WeightsOfEpoch: 3), run);
    }

    [Fact]
    public void RestoresTheBestWeightsWhenItStopsEarly()
    {
        var run = Drive(new EarlyStopping(patience: 2, restoreBestWeights: true), 0.9f, 0.7f, 0.8f, 0.85f, 0.6f);
        Assert.Equal(new Run(StoppedEpoch: 3, BestEpoch: 1, EpochsRun: 4, WeightsOfEpoch: 1), run);
    }

    /// <summary>Keras 3 restores the best weights at the end of training, also when the patience never ran out; before,
    /// CourseKit restored them only when it stopped training, leaving the last epoch's weights here.</summary>
    [Fact]
    public void RestoresTheBestWeightsAlsoWhenTrainingRunsToTheEnd()
    {
        var run = Drive(new EarlyStopping(patience: 10, restoreBestWeights: true), 0.9f, 0.7f, 0.8f, 0.85f, 0.75f);
        Assert.Equal(new Run(StoppedEpoch: null, BestEpoch: 1, EpochsRun: 5, WeightsOfEpoch: 1), run);
    }

    /// <summary>
    /// With a baseline no epoch reaches, Keras 3 still tracks the best epoch (the best value starts at +∞, not at the
    /// baseline); improvements that miss the baseline only do not reset the patience. Trace with patience 2 and baseline
    /// 0.5: epoch 0 improves (wait 1), epoch 1 improves (wait 2), epoch 2 does not (wait 3 ≥ 2): stop, restore epoch 1.
    /// Before, CourseKit started from the baseline, stopped after epoch 1 and restored epoch 0.
    /// </summary>
    [Fact]
    public void WithAnUnreachedBaselineItRestoresTheBestEpochItSaw()
    {
        var run = Drive(new EarlyStopping(patience: 2, baseline: 0.5f, restoreBestWeights: true), 0.9f, 0.8f, 0.85f, 0.7f, 0.4f);
        Assert.Equal(new Run(StoppedEpoch: 2, BestEpoch: 1, EpochsRun: 3, WeightsOfEpoch: 1), run);
    }

    [Fact]
    public void ABaselineThatIsBeatenResetsThePatienceAsUsual()
    {
        // 0.4 beats the baseline at epoch 1; epochs 2 and 3 do not improve on it: stop after epoch 3.
        var run = Drive(new EarlyStopping(patience: 2, baseline: 0.5f, restoreBestWeights: true), 0.9f, 0.4f, 0.45f, 0.42f, 0.3f);
        Assert.Equal(new Run(StoppedEpoch: 3, BestEpoch: 1, EpochsRun: 4, WeightsOfEpoch: 1), run);
    }

    [Fact]
    public void StartFromEpochIgnoresTheWarmUpEpochs()
    {
        // Epochs 0 and 1 are not watched (their 0.1 would otherwise be the best); from epoch 2 the best is 0.8 at epoch 3.
        var run = Drive(new EarlyStopping(patience: 1, restoreBestWeights: true, startFromEpoch: 2), 0.1f, 0.1f, 0.9f, 0.8f, 0.85f, 0.2f);
        Assert.Equal(new Run(StoppedEpoch: 4, BestEpoch: 3, EpochsRun: 5, WeightsOfEpoch: 3), run);
    }
}
