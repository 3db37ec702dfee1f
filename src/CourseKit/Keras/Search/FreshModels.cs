namespace CourseKit;

/// <summary>
/// Calls a search's model-building function and checks what it returns: a compiled model that shares nothing with the
/// model built before it. A layer or optimizer made once outside the function and reused would carry the weights or
/// the optimizer's memory from one fold to the next, and every score after the first would be wrong without any
/// sign of it.
/// </summary>
internal sealed class FreshModels(Func<Hyperparameters, Model> build)
{
    private Model? _previous;

    /// <summary>A new model for <paramref name="parameters"/>, checked.</summary>
    public Model Build(Hyperparameters parameters)
    {
        var model = build(parameters) ?? throw new InvalidOperationException(
            $"HyperparameterSearch: the build function returned null for {parameters}; it must return a new, compiled model.");
        if (model.Optimizer is null)
            throw new InvalidOperationException(
                $"HyperparameterSearch: the build function returned model \"{model.Name}\" without compiling it; call model.Compile(optimizer, loss, metrics) " +
                "inside the function, before returning the model.");
        if (_previous is { } previous)
        {
            if (ReferenceEquals(model, previous))
                throw Reused($"the same model object (\"{model.Name}\")", "create the model inside the function (new Sequential(…))");
            if (model.Layers.FirstOrDefault(previous.Layers.Contains) is { } layer)
                throw Reused($"the same layer \"{layer.Name}\"", "create every layer inside the function");
            if (ReferenceEquals(model.Optimizer, previous.Optimizer))
                throw Reused($"the same optimizer object ({model.Optimizer.GetType().Name})",
                             "create the optimizer inside the function (new Adam(learningRate: …)) or pass its name (\"adam\")");
        }
        _previous = model;
        return model;
    }

    private static InvalidOperationException Reused(string what, string fix) =>
        new($"HyperparameterSearch: the build function returned {what} twice. Every fold must start from a fresh model, or it would " +
            $"continue from the weights another fold trained; {fix}, so that each call makes new ones.");
}
