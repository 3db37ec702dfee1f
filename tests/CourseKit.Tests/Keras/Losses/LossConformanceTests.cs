using System.Text.Json.Nodes;
using CourseKit.Tests.Conformance;
using Xunit.Sdk;

namespace CourseKit.Tests.Keras.Losses;

/// <summary>The loss cases of the conformance files must be able to fail: a wrong expected value is caught.</summary>
public class LossConformanceTests
{
    public static IEnumerable<object[]> LossCases() =>
        ConformanceCases.All.Where(c => c.Kind == "loss").Select(c => new object[] { c.Name });

    [Theory]
    [MemberData(nameof(LossCases))]
    public void PerturbedExpectedLossOrGradientFails(string name)
    {
        var c = Case(name);
        ConformanceRunner.Run(c, Device.Reference); // passes as stored

        var loss = c.Clone();
        loss.Json["expected_loss"] = loss.Json["expected_loss"]!.GetValue<double>() * 1.01 + 1e-3;
        Assert.Contains($"{c.Label} on reference: loss differs", Assert.Throws<XunitException>(() => ConformanceRunner.Run(loss, Device.Reference)).Message);

        var grad = c.Clone();
        var data = (JsonArray)grad.Json["expected_y_pred_grad"]!["data"]!;
        data[1] = data[1]!.GetValue<double>() + 1e-2;
        Assert.Contains($"{c.Label} on cpu: y_pred grad differs at index 1", Assert.Throws<XunitException>(() => ConformanceRunner.Run(grad, Device.Cpu)).Message);
    }

    [Fact]
    public void TheFilesCoverEveryLoss()
    {
        var names = ConformanceCases.All.Where(c => c.Kind == "loss").Select(c => c.TryString("loss")).ToHashSet();
        Assert.Superset(new HashSet<string?> { "mean_squared_error", "mean_absolute_error", "huber", "binary_crossentropy",
                                               "categorical_crossentropy", "sparse_categorical_crossentropy" }, names);
    }

    private static ConformanceCase Case(string name) =>
        ConformanceCases.All.Single(c => c.Kind == "loss" && c.Name == name).Clone();
}
