namespace CourseKit.Tests.Keras.Models;

/// <summary>Errors from Fit, Evaluate and Predict point at what the user passed: the method they called, the full shapes
/// of their data (not of the few examples the targets are checked on), and the layer that is probably missing.</summary>
[Collection(KerasCollection.Name)]
public class FitErrorTests
{
    private static Sequential Classifier()
    {
        var model = new Sequential([new Dense(3, inputShape: [4], activation: "softmax")]);
        model.Compile("adam", "categorical_crossentropy", ["accuracy"]);
        return model;
    }

    private static readonly Tensor X = Tensor.RandomUniform([64, 4], seed: 1);
    private static readonly Tensor Labels = Tensor.FromData(Enumerable.Range(0, 64).Select(i => (float)(i % 3)).ToArray(), [64]);

    [Fact]
    public void ALossErrorShowsTheShapesOfAllTheDataNotOfTheProbe()
    {
        var e = Assert.ThrowsAny<ArgumentException>(() => Classifier().Fit(X, Labels, verbose: 0));
        Assert.Contains("(64,)", e.Message);
        Assert.Contains("(64, 3)", e.Message);
        Assert.DoesNotContain("(2,)", e.Message);
        Assert.DoesNotContain("(2, 3)", e.Message);
    }

    [Fact]
    public void AMetricErrorShowsTheShapesOfAllTheDataToo()
    {
        var model = new Sequential([new Dense(3, inputShape: [4])]);
        model.Compile("adam", "mse", [new SparseCategoricalAccuracy()]);
        var y = Tensor.Zeros([64, 3]);
        var e = Assert.ThrowsAny<ArgumentException>(() => model.Fit(X, y, batchSize: 16, verbose: 0));
        Assert.Contains("(64, 3)", e.Message);
        Assert.DoesNotContain("(16, 3)", e.Message);
    }

    [Fact]
    public void EvaluateAndPredictNameThemselves()
    {
        var model = Classifier();
        var evaluate = Assert.Throws<ShapeException>(() => model.Evaluate(X, Labels[0..10]));
        Assert.StartsWith("Evaluate:", evaluate.Message);
        var loss = Assert.ThrowsAny<ArgumentException>(() => model.Evaluate(X, Labels));
        Assert.StartsWith("Evaluate:", loss.Message);
        Assert.Contains("(64,)", loss.Message);
        var fit = Assert.Throws<ShapeException>(() => model.Fit(X, Labels[0..10], verbose: 0));
        Assert.StartsWith("Fit:", fit.Message);
        Assert.Contains("Evaluate:", Assert.Throws<ArgumentException>(() => model.Evaluate(X, Labels, batchSize: 0)).Message);
    }

    [Fact]
    public void BadValidationDataIsNamedAsSuch()
    {
        var model = Classifier();
        var oneHot = Preprocessing.ToCategorical(Labels, 3);
        var e = Assert.ThrowsAny<ArgumentException>(() => model.Fit(X, oneHot, verbose: 0, validationData: (X[0..8], Labels[0..8])));
        Assert.StartsWith("Fit: validationData:", e.Message);
        Assert.Contains("(8,)", e.Message);
    }

    [Fact]
    public void ACnnWithoutFlattenIsToldToAddOne()
    {
        var model = new Sequential([
            new Conv2D(4, 3, activation: "relu", inputShape: [8, 8, 1]),
            new MaxPooling2D(2),
            new Dense(3, activation: "softmax"),
        ]);
        model.Compile("adam", "categorical_crossentropy", ["accuracy"]);
        var x = Tensor.RandomUniform([64, 8, 8, 1], seed: 2);
        var y = Preprocessing.ToCategorical(Labels, 3);
        var e = Assert.ThrowsAny<ArgumentException>(() => model.Fit(x, y, verbose: 0));
        Assert.Contains("Flatten", e.Message);
        Assert.Contains("(64, 3, 3, 3)", e.Message);
        Assert.Contains("(64, 3)", e.Message);
    }

    [Fact]
    public void ALabelOutOfRangeAnywhereIsFoundBeforeTrainingAndNamedByItsPlaceInTheData()
    {
        var model = new Sequential([new Dense(3, inputShape: [4], activation: "softmax")]);
        model.Compile("adam", "sparse_categorical_crossentropy", ["accuracy"]);
        var before = model.GetWeights()[0].ToArray();
        var labels = Labels.ToArray();
        labels[40] = 3;
        var y = Tensor.FromData(labels, [64]);

        var fit = Assert.ThrowsAny<ArgumentException>(() => model.Fit(X, y, verbose: 0));
        Assert.StartsWith("Fit: ", fit.Message);
        Assert.Contains("label 3 at example 40 ", fit.Message);
        Assert.Equal(before, model.GetWeights()[0].ToArray()); // refused before the first step
        var evaluate = Assert.ThrowsAny<ArgumentException>(() => model.Evaluate(X, y));
        Assert.StartsWith("Evaluate: ", evaluate.Message);
        Assert.Contains("label 3 at example 40 ", evaluate.Message);
        var validation = Assert.ThrowsAny<ArgumentException>(() => model.Fit(X, Labels, verbose: 0, validationData: (X, y)));
        Assert.StartsWith("Fit: validationData: ", validation.Message);
        Assert.Contains("label 3 at example 40 ", validation.Message);
        // In the part validationSplit holds out (the last 16 examples), the example keeps its number in the data given.
        labels[40] = 1;
        labels[60] = 1.5f;
        var split = Assert.ThrowsAny<ArgumentException>(() => model.Fit(X, Tensor.FromData(labels, [64]), verbose: 0, validationSplit: 0.25f));
        Assert.StartsWith("Fit: validationSplit: ", split.Message);
        Assert.Contains("label 1.5 at example 60 ", split.Message);
    }

    [Fact]
    public void InputsOfTheWrongShapeNameTheMethod()
    {
        var model = Classifier();
        var wide = Tensor.Zeros([64, 5]);
        var oneHot = Preprocessing.ToCategorical(Labels, 3);
        var fit = Assert.Throws<ShapeException>(() => model.Fit(wide, oneHot, verbose: 0));
        Assert.StartsWith("Fit: ", fit.Message);
        Assert.Contains("(None, 5)", fit.Message);
        Assert.StartsWith("Evaluate: ", Assert.Throws<ShapeException>(() => model.Evaluate(wide, oneHot)).Message);
        Assert.StartsWith("Predict: ", Assert.Throws<ShapeException>(() => model.Predict(wide)).Message);
    }

    [Fact]
    public void ValidationInputsOfTheWrongShapeAreNamedAsSuch()
    {
        var oneHot = Preprocessing.ToCategorical(Labels, 3);
        var e = Assert.Throws<ShapeException>(() => Classifier().Fit(X, oneHot, verbose: 0, validationData: (Tensor.Zeros([8, 5]), oneHot[0..8])));
        Assert.StartsWith("Fit: validationData: ", e.Message);
        Assert.Contains("(None, 5)", e.Message);
    }

    [Fact]
    public void SettingsErrorsNameTheMethodToo()
    {
        var oneHot = Preprocessing.ToCategorical(Labels, 3);
        var model = Classifier();
        Assert.StartsWith("Fit: epochs", Assert.Throws<ArgumentException>(() => model.Fit(X, oneHot, epochs: 0, verbose: 0)).Message);
        Assert.StartsWith("Fit: batchSize", Assert.Throws<ArgumentException>(() => model.Fit(X, oneHot, batchSize: -5, verbose: 0)).Message);
        Assert.StartsWith("Fit: initialEpoch", Assert.Throws<ArgumentException>(() => model.Fit(X, oneHot, epochs: 3, initialEpoch: 5, verbose: 0)).Message);
        Assert.StartsWith("Fit: validationSplit", Assert.Throws<ArgumentException>(() => model.Fit(X, oneHot, validationSplit: 1.5f, verbose: 0)).Message);
        Assert.StartsWith("Fit: classWeight", Assert.Throws<ArgumentException>(() =>
            model.Fit(X, oneHot, classWeight: new Dictionary<int, float> { [0] = 1, [1] = 2 }, verbose: 0)).Message);
        Assert.StartsWith("Predict: batchSize", Assert.Throws<ArgumentException>(() => model.Predict(X, batchSize: 0)).Message);
        Assert.StartsWith("Predict: batchSize", Assert.Throws<ArgumentException>(() => model.PredictOutputs([X], batchSize: 0)).Message);
    }

    [Fact]
    public void ASingleExampleWithoutItsExampleAxisIsToldHowToReshapeIt()
    {
        var model = Classifier();
        model.Predict(X); // built
        var one = Tensor.FromArray(new[] { 0.1f, 0.2f, 0.3f, 0.4f });

        var e = Assert.ThrowsAny<ArgumentException>(() => model.Predict(one));
        Assert.StartsWith("Predict: ", e.Message);
        Assert.Contains("shape (4,)", e.Message);
        Assert.Contains("x.Reshape(1, 4)", e.Message);
        Assert.Contains("x.Reshape(4, 1)", e.Message);
    }
}
