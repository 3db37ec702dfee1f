using CourseKit.Tests.Data.Sources;

namespace CourseKit.Tests.Keras.Models;

/// <summary>Building, summarising, running and saving models the three Keras ways: Sequential, functional, subclassed.</summary>
[Collection(KerasCollection.Name)]
public class ModelTests
{
    public ModelTests() => Model.ClearSession();

    private static Sequential LectureMlp() => new([
        new Flatten(inputShape: [28, 28]),
        new Dense(300, activation: "relu"),
        new Dense(100, activation: "relu"),
        new Dense(10, activation: "softmax"),
    ]);

    /// <summary>The lectures' wide-and-deep model: the input goes through two hidden layers and also straight to the output.</summary>
    private static Model WideAndDeep()
    {
        var input = new Input(shape: [8]);
        var hidden1 = new Dense(30, activation: "relu").Call(input);
        var hidden2 = new Dense(30, activation: "relu").Call(hidden1);
        var concat = Layers.Concatenate(input, hidden2);
        var output = new Dense(1).Call(concat);
        return new Model(input, output);
    }

    [Fact]
    public void SummaryGivesTheLecturesParameterCounts()
    {
        var mlp = LectureMlp();
        Assert.Equal(266_610, mlp.CountParams());
        string text = mlp.SummaryText();
        Assert.Contains("Model: \"sequential\"", text);
        Assert.Contains("flatten (Flatten)", text);
        Assert.Contains("(None, 784)", text);
        Assert.Contains("dense (Dense)", text);
        Assert.Contains("235,500", text);
        Assert.Contains("dense_2 (Dense)", text);
        Assert.Contains("(None, 10)", text);
        Assert.Contains("Total params: 266,610 (1.02 MB)", text);
        Assert.Contains("Trainable params: 266,610 (1.02 MB)", text);
        Assert.Contains("Non-trainable params: 0 (0.00 B)", text);

        var wide = WideAndDeep();
        Assert.Equal(1_239, wide.CountParams());
        string wideText = wide.SummaryText();
        Assert.Contains("Connected to", wideText);
        Assert.Contains("concatenate (Concatenate)", wideText);
        Assert.Contains("input_layer[0][0]", wideText);
        Assert.Contains("dense_4[0][0]", wideText);
        Assert.Contains("Total params: 1,239", wideText);

        var small = new Sequential([new Dense(8, inputShape: [2], activation: "sigmoid"), new Dense(2, activation: "softmax")]);
        Assert.Equal([24, 18], small.Layers.Select(l => l.CountParams()));
    }

    [Fact]
    public void NamesAreNumberedLikeKeras()
    {
        var a = new Dense(1);
        var b = new Dense(1);
        var c = new Conv2D(2, 3);
        Assert.Equal(["dense", "dense_1", "conv2d"], new[] { a.Name, b.Name, c.Name });
        Assert.Equal("max_pooling2d", new MaxPooling2D().Name);
        Assert.Equal("batch_normalization", new BatchNormalization().Name);
        Model.ClearSession();
        Assert.Equal("dense", new Dense(1).Name);
    }

    [Fact]
    public void SetWeightsInKerasOrderGivesTheHandComputedForwardPass()
    {
        var model = new Sequential([new Dense(2, inputShape: [2], activation: "sigmoid"), new Dense(1)]);
        Tensor w1 = new float[,] { { 0.1f, 0.2f }, { 0.3f, -0.4f } }, b1 = new float[] { 0.5f, -0.5f };
        Tensor w2 = new float[,] { { 1f }, { -2f } }, b2 = new float[] { 0.25f };
        model.SetWeights([w1, b1, w2, b2]);
        Assert.Equal(["dense/kernel", "dense/bias", "dense_1/kernel", "dense_1/bias"], model.Weights.Select(v => v.Path));
        // x = (1, 2): z = (0.1 + 0.6 + 0.5, 0.2 − 0.8 − 0.5) = (1.2, −1.1); a = σ(z); y = a₁ − 2a₂ + 0.25
        double a1 = 1 / (1 + Math.Exp(-1.2)), a2 = 1 / (1 + Math.Exp(1.1));
        Assert.Equal(a1 - 2 * a2 + 0.25, model.Predict(new float[,] { { 1, 2 } }).Item(), 1e-6);
        Assert.Equal(w2.ToArray(), model.Layers[1].GetWeights()[0].ToArray());
        var e = Assert.Throws<ArgumentException>(() => model.SetWeights([w1, b1, w2]));
        Assert.Contains("has 4 weights", e.Message);
    }

    [Fact]
    public void FitBeforeCompileSaysWhatToDo()
    {
        var model = new Sequential([new Dense(1, inputShape: [2])]);
        var e = Assert.Throws<InvalidOperationException>(() => model.Fit(new float[,] { { 1, 2 } }, new float[] { 1 }, verbose: 0));
        Assert.Contains("You must call Compile() before", e.Message);
    }

    [Fact]
    public void AnImageGivenToADenseModelSuggestsFlatten()
    {
        var model = new Sequential([new Dense(10, inputShape: [784])]);
        var e = Assert.Throws<ShapeException>(() => model.Predict(Tensor.Zeros([2, 28, 28])));
        Assert.Contains("dense", e.Message);
        Assert.Contains("784", e.Message);
        Assert.Contains("(None, 28, 28)", e.Message);
    }

    [Fact]
    public void OneHotTargetsForASparseLossAreCaughtBeforeTraining()
    {
        var model = new Sequential([new Dense(3, inputShape: [2], activation: "softmax")]);
        model.Compile("sgd", "sparse_categorical_crossentropy", ["accuracy"]);
        var x = Tensor.RandomUniform([4, 2], seed: 1);
        var oneHot = Preprocessing.ToCategorical(Tensor.FromArray(new float[] { 0, 1, 2, 1 }), 3);
        var e = Assert.ThrowsAny<Exception>(() => model.Fit(x, oneHot, verbose: 0));
        Assert.Contains("categorical_crossentropy", e.Message);
    }

    [Fact]
    public void UnknownNamesListTheValidOnes()
    {
        Assert.Contains("adam", Assert.Throws<ArgumentException>(() => { Optimizer o = "adamm"; }).Message);
        Assert.Contains("mse", Assert.Throws<ArgumentException>(() => { Loss l = "mean_square"; }).Message);
        Assert.Contains("relu", Assert.ThrowsAny<ArgumentException>(() => new Dense(2, activation: "rellu")).Message);
    }

    [Fact]
    public void AFunctionalModelWithTwoInputsAndTwoOutputsTrains()
    {
        Tensor.SetRandomSeed(7);
        var wide = new Input(shape: [5], name: "wide_input");
        var deep = new Input(shape: [6], name: "deep_input");
        var h1 = new Dense(30, activation: "relu").Call(deep);
        var h2 = new Dense(30, activation: "relu").Call(h1);
        var concat = Layers.Concatenate(wide, h2);
        var main = new Dense(1, name: "main_output").Call(concat);
        var aux = new Dense(1, name: "aux_output").Call(h2);
        var model = new Model([wide, deep], [main, aux]);
        Assert.Equal(2, model.OutputCount);
        Assert.Equal(["main_output", "aux_output"], model.OutputNames);

        model.Compile(new Adam(learningRate: 1e-2), loss: ["mse", "mse"], lossWeights: [0.9f, 0.1f]);
        var xWide = Tensor.RandomNormal([200, 5], seed: 1);
        var xDeep = Tensor.RandomNormal([200, 6], seed: 2);
        var y = (xWide[.., 0..1] + xDeep[.., 0..1] * 2f);
        var history = model.Fit([xWide, xDeep], [y, y], epochs: 30, batchSize: 32, verbose: 0);
        Assert.True(history.History["loss"][^1] < 0.5f * history.History["loss"][0], string.Join(", ", history.History["loss"]));
        // Keras logs each output's own loss; the total is their weighted sum.
        Assert.Equal(["loss", "main_output_loss", "aux_output_loss"], history.History.Keys);
        var last = model.Evaluate([xWide, xDeep], [y, y]);
        Assert.Equal(0.9f * last["main_output_loss"] + 0.1f * last["aux_output_loss"], last.Loss, 4);
        var predictions = model.PredictOutputs([xWide, xDeep]);
        Assert.Equal(2, predictions.Count);
        Assert.Equal([200, 1], predictions[0].Shape);
        Assert.Contains("expected 2 inputs, got 1", Assert.Throws<ShapeException>(() => model.Predict(xWide)).Message);

        var single = new Input(shape: [5]);
        var twoHeads = new Model(single, new Dense(1).Call(single)); // one output: Predict works
        Assert.Equal([200, 1], twoHeads.Predict(xWide).Shape);
        var branched = new Model([single], [new Dense(1).Call(single), new Dense(2).Call(single)]);
        Assert.Contains("2 outputs", Assert.Throws<InvalidOperationException>(() => branched.Predict(xWide)).Message);
        Assert.Equal([200, 2], branched.PredictOutputs([xWide])[1].Shape);
    }

    [Fact]
    public void SwappedInputsOfAFunctionalModelAreNamedInTheError()
    {
        var wide = new Input(shape: [5], name: "wide_input");
        var deep = new Input(shape: [6], name: "deep_input");
        var model = new Model([wide, deep], [new Dense(1).Call(Layers.Concatenate(wide, new Dense(3).Call(deep)))], name: "two_inputs");
        var xWide = Tensor.Zeros([4, 5]);
        var xDeep = Tensor.Zeros([4, 6]);
        Assert.Equal([4, 1], model.PredictOutputs([xWide, xDeep])[0].Shape);
        var e = Assert.Throws<ShapeException>(() => model.PredictOutputs([xDeep, xWide]));
        Assert.Equal("Predict: Input 0 of layer \"two_inputs\" is incompatible with the layer: input 0 (wide_input) should have shape (None, 5), " +
                     "but has (None, 6).", e.Message);
    }

    private sealed class TwoLayerNet : Model
    {
        private readonly Dense _hidden = new(16, activation: "tanh");
        private readonly Dense _output = new(1, activation: "sigmoid");

        public override Tensor Call(Tensor inputs, bool training = false) => _output.Call(_hidden.Call(inputs, training), training);
    }

    [Fact]
    public void ASubclassedModelTrainsSummarisesAndSavesItsWeights()
    {
        Tensor.SetRandomSeed(3);
        var data = Datasets.Moons(200, noise: 0.1f, seed: 5);
        var model = new TwoLayerNet();
        model.Compile(new Adam(learningRate: 0.05), "binary_crossentropy", ["accuracy"]);
        var history = model.Fit(data.X, data.Y, epochs: 60, batchSize: 50, verbose: 0);
        Assert.True(history.History["accuracy"][^1] > 0.85f, $"accuracy {history.History["accuracy"][^1]}");
        Assert.Equal(2, model.Layers.Count);
        Assert.Equal(3 * 16 + 17, model.CountParams());
        Assert.Contains("Total params: 65", model.SummaryText());

        using var folder = new TempFolder();
        var e = Assert.Throws<NotSupportedException>(() => model.Save(Path.Combine(folder.Path, "net.zip")));
        Assert.Contains("SaveWeights", e.Message);
        string weights = Path.Combine(folder.Path, "net.safetensors");
        model.SaveWeights(weights);
        var copy = new TwoLayerNet();
        copy.Predict(data.X[0..1]);
        copy.LoadWeights(weights);
        Assert.Equal(model.Predict(data.X).ToArray(), copy.Predict(data.X).ToArray());
    }

    [Fact]
    public void SavingAndLoadingGivesIdenticalPredictionsAndOptimizerState()
    {
        Tensor.SetRandomSeed(11);
        var data = Datasets.Blobs(120, centers: 3, seed: 4);
        var model = new Sequential([new Dense(8, inputShape: [2], activation: "relu"), new Dropout(0.2f), new Dense(3, activation: "softmax")]);
        model.Compile(new Adam(learningRate: 0.01), "sparse_categorical_crossentropy", ["accuracy"]);
        model.Fit(data.X, data.Y, epochs: 3, verbose: 0);

        using var folder = new TempFolder();
        string path = Path.Combine(folder.Path, "model.zip");
        model.Save(path);
        var loaded = Model.Load(path);
        Assert.Equal(model.Predict(data.X).ToArray(), loaded.Predict(data.X).ToArray());
        Assert.Equal(model.Optimizer!.Iterations, loaded.Optimizer!.Iterations);
        Assert.Equal(model.Evaluate(data.X, data.Y)["accuracy"], loaded.Evaluate(data.X, data.Y)["accuracy"]);
        Assert.Equal(model.SummaryText(), loaded.SummaryText());

        // One more identical epoch on both gives identical weights: the optimizer state came back too.
        Tensor.SetRandomSeed(99);
        model.Fit(data.X, data.Y, epochs: 1, verbose: 0, shuffle: false);
        Tensor.SetRandomSeed(99);
        loaded.Fit(data.X, data.Y, epochs: 1, verbose: 0, shuffle: false);
        for (int i = 0; i < model.Weights.Count; i++)
            Assert.Equal(model.Weights[i].Value.ToArray(), loaded.Weights[i].Value.ToArray());
    }

    [Fact]
    public void AFunctionalModelRoundTripsThroughAFile()
    {
        Tensor.SetRandomSeed(2);
        var model = WideAndDeep();
        model.Compile("adam", "mse");
        using var folder = new TempFolder();
        string path = Path.Combine(folder.Path, "wide.zip");
        model.Save(path);
        var loaded = Model.Load(path);
        var x = Tensor.RandomNormal([5, 8], seed: 3);
        Assert.Equal(model.Predict(x).ToArray(), loaded.Predict(x).ToArray());
        Assert.Equal(1_239, loaded.CountParams());
    }

    [Fact]
    public void DamagedOrForeignFilesGiveClearErrors()
    {
        using var folder = new TempFolder();
        string notZip = folder.Write("notes.txt", "hello");
        Assert.Contains("not a zip archive", Assert.Throws<DataFormatException>(() => Model.Load(notZip)).Message);
        string path = Path.Combine(folder.Path, "m.zip");
        var model = new Sequential([new Dense(2, inputShape: [3])]);
        model.Save(path);
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);
        Assert.Contains("truncated", Assert.Throws<DataFormatException>(() => Model.Load(path)).Message);
        string weights = Path.Combine(folder.Path, "w.safetensors");
        model.SaveWeights(weights);
        var other = new Sequential([new Dense(4, inputShape: [3])]);
        Assert.Contains("has shape (3, 2)", Assert.Throws<DataFormatException>(() => other.LoadWeights(weights)).Message);
    }

    [Fact]
    public void AFailedSaveLeavesThePreviousFileIntact()
    {
        using var folder = new TempFolder();
        string path = folder.Write("model.zip", "previous contents");
        Assert.Throws<InvalidOperationException>(() =>
            AtomicFile.Write(path, stream =>
            {
                stream.Write(new byte[1000]);
                throw new InvalidOperationException("crash in the middle of saving");
            }, "Model.Save"));
        Assert.Equal("previous contents", File.ReadAllText(path));
        Assert.Equal(["model.zip"], folder.Files());
    }
}

/// <summary>Tests that reset the global name counters or the global random seed must not run in parallel.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class KerasCollection
{
    public const string Name = "Keras global state";
}
