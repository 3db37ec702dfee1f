namespace CourseKit.Kernel.Tests;

/// <summary>
/// A hyper-parameter search as a notebook writes it: the search space in collection expressions (lists and
/// distributions side by side), the progress table shown once and updated as candidates finish, and the result shown
/// as the ranked table.
/// </summary>
[Collection(NotebookCollection.Name)]
public class SearchTests(Notebook notebook)
{
    [Fact]
    public async Task ASearchWrittenAsInTheCourseRunsAndShowsItsProgressAndResult()
    {
        var cell = await notebook.Run("""
            using CourseKit;
            var (x, y) = Datasets.XorQuadrants(60, seed: 1);
            Model Build(Hyperparameters p)
            {
                var model = new Sequential();
                if (p.Int("units") > 0) model.Add(new Dense(p.Int("units"), inputShape: [2], activation: "tanh"));
                model.Add(new Dense(1, activation: "sigmoid"));
                model.Compile(new Adam(learningRate: p.Double("learningRate")), "binary_crossentropy", ["accuracy"]);
                return model;
            }
            var search = HyperparameterSearch.Random(Build,
                new() { ["units"] = [0, 8], ["learningRate"] = ParameterValues.LogUniform(0.01, 0.1) },
                iterations: 2, fit: new FitSettings(epochs: 5, batchSize: 16), folds: 2, seed: 3);
            var result = search.Run(x, y);
            result
            """);

        var shown = Assert.Single(cell.Displayed);
        Assert.StartsWith("Random search: 2 candidates, stratified 2-fold cross-validation (4 fits of 5 epochs, batches of 16), scored by accuracy", shown.Text());
        Assert.All(cell.Updated, update => Assert.Equal(shown.ValueId, update.ValueId));
        var last = cell.Updated[^1].Text().Split('\n');
        Assert.Equal(4, last.Length);   // heading, two candidates, best
        Assert.StartsWith("[2/2] units=", last[2]);
        Assert.StartsWith("Best: units=", last[3]);
        Assert.Equal("", cell.StandardOutput);

        Assert.Contains("<div class=\"ck ck-search\">", cell.Returned.Html());
        Assert.Contains("learningRate</th>", cell.Returned.Html());
        Assert.StartsWith("Random search: 2 candidates", cell.Returned.Text());
    }
}
