using System.Text.Json.Nodes;
using Xunit.Sdk;

namespace CourseKit.Tests.Conformance;

/// <summary>The harness itself: it must fail on wrong numbers and on cases it does not understand.</summary>
public class HarnessSelfTests
{
    [Fact]
    [Trait("Category", "Conformance")]
    public void ComparisonAcceptsValuesWithinTolerance()
    {
        Tolerance.AssertClose("self", "output", [1f, 2.0001f], [2], [1, 2], [2], rtol: 1e-4, atol: 0);
        Tolerance.AssertClose("self", "output", 0.5f, 0.5000005, rtol: 0, atol: 1e-6);
    }

    [Fact]
    [Trait("Category", "Conformance")]
    public void ComparisonNamesCaseQuantityIndexAndValues()
    {
        var e = Assert.Throws<XunitException>(() =>
            Tolerance.AssertClose("demo.json/case on cpu", "kernel grad", [0f, 1f, 2f, 3.5f], [2, 2], [0, 1, 2, 3], [2, 2], rtol: 1e-4, atol: 1e-5));
        Assert.Contains("demo.json/case on cpu", e.Message);
        Assert.Contains("kernel grad", e.Message);
        Assert.Contains("index 3 [1, 1]", e.Message);
        Assert.Contains("actual 3.5", e.Message);
        Assert.Contains("expected 3", e.Message);
    }

    [Fact]
    [Trait("Category", "Conformance")]
    public void ComparisonRejectsNaNAndShapeMismatch()
    {
        Assert.Throws<XunitException>(() => Tolerance.AssertClose("self", "output", float.NaN, 0, rtol: 1, atol: 1));
        Assert.Throws<XunitException>(() => Tolerance.AssertClose("self", "output", [1f, 2f], [2], [1, 2], [1, 2], rtol: 1, atol: 1));
    }

    [Theory]
    [Trait("Category", "Conformance")]
    [InlineData("activations.json", "expected_output", "output")]
    [InlineData("activations.json", "expected_input_grad", "input grad")]
    [InlineData("layers.json", "expected_output", "output")]
    [InlineData("layers.json", "expected_input_grad", "input grad")]
    [InlineData("layers.json", "expected_weight_grads.kernel", "kernel grad")]
    [InlineData("layers.json", "expected_weight_grads.bias", "bias grad")]
    public void PerturbedExpectedValueFails(string file, string path, string quantity)
    {
        var c = FirstCase(file, c => Resolve(c.Json, path) is not null);
        Run(c, Device.Reference); // passes as stored

        var data = (JsonArray)Resolve(c.Json, path)!["data"]!;
        data[1] = data[1]!.GetValue<double>() + 1e-2;
        var e = Assert.Throws<XunitException>(() => Run(c, Device.Reference));
        Assert.Contains($"{c.Label} on reference: {quantity} differs at index 1", e.Message);
    }

    [Fact]
    [Trait("Category", "Conformance")]
    public void PerturbedBatchNormStateAndFactFail()
    {
        var bn = FirstCase("layers.json", c => c.TryString("layer") == "BatchNormalization" && c.Json["config"]!["training"]!.GetValue<bool>());
        var variance = (JsonArray)bn.Json["expected_state"]!["moving_variance"]!["data"]!;
        variance[0] = variance[0]!.GetValue<double>() * 1.01;
        Assert.Contains("state moving_variance differs at index 0", Assert.Throws<XunitException>(() => Run(bn, Device.Cpu)).Message);

        var fact = FirstCase("lectures.json", c => c.Name == "max_pool_2x2_stride2");
        Run(fact, Device.Cpu);
        ((JsonArray)fact.Json["value"]!["data"]!)[3] = 9.0;
        Assert.Contains("pooled differs at index 3", Assert.Throws<XunitException>(() => Run(fact, Device.Cpu)).Message);
    }

    [Theory]
    [Trait("Category", "Conformance")]
    [InlineData("kind", "\"tensor\"", "unknown kind")]
    [InlineData("activation", "\"mish\"", "not an activation")]
    [InlineData("surprise", "1", "unknown key \"surprise\"")]
    public void UnknownActivationCaseContentFails(string key, string json, string message)
    {
        var c = FirstCase("activations.json", _ => true);
        c.Json[key] = JsonNode.Parse(json);
        Assert.Contains(message, Assert.Throws<XunitException>(() => Run(c, Device.Reference)).Message);
    }

    [Theory]
    [Trait("Category", "Conformance")]
    [InlineData("layer", "\"LSTM\"", "unknown layer type")]
    [InlineData("config.dilation_rate", "2", "unknown key \"dilation_rate\"")]
    [InlineData("weights.extra", "{\"shape\": [1], \"data\": [0]}", "unknown key \"extra\"")]
    public void UnknownLayerCaseContentFails(string path, string json, string message)
    {
        var c = FirstCase("layers.json", c => c.TryString("layer") == "Conv2D");
        var parts = path.Split('.');
        var target = parts.Length == 1 ? c.Json : (JsonObject)c.Json[parts[0]]!;
        target[parts[^1]] = JsonNode.Parse(json);
        Assert.Contains(message, Assert.Throws<XunitException>(() => Run(c, Device.Reference)).Message);
    }

    [Fact]
    [Trait("Category", "Conformance")]
    public void UnknownFactFails()
    {
        var c = FirstCase("lectures.json", _ => true);
        c.Json["name"] = "a_new_fact";
        Assert.Contains("unknown fact", Assert.Throws<XunitException>(() => Run(c, Device.Reference)).Message);
    }

    [Fact]
    [Trait("Category", "Conformance")]
    public void KnownDataErrorSkipsOnlyWhileTheWrongValueIsStored()
    {
        var fact = FirstCase("lectures.json", c => c.Name == "matrix_product_example");
        var data = (JsonArray)fact.Json["value"]!["data"]!;
        data[0] = 11.0;
        Assert.NotNull(ConformanceRunner.KnownDataError(fact));
        data[0] = 14.0; // the corrected value: the case runs and passes
        Assert.Null(ConformanceRunner.KnownDataError(fact));
        Run(fact, Device.Reference);
        Run(fact, Device.Cpu);
    }

    [Fact]
    [Trait("Category", "Conformance")]
    public void MissingFolderFailsWithHelp()
    {
        var missing = Path.Combine(Path.GetTempPath(), "coursekit-no-such-folder-" + Guid.NewGuid().ToString("N"));
        var catalog = ConformanceCases.LoadFrom(missing, "for this test");
        Assert.Empty(catalog.Cases);
        Assert.Contains(missing, catalog.SetupError);
        Assert.Contains(ConformanceCases.DirectoryVariable, catalog.SetupError);
    }

    /// <summary>Runs a case, turning a skip into a failure (these cases must run).</summary>
    private static void Run(ConformanceCase c, Device device)
    {
        try { ConformanceRunner.Run(c, device); }
        catch (Xunit.SkipException e) { throw new XunitException($"{c.Label} was skipped: {e.Message}"); }
    }

    /// <summary>A private, editable copy of the first case of <paramref name="file"/> that matches.</summary>
    private static ConformanceCase FirstCase(string file, Func<ConformanceCase, bool> match) =>
        (ConformanceCases.All.FirstOrDefault(c => c.File == file && match(c))
         ?? throw new XunitException($"{file} in {ConformanceCases.Folder} has no case this self-test can use.")).Clone();

    private static JsonObject? Resolve(JsonObject o, string path)
    {
        JsonNode? node = o;
        foreach (var part in path.Split('.')) node = node?[part];
        return node as JsonObject;
    }
}
