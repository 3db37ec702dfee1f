using System.Diagnostics;
using CourseKit.Tests.Data.Sources;
using CourseKit.Tests.Keras.Models;

namespace CourseKit.Tests.Keras.Saving;

/// <summary>Saving never loses a file: what was saved always loads back, errors name the file the user asked for and
/// the reason, and a save killed half-way leaves nothing behind for long.</summary>
[Collection(KerasCollection.Name)]
public class SavingTests
{
    public SavingTests() => Model.ClearSession();

    /// <summary>A compiled model whose first kernel holds +∞, −∞ and NaN, as after a diverged training run.</summary>
    private static Sequential DivergedModel()
    {
        Tensor.SetRandomSeed(5);
        var model = new Sequential([new Dense(4, inputShape: [3]), new Dense(2)]);
        model.Compile("adam", "mse");
        var x = Tensor.RandomNormal([8, 3], seed: 2);
        model.Fit(x, Tensor.RandomNormal([8, 2], seed: 3), epochs: 1, verbose: 0);
        model.Weights[0].Value = model.Weights[0].Value.Log(); // NaN where negative
        model.Weights[2].Value = model.Weights[2].Value / 0f; // positive → +∞, negative → −∞
        return model;
    }

    private static int[] Bits(Tensor t) => t.ToArray().Select(BitConverter.SingleToInt32Bits).ToArray();

    private static string CaptureError(Action action)
    {
        using var warnings = Warnings.Capture();
        action();
        return warnings.Text;
    }

    [Fact]
    public void ADivergedModelSavesWithAWarningAndLoadsBackAsItWas()
    {
        var model = DivergedModel();
        Assert.Contains(model.Weights[0].Value.ToArray(), float.IsNaN);
        Assert.Contains(model.Weights[2].Value.ToArray(), float.IsPositiveInfinity);
        using var folder = new TempFolder();
        string path = Path.Combine(folder.Path, "diverged.keras");

        string warning = CaptureError(() => model.Save(path));
        Assert.Contains("Warning", warning);
        Assert.Contains(path, warning);
        Assert.Contains("NaN", warning);
        Assert.Contains("lower the learning rate", warning);

        var loaded = Model.Load(path);
        for (int i = 0; i < model.Weights.Count; i++)
            Assert.Equal(Bits(model.Weights[i].Value), Bits(loaded.Weights[i].Value));
        Assert.Equal(model.Optimizer!.Iterations, loaded.Optimizer!.Iterations);
    }

    [Fact]
    public void DivergedWeightsSaveWithAWarningAndLoadBackAsTheyWere()
    {
        var model = DivergedModel();
        using var folder = new TempFolder();
        string path = Path.Combine(folder.Path, "diverged.safetensors");
        Assert.Contains("lower the learning rate", CaptureError(() => model.SaveWeights(path)));
        var copy = new Sequential([new Dense(4, inputShape: [3]), new Dense(2)]);
        copy.LoadWeights(path);
        for (int i = 0; i < model.Weights.Count; i++)
            Assert.Equal(Bits(model.Weights[i].Value), Bits(copy.Weights[i].Value));
    }

    [Fact]
    public void AHealthyModelSavesWithoutAWarning()
    {
        using var folder = new TempFolder();
        var model = new Sequential([new Dense(2, inputShape: [3])]);
        Assert.Equal("", CaptureError(() => model.Save(Path.Combine(folder.Path, "m.keras"))));
    }

    [Fact]
    public void SaveErrorsNameTheTargetAndTheReason()
    {
        using var folder = new TempFolder();
        var model = new Sequential([new Dense(2, inputShape: [3])]);

        string aFolder = Directory.CreateDirectory(Path.Combine(folder.Path, "models")).FullName;
        var e = Assert.ThrowsAny<IOException>(() => model.Save(aFolder));
        Assert.Contains($"'{aFolder}' is a folder", e.Message);

        string missing = Path.Combine(folder.Path, "no-such-folder", "m.keras");
        e = Assert.ThrowsAny<IOException>(() => model.SaveWeights(missing));
        Assert.Contains(missing, e.Message);
        Assert.Contains("does not exist", e.Message);
        Assert.False(Directory.Exists(Path.GetDirectoryName(missing)));

        string file = folder.Write("notes.txt", "mine");
        string underAFile = Path.Combine(file, "m.keras");
        e = Assert.ThrowsAny<IOException>(() => model.Save(underAFile));
        Assert.Contains(underAFile, e.Message);
        Assert.Contains("is a file, not a folder", e.Message);

        string existing = folder.Write("kept.keras", "previous");
        e = Assert.ThrowsAny<IOException>(() => model.Save(existing, overwrite: false));
        Assert.Contains(existing, e.Message);
        Assert.Contains("overwrite: true", e.Message);
        Assert.Equal("previous", File.ReadAllText(existing));

        if (OperatingSystem.IsLinux())
        {
            var error = Assert.ThrowsAny<Exception>(() => model.Save("/proc/x.keras"));
            Assert.Contains("'/proc/x.keras'", error.Message);
            Assert.DoesNotContain(".tmp", error.Message);

            string pipe = Path.Combine(folder.Path, "pipe");
            Process.Start("mkfifo", pipe).WaitForExit();
            e = Assert.ThrowsAny<IOException>(() => model.SaveWeights(pipe)); // replacing it would be as bad as replacing /dev/null
            Assert.Contains($"'{pipe}' is a device, pipe or socket", e.Message);
            Assert.Equal(0, new FileInfo(pipe).Length);
            File.Delete(pipe);
        }
        Assert.Equal(["kept.keras", "notes.txt"], folder.Files());
    }

    [Fact]
    public void SavingThroughASymbolicLinkReplacesTheFileItPointsTo()
    {
        if (OperatingSystem.IsWindows()) return; // creating links needs extra rights there
        using var folder = new TempFolder();
        string target = folder.Write("store/real.keras", "old");
        string link = Path.Combine(folder.Path, "latest.keras");
        File.CreateSymbolicLink(link, target);
        var model = new Sequential([new Dense(2, inputShape: [3])]);
        model.Save(link);
        Assert.NotNull(new FileInfo(link).LinkTarget);
        Assert.Equal(model.Weights[0].Value.ToArray(), Model.Load(target).Weights[0].Value.ToArray());
    }

    [Fact]
    public void ATemporaryFileLeftByAKilledSaveIsRemovedByTheNextSaveInThatFolder()
    {
        using var folder = new TempFolder();
        string path = Path.Combine(folder.Path, "model.keras");
        int gone = ExitedProcessId();
        string stale = AtomicFile.TemporaryPath(path, gone), staleOther = AtomicFile.TemporaryPath(Path.Combine(folder.Path, "other.keras"), gone);
        string live = AtomicFile.TemporaryPath(path, Environment.ProcessId);
        foreach (var leftover in new[] { stale, staleOther, live }) File.WriteAllBytes(leftover, new byte[1000]);
        string notOurs = folder.Write(".model.keras.tmp-notes", "someone else's");
        string earlier = folder.Write($".model.keras.tmp-{Guid.NewGuid():N}", "left by an earlier CourseKit"), recent = folder.Write($".model.keras.tmp-{Guid.NewGuid():N}", "");
        File.SetLastWriteTimeUtc(earlier, DateTime.UtcNow.AddDays(-1));

        new Sequential([new Dense(2, inputShape: [3])]).Save(path);

        Assert.False(File.Exists(stale));
        Assert.False(File.Exists(staleOther));
        Assert.True(File.Exists(live)); // this process is still running: the save it belongs to may be in progress
        Assert.True(File.Exists(notOurs));
        Assert.False(File.Exists(earlier));
        Assert.True(File.Exists(recent)); // its save may still be running
        Assert.True(File.Exists(path));
    }

    [Fact]
    public void ModelCheckpointCreatesItsFolderLikeKeras()
    {
        using var folder = new TempFolder();
        var data = Datasets.Blobs(40, centers: 2, seed: 1);
        var model = new Sequential([new Dense(2, inputShape: [2], activation: "softmax")]);
        model.Compile("sgd", "sparse_categorical_crossentropy");
        var checkpoint = new ModelCheckpoint(Path.Combine(folder.Path, "runs", "one", "ckpt-{epoch}.keras"), monitor: "loss");
        model.Fit(data.X, data.Y, epochs: 2, verbose: 0, callbacks: [checkpoint]);
        Assert.Equal([Path.Combine("runs", "one", "ckpt-1.keras"), Path.Combine("runs", "one", "ckpt-2.keras")], folder.Files());
    }

    [Fact]
    public void AModelCheckpointThatCannotWriteFailsBeforeTraining()
    {
        using var folder = new TempFolder();
        string file = folder.Write("results", "a file, not a folder");
        var data = Datasets.Blobs(40, centers: 2, seed: 1);
        var model = new Sequential([new Dense(2, inputShape: [2], activation: "softmax")]);
        model.Compile("sgd", "sparse_categorical_crossentropy");
        string pattern = Path.Combine(file, "ckpt-{epoch}.keras");
        var e = Assert.ThrowsAny<IOException>(() => model.Fit(data.X, data.Y, epochs: 2, verbose: 0, callbacks: [new ModelCheckpoint(pattern, monitor: "loss")]));
        Assert.Contains($"'{file}' is a file, not a folder", e.Message);
        Assert.StartsWith("ModelCheckpoint", e.Message);
        Assert.Equal(0, model.Optimizer!.Iterations);
    }

    private sealed class SubclassedNet : Model
    {
        private readonly Dense _output = new(2, activation: "softmax");

        public override Tensor Call(Tensor inputs, bool training = false) => _output.Call(inputs, training);
    }

    /// <summary>A subclassed model's architecture cannot be saved, so a ModelCheckpoint of the whole model says so
    /// before training, not after the first epoch's work (its weights alone can be checkpointed).</summary>
    [Fact]
    public void AModelCheckpointOfASubclassedModelFailsBeforeTraining()
    {
        using var folder = new TempFolder();
        var data = Datasets.Blobs(40, centers: 2, seed: 1);
        var model = new SubclassedNet();
        model.Compile("sgd", "sparse_categorical_crossentropy");
        string path = Path.Combine(folder.Path, "ckpt.keras");
        var e = Assert.Throws<NotSupportedException>(() => model.Fit(data.X, data.Y, epochs: 2, verbose: 0, callbacks: [new ModelCheckpoint(path, monitor: "loss")]));
        Assert.Contains("subclassed", e.Message);
        Assert.Contains("saveWeightsOnly: true", e.Message);
        Assert.Equal(0, model.Optimizer!.Iterations);
        Assert.Empty(folder.Files());

        model.Fit(data.X, data.Y, epochs: 1, verbose: 0, callbacks: [new ModelCheckpoint(Path.Combine(folder.Path, "ckpt.safetensors"), monitor: "loss", saveWeightsOnly: true)]);
        Assert.Equal(["ckpt.safetensors"], folder.Files());
    }

    private static int ExitedProcessId()
    {
        using var process = Process.Start(new ProcessStartInfo(OperatingSystem.IsWindows() ? "cmd" : "sh", OperatingSystem.IsWindows() ? "/c exit" : "-c exit"))!;
        process.WaitForExit();
        return process.Id;
    }
}
