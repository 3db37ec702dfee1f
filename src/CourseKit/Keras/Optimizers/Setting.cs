using System.Numerics;

namespace CourseKit;

/// <summary>
/// The checks on the settings of optimizers and learning-rate schedules. Each returns the value when it is allowed and
/// otherwise fails with a message that names the owner, the setting and the value and says what is usual:
/// "adam: beta1 must be in [0, 1) (0.9 is usual), got 1.".
/// </summary>
internal static class Setting
{
    /// <summary>A positive, finite number: a learning rate, a decay factor. The message calls the setting
    /// <paramref name="what"/> when given ("the learning rate"), otherwise by its parameter <paramref name="name"/>.</summary>
    public static T Positive<T>(T value, string owner, string name, string? hint = null, string? what = null) where T : INumber<T> =>
        T.IsFinite(value) && value > T.Zero ? value : throw Invalid(value, owner, name, "be a positive number", hint, what);

    /// <summary>A finite number that is not negative: ε, an accumulator's starting value.</summary>
    public static T NotNegative<T>(T value, string owner, string name, string? hint = null) where T : INumber<T> =>
        T.IsFinite(value) && value >= T.Zero ? value : throw Invalid(value, owner, name, "not be negative", hint);

    /// <summary>How much of a running average is kept at each step (β, ρ): in [0, 1).</summary>
    public static T Decay<T>(T value, string owner, string name, string hint) where T : INumber<T> =>
        value >= T.Zero && value < T.One ? value : throw Invalid(value, owner, name, "be in [0, 1)", hint);

    /// <summary>A fraction in [0, 1]: how much of the previous step momentum keeps.</summary>
    public static T Fraction<T>(T value, string owner, string name, string? hint = null) where T : INumber<T> =>
        value >= T.Zero && value <= T.One ? value : throw Invalid(value, owner, name, "be between 0 and 1", hint);

    private static ArgumentException Invalid<T>(T value, string owner, string name, string rule, string? hint, string? what = null) =>
        new($"{owner}: {what ?? name} must {rule}{(hint is null ? "" : $" ({hint})")}, got {value}.", name);
}
