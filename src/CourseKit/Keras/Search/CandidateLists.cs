namespace CourseKit;

/// <summary>The candidates a search tries: every combination of a grid, or combinations drawn at random.</summary>
internal static class CandidateLists
{
    /// <summary>More candidates than this is a mistake (it would train for days): the error suggests a random search.</summary>
    public const long MaxGrid = 100_000;

    /// <summary>Every combination of each grid, grid after grid; within a grid the last parameter varies fastest.</summary>
    public static IReadOnlyList<Hyperparameters> Grid(IReadOnlyList<SearchSpace> grids)
    {
        ArgumentNullException.ThrowIfNull(grids);
        if (grids.Count == 0)
            throw new ArgumentException("HyperparameterSearch.Grid: the list of grids is empty; give at least one, e.g. [new() { [\"units\"] = [8, 16] }].", nameof(grids));
        var candidates = new List<Hyperparameters>();
        foreach (var grid in grids)
        {
            ArgumentNullException.ThrowIfNull(grid);
            var values = Listed(grid, "Grid");
            long size = Size(values);
            if (candidates.Count + size > MaxGrid)
                throw new ArgumentException($"HyperparameterSearch.Grid: the grid has {FormatText.Count(candidates.Count + size)} combinations, each trained once per fold; " +
                                            $"that would take far too long. Give fewer values, or draw some combinations with HyperparameterSearch.Random(…, iterations: 20).", nameof(grids));
            for (long i = 0; i < size; i++) candidates.Add(Point(grid, values, i));
        }
        return candidates;
    }

    /// <summary>
    /// <paramref name="iterations"/> candidates drawn from <paramref name="space"/>, as scikit-learn's <c>ParameterSampler</c>:
    /// when every parameter is a list, distinct combinations of the grid (at most all of them, with a warning when fewer
    /// than asked); otherwise each parameter drawn on its own, from its list or distribution, so repeats are possible.
    /// </summary>
    public static IReadOnlyList<Hyperparameters> Random(SearchSpace space, int iterations, Random random)
    {
        ArgumentNullException.ThrowIfNull(space);
        if (iterations < 1)
            throw new ArgumentException($"HyperparameterSearch.Random: iterations must be at least 1 (how many candidates to draw), got {iterations}.", nameof(iterations));
        CheckNotEmpty(space, "Random");
        foreach (var (name, values) in space)
            if (values.All is { Count: 0 })
                throw EmptyList(name, "Random");

        if (space.All(p => p.Value.IsList))
        {
            var lists = space.Select(p => p.Value.All!).ToList();
            long size = Size(lists);
            if (iterations > size)
            {
                Warnings.Write($"HyperparameterSearch.Random: the search space has only {FormatText.Plural(size, "combination")}, fewer than the {iterations} iterations asked for; " +
                               $"trying each once. (A grid search would try them in order; a distribution such as ParameterValues.LogUniform gives more.)");
                iterations = (int)size;
            }
            return DistinctIndices(size, iterations, random).Select(i => Point(space, lists, i)).ToList();
        }
        return Enumerable.Range(0, iterations)
            .Select(_ => new Hyperparameters(space.Select(p => new KeyValuePair<string, object>(p.Key, p.Value.Sample(random))).ToList()))
            .ToList();
    }

    /// <summary>Each parameter's values for a grid: every one must be listable.</summary>
    private static List<IReadOnlyList<object>> Listed(SearchSpace grid, string method)
    {
        CheckNotEmpty(grid, method);
        var lists = new List<IReadOnlyList<object>>();
        foreach (var (name, values) in grid)
        {
            var all = values.All ?? throw new ArgumentException(
                $"HyperparameterSearch.Grid: \"{name}\" is a {values} distribution, with infinitely many values; a grid tries every value, so give a list " +
                $"such as [0.001, 0.01, 0.1], or draw from the distribution with HyperparameterSearch.Random(…, iterations: 20).", "grid");
            if (all.Count == 0) throw EmptyList(name, method);
            lists.Add(all);
        }
        return lists;
    }

    private static void CheckNotEmpty(SearchSpace space, string method)
    {
        if (space.Count == 0)
            throw new ArgumentException($"HyperparameterSearch.{method}: the search space is empty; name at least one parameter with its values, " +
                                        "e.g. new() { [\"units\"] = [8, 16] }.", method == "Grid" ? "grid" : "space");
    }

    private static ArgumentException EmptyList(string name, string method) =>
        new($"HyperparameterSearch.{method}: \"{name}\" has an empty list of values; give at least one, e.g. [\"{name}\"] = [8, 16].", method == "Grid" ? "grid" : "space");

    /// <summary>The number of combinations (capped just above <see cref="MaxGrid"/> · <see cref="int.MaxValue"/> so it cannot overflow).</summary>
    private static long Size(IEnumerable<IReadOnlyList<object>> lists) =>
        lists.Aggregate(1L, (product, list) => Math.Min(product * list.Count, long.MaxValue / int.MaxValue));

    /// <summary>Combination number <paramref name="index"/> of the grid, counting with the last parameter fastest.</summary>
    private static Hyperparameters Point(SearchSpace space, List<IReadOnlyList<object>> lists, long index)
    {
        var names = space.Names;
        var chosen = new KeyValuePair<string, object>[lists.Count];
        for (int p = lists.Count - 1; p >= 0; p--)
        {
            chosen[p] = new(names[p], lists[p][(int)(index % lists[p].Count)]);
            index /= lists[p].Count;
        }
        return new Hyperparameters(chosen);
    }

    /// <summary><paramref name="count"/> different numbers from 0 … <paramref name="size"/> − 1, in the order drawn.</summary>
    private static IEnumerable<long> DistinctIndices(long size, int count, Random random)
    {
        if (size <= 2L * count)
            return random.Permutation((int)size).Take(count).Select(i => (long)i).ToList();
        var seen = new HashSet<long>();
        var drawn = new List<long>(count);
        while (drawn.Count < count)
        {
            long index = random.NextInt64(size);
            if (seen.Add(index)) drawn.Add(index);
        }
        return drawn;
    }
}
