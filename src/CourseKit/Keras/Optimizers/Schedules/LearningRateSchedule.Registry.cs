using System.Text.Json.Nodes;

namespace CourseKit;

public abstract partial class LearningRateSchedule
{
    /// <summary>The schedules <see cref="FromConfig"/> can recreate, by Keras's class name.</summary>
    public static IReadOnlyList<string> Names { get; } = ["ExponentialDecay", "InverseTimeDecay", "PiecewiseConstantDecay"];

    /// <summary>
    /// Recreates a schedule saved as Keras serializes it, <c>{"class_name": "ExponentialDecay", "config": {…}}</c>
    /// (what an optimizer's config holds as its "learning_rate").
    /// </summary>
    /// <exception cref="ArgumentException">The class is unknown or a setting is missing, unknown or of the wrong type.</exception>
    public static LearningRateSchedule FromConfig(JsonObject serialized)
    {
        ArgumentNullException.ThrowIfNull(serialized);
        var className = ConfigReader.Text(serialized["class_name"]);
        if (serialized["config"] is not JsonObject config)
            throw new ArgumentException(
                $"A saved learning-rate schedule should look like {{\"class_name\": \"ExponentialDecay\", \"config\": {{…}}}}, got {serialized.ToJsonString()}.",
                nameof(serialized));
        var reader = OptimizerConfig.Reader(config, $"The config of schedule \"{className}\"");
        LearningRateSchedule schedule = className switch
        {
            "ExponentialDecay" => ExponentialDecay.FromConfig(reader),
            "InverseTimeDecay" => InverseTimeDecay.FromConfig(reader),
            "PiecewiseConstantDecay" => PiecewiseConstantDecay.FromConfig(reader),
            _ => throw new ArgumentException(
                $"Unknown learning-rate schedule \"{className}\".{NameLookup.DidYouMean(className, Names)} CourseKit knows {string.Join(", ", Names)}.", nameof(serialized)),
        };
        reader.CheckAllRead();
        return schedule;
    }

    /// <summary>The schedule as Keras serializes it inside an optimizer's config: its class name and <see cref="GetConfig"/>.</summary>
    public Dictionary<string, object?> Serialize() => new() { ["class_name"] = GetType().Name, ["config"] = GetConfig() };
}
