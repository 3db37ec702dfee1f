namespace CourseKit.Tests.Keras.LayerTests;

/// <summary>The parameter counts Keras's <c>summary()</c> shows for the lectures' networks.</summary>
public class ParameterCountTests
{
    [Fact]
    public void DenseHasInputsTimesUnitsPlusUnits()
    {
        var layer = new Dense(300, activation: "relu");
        layer.Call(new Input([784]));
        Assert.Equal(235_500, layer.CountParams());
    }

    [Fact]
    public void TheFashionMnistMlp()
    {
        // Flatten(28×28) → Dense 300 → Dense 100 → Dense 10, as in the lecture.
        var layers = new Layer[] { new Flatten(inputShape: [28, 28]), new Dense(300, "relu"), new Dense(100, "relu"), new Dense(10, "softmax") };
        KerasTensor x = new Input([28, 28]);
        foreach (var layer in layers) x = layer.Call(x);
        Assert.Equal([10], x.Shape);
        Assert.Equal([0, 235_500, 30_100, 1_010], layers.Select(l => l.CountParams()));
        Assert.Equal(266_610, layers.Sum(l => l.CountParams()));
    }

    [Fact]
    public void TheBanknoteNetwork()
    {
        var hidden = new Dense(8, activation: "sigmoid", inputShape: [2]);
        var output = new Dense(2, activation: "softmax");
        output.Call(hidden.Call(new Input([2])));
        Assert.Equal(24, hidden.CountParams());
        Assert.Equal(18, output.CountParams());
    }

    [Fact]
    public void BatchNormalizationHasFourPerFeatureHalfOfThemTrainable()
    {
        var layer = new BatchNormalization(inputShape: [3]);
        Assert.Equal(12, layer.CountParams());
        Assert.Equal(6, layer.TrainableWeights.Sum(v => v.Size));
        Assert.Equal(6, layer.NonTrainableWeights.Sum(v => v.Size));
    }

    [Fact]
    public void ASmallConvolutionalNetwork()
    {
        var layers = new Layer[] { new Conv2D(32, 3, activation: "relu", inputShape: [28, 28, 1]), new MaxPooling2D(), new Conv2D(64, 3, activation: "relu"),
                                   new MaxPooling2D(), new Flatten(), new Dropout(0.5f), new Dense(10, activation: "softmax") };
        KerasTensor x = new Input([28, 28, 1]);
        var shapes = new List<int[]>();
        foreach (var layer in layers) shapes.Add((x = layer.Call(x)).Shape);
        Assert.Equal([[26, 26, 32], [13, 13, 32], [11, 11, 64], [5, 5, 64], [1600], [1600], [10]], shapes);
        Assert.Equal([320, 0, 18_496, 0, 0, 0, 16_010], layers.Select(l => l.CountParams()));
    }
}
