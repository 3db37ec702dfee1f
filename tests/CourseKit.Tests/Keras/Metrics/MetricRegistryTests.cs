namespace CourseKit.Tests.Keras.Metrics;

/// <summary>Metric.Get: Keras's names, aliases and class names, named as asked; the string conversion; unknown names.</summary>
public class MetricRegistryTests
{
    [Theory]
    [InlineData("binary_accuracy", typeof(BinaryAccuracy), "binary_accuracy")]
    [InlineData("BinaryAccuracy", typeof(BinaryAccuracy), "binary_accuracy")]
    [InlineData("categorical_accuracy", typeof(CategoricalAccuracy), "categorical_accuracy")]
    [InlineData("sparse_categorical_accuracy", typeof(SparseCategoricalAccuracy), "sparse_categorical_accuracy")]
    [InlineData("mae", typeof(MeanAbsoluteErrorMetric), "mae")]
    [InlineData("MAE", typeof(MeanAbsoluteErrorMetric), "mae")]
    [InlineData("mean_absolute_error", typeof(MeanAbsoluteErrorMetric), "mean_absolute_error")]
    [InlineData("mse", typeof(MeanSquaredErrorMetric), "mse")]
    [InlineData("mean_squared_error", typeof(MeanSquaredErrorMetric), "mean_squared_error")]
    [InlineData("precision", typeof(Precision), "precision")]
    [InlineData("recall", typeof(Recall), "recall")]
    [InlineData("auc", typeof(AUC), "auc")]
    [InlineData("AUC", typeof(AUC), "auc")]
    [InlineData("accuracy", typeof(Accuracy), "accuracy")]
    [InlineData("acc", typeof(Accuracy), "acc")]
    [InlineData("binary_crossentropy", typeof(BinaryCrossentropyMetric), "binary_crossentropy")]
    [InlineData("categorical_crossentropy", typeof(CategoricalCrossentropyMetric), "categorical_crossentropy")]
    [InlineData("sparse_categorical_crossentropy", typeof(SparseCategoricalCrossentropyMetric), "sparse_categorical_crossentropy")]
    [InlineData("SparseCategoricalCrossentropy", typeof(SparseCategoricalCrossentropyMetric), "sparse_categorical_crossentropy")]
    public void GetKnowsKerasNames(string name, Type type, string shownAs)
    {
        var metric = Metric.Get(name);
        Assert.IsType(type, metric);
        Assert.Equal(shownAs, metric.Name);
    }

    [Fact]
    public void AStringStandsForTheMetric()
    {
        Metric[] metrics = ["mae", "auc"];
        Assert.IsType<MeanAbsoluteErrorMetric>(metrics[0]);
        Assert.IsType<AUC>(metrics[1]);
    }

    [Fact]
    public void UnknownNamesListTheValidOnes()
    {
        var e = Assert.Throws<ArgumentException>(() => Metric.Get("acuracy"));
        Assert.Contains("Unknown metric \"acuracy\". Did you mean \"accuracy\"?", e.Message);
        Assert.Contains("Valid names: accuracy, acc, binary_accuracy, categorical_accuracy, sparse_categorical_accuracy, " +
                        "mean_absolute_error, mae, mean_squared_error, mse, precision, recall, auc, binary_crossentropy, " +
                        "categorical_crossentropy, sparse_categorical_crossentropy.", e.Message);
        e = Assert.Throws<ArgumentException>(() => Metric.Get("huber"));
        Assert.Contains("is a loss", e.Message);
        Assert.Throws<ArgumentNullException>(() => Metric.Get(null!));
    }
}
