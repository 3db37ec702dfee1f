using System.Text.Json;
using System.Text.Json.Nodes;

namespace CourseKit;

/// <summary>
/// Reading what every saved optimizer config has (Keras's base optimizer settings): the learning rate, a number or a
/// schedule; gradient clipping; and Keras features CourseKit does not implement, accepted only while they are off.
/// A problem in an optimizer's or schedule's config is an <see cref="ArgumentException"/> (a bad argument to FromConfig).
/// </summary>
internal static class OptimizerConfig
{
    /// <summary>Keras's base optimizer settings that CourseKit does not implement, with null meaning "off".</summary>
    private static readonly string[] OffWhenNull =
        ["weight_decay", "global_clipnorm", "ema_overwrite_frequency", "loss_scale_factor", "gradient_accumulation_steps"];

    /// <summary>A reader for the config of an optimizer or a learning-rate schedule.</summary>
    public static ConfigReader Reader(JsonObject config, string what) => new(config, what, message => new ArgumentException(message));

    /// <summary>"learning_rate": a number, or a schedule's config (<c>{"class_name": "ExponentialDecay", "config": {…}}</c>).</summary>
    public static (double Rate, LearningRateSchedule? Schedule) LearningRate(this ConfigReader config, double fallback) => config.Node("learning_rate") switch
    {
        null => (fallback, null),
        JsonObject schedule => (0, LearningRateSchedule.FromConfig(schedule)),
        var node => ConfigReader.AsNumber(node) is double rate ? (rate, null) : throw config.Bad("learning_rate", node, "a number or a schedule"),
    };

    /// <summary>"clipnorm" and "clipvalue" (null when absent).</summary>
    public static (double? ClipNorm, double? ClipValue) Clipping(this ConfigReader config) =>
        (config.OptionalNumber("clipnorm"), config.OptionalNumber("clipvalue"));

    /// <summary>
    /// Accepts Keras's base optimizer settings that CourseKit does not implement (weight decay, EMA, …) while they are off
    /// (null, or use_ema false), and fails naming the setting when one is on.
    /// </summary>
    public static void UnimplementedSettingsOff(this ConfigReader config)
    {
        foreach (var key in OffWhenNull)
        {
            if (config.Has(key))
                throw config.Fail($"{config.What} sets \"{key}\" = {config.Node(key)!.ToJsonString()}, which CourseKit's optimizers do not implement; " +
                                  "remove it or set it to null.");
        }
        if (config.Node("use_ema") is { } useEma && useEma.GetValueKind() != JsonValueKind.False)
            throw config.Fail($"{config.What} sets \"use_ema\" = {useEma.ToJsonString()}, which CourseKit's optimizers do not implement; " +
                              "remove it or set it to false.");
        config.Ignore("ema_momentum"); // only matters with use_ema
    }
}
