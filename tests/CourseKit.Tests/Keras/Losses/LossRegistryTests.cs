using System.Text.Json;
using System.Text.Json.Nodes;

namespace CourseKit.Tests.Keras.Losses;

/// <summary>Loss.Get (Keras's names and aliases), the string conversion, and Loss.FromConfig for saved models.</summary>
public class LossRegistryTests
{
    [Theory]
    [InlineData("mean_squared_error", typeof(MeanSquaredError))]
    [InlineData("mse", typeof(MeanSquaredError))]
    [InlineData("MSE", typeof(MeanSquaredError))]
    [InlineData("MeanSquaredError", typeof(MeanSquaredError))]
    [InlineData("mean_absolute_error", typeof(MeanAbsoluteError))]
    [InlineData("mae", typeof(MeanAbsoluteError))]
    [InlineData("huber", typeof(Huber))]
    [InlineData("huber_loss", typeof(Huber))]
    [InlineData("binary_crossentropy", typeof(BinaryCrossentropy))]
    [InlineData(" Binary_Crossentropy ", typeof(BinaryCrossentropy))]
    [InlineData("categorical_crossentropy", typeof(CategoricalCrossentropy))]
    [InlineData("sparse_categorical_crossentropy", typeof(SparseCategoricalCrossentropy))]
    [InlineData("SparseCategoricalCrossentropy", typeof(SparseCategoricalCrossentropy))]
    public void GetKnowsKerasNamesAliasesAndClassNames(string name, Type type) => Assert.IsType(type, Loss.Get(name));

    [Fact]
    public void GetGivesKerasDefaults()
    {
        Assert.False(Assert.IsType<BinaryCrossentropy>(Loss.Get("binary_crossentropy")).FromLogits);
        Assert.Equal(0f, ((BinaryCrossentropy)Loss.Get("binary_crossentropy")).LabelSmoothing);
        Assert.False(((SparseCategoricalCrossentropy)Loss.Get("sparse_categorical_crossentropy")).FromLogits);
        Assert.Equal(1f, ((Huber)Loss.Get("huber")).Delta);
        Assert.Equal("mean_squared_error", Loss.Get("mse").Name);
    }

    [Fact]
    public void AStringStandsForTheLoss()
    {
        Loss loss = "categorical_crossentropy";
        Assert.IsType<CategoricalCrossentropy>(loss);
    }

    [Fact]
    public void UnknownNamesListTheValidOnes()
    {
        var e = Assert.Throws<ArgumentException>(() => Loss.Get("binary_crosentropy"));
        Assert.Contains("Unknown loss \"binary_crosentropy\". Did you mean \"binary_crossentropy\"?", e.Message);
        Assert.Contains("Valid names: mean_squared_error, mse, mean_absolute_error, mae, huber, binary_crossentropy, categorical_crossentropy, " +
                        "sparse_categorical_crossentropy.", e.Message);

        e = Assert.Throws<ArgumentException>(() => Loss.Get("accuracy"));
        Assert.Contains("\"accuracy\" is a metric, not a loss", e.Message);

        Assert.Throws<ArgumentNullException>(() => Loss.Get(null!));
    }

    public static IEnumerable<object[]> Losses() =>
    [
        [new MeanSquaredError()], [new MeanAbsoluteError()], [new Huber(delta: 2.5f)],
        [new BinaryCrossentropy(fromLogits: true, labelSmoothing: 0.1f)], [new CategoricalCrossentropy(fromLogits: true, labelSmoothing: 0.2f)],
        [new SparseCategoricalCrossentropy(fromLogits: true)],
    ];

    [Theory]
    [MemberData(nameof(Losses))]
    public void FromConfigRecreatesTheLossFromItsSavedConfig(Loss loss)
    {
        // as a saved model would: GetConfig → JSON text → JsonObject → FromConfig
        var json = JsonSerializer.Serialize(loss.GetConfig());
        var again = Loss.FromConfig(JsonNode.Parse(json)!.AsObject());
        Assert.IsType(loss.GetType(), again);
        Assert.Equal(json, JsonSerializer.Serialize(again.GetConfig()));

        var serialized = new JsonObject { ["module"] = "keras.losses", ["class_name"] = loss.GetType().Name, ["config"] = JsonNode.Parse(json) };
        Assert.Equal(json, JsonSerializer.Serialize(Loss.FromConfig(serialized).GetConfig()));
    }

    [Fact]
    public void FromConfigReadsKerasSavedConfigs()
    {
        // as Keras 3 writes them, dtype policy included
        var huber = Loss.FromConfig(JsonNode.Parse("""
            {"module": "keras.losses", "class_name": "Huber", "registered_name": null,
             "config": {"name": "huber_loss", "reduction": "sum_over_batch_size", "delta": 0.5,
                        "dtype": {"module": "keras", "class_name": "DTypePolicy", "config": {"name": "float32"}}}}
            """)!.AsObject());
        Assert.Equal(0.5f, Assert.IsType<Huber>(huber).Delta);

        var bce = Loss.FromConfig(JsonNode.Parse("""
            {"name": "binary_crossentropy", "reduction": "sum_over_batch_size", "from_logits": true, "label_smoothing": 0.0, "axis": -1}
            """)!.AsObject());
        Assert.True(Assert.IsType<BinaryCrossentropy>(bce).FromLogits);
        Assert.IsType<MeanSquaredError>(Loss.FromConfig(new JsonObject { ["name"] = "mse" }));
    }

    [Theory]
    [InlineData("""{"name": "binary_crossentropy", "from_logit": true}""", "does not know: from_logit")]
    [InlineData("""{"name": "binary_crossentropy", "from_logits": "yes"}""", "\"from_logits\" should be true or false")]
    [InlineData("""{"name": "mean_squared_error", "reduction": "sum"}""", "\"reduction\" = \"sum\"")]
    [InlineData("""{"name": "categorical_crossentropy", "axis": 1}""", "last axis (-1) only")]
    [InlineData("""{"name": "sparse_categorical_crossentropy", "ignore_class": 0}""", "\"ignore_class\" = 0")]
    [InlineData("""{"name": "hinge"}""", "\"hinge\", which CourseKit does not have")]
    [InlineData("""{"name": "huber", "delta": -1}""", "delta must be a positive number")]
    public void FromConfigRejectsWhatItCannotHonour(string json, string message)
    {
        var e = Assert.ThrowsAny<ArgumentException>(() => Loss.FromConfig(JsonNode.Parse(json)!.AsObject()));
        Assert.Contains(message, e.Message);
    }
}
