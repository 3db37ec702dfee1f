using System.Text.RegularExpressions;

namespace CourseKit.Cli.Assignments;

/// <summary>
/// The solution regions of an answer cell: from a <c>// BEGIN SOLUTION</c> line to the next <c>// END SOLUTION</c>
/// line (any indentation). In the student's version each region becomes one line at the BEGIN line's indentation:
/// <c>throw new NotImplementedException("your code here");</c>, or the code after <c>stub:</c> when the BEGIN line
/// says <c>// BEGIN SOLUTION stub: double z = double.NaN;</c>.
/// </summary>
public static partial class SolutionRegions
{
    /// <summary>The line a region becomes when its BEGIN line gives no stub: it compiles, and fails clearly when run.</summary>
    public const string DefaultStub = "throw new NotImplementedException(\"your code here\");";

    /// <summary>One region: the lines (from 0) of its BEGIN and END, the BEGIN line's indentation, and its stub.</summary>
    public sealed record Region(int Begin, int End, string Indent, string Stub);

    [GeneratedRegex(@"^(?<indent>\s*)//\s*BEGIN\s+SOLUTION\b(?<rest>.*)$")]
    private static partial Regex BeginLine();

    [GeneratedRegex(@"^\s*//\s*END\s+SOLUTION\b(?<rest>.*)$")]
    private static partial Regex EndLine();

    [GeneratedRegex(@"^\s+stub:\s*(?<stub>\S.*?)\s*$")]
    private static partial Regex StubText();

    public static bool IsBegin(string line) => BeginLine().IsMatch(line);

    public static bool IsEnd(string line) => EndLine().IsMatch(line);

    /// <summary>The regions of a cell's lines; wrong nesting, an END without BEGIN or a BEGIN never closed go to <paramref name="problems"/>.</summary>
    public static List<Region> Find(string[] lines, List<string> problems)
    {
        var regions = new List<Region>();
        (int Line, string Indent, string Stub)? open = null;
        for (int i = 0; i < lines.Length; i++)
        {
            if (BeginLine().Match(lines[i]) is { Success: true } begin)
            {
                var rest = begin.Groups["rest"].Value;
                string stub = DefaultStub;
                if (StubText().Match(rest) is { Success: true } s) stub = s.Groups["stub"].Value;
                else if (rest.Trim().Length > 0)
                    problems.Add($"line {i + 1}: «{lines[i].Trim()}» has text after BEGIN SOLUTION; write nothing there, or " +
                                 "\"stub: CODE\" to give the line the student gets instead of the default throw");
                if (open is { } outer)
                    problems.Add($"line {i + 1}: BEGIN SOLUTION inside the region opened on line {outer.Line + 1}; close that one first with // END SOLUTION");
                else open = (i, begin.Groups["indent"].Value, stub);
            }
            else if (EndLine().Match(lines[i]) is { Success: true } end)
            {
                if (end.Groups["rest"].Value.Trim().Length > 0)
                    problems.Add($"line {i + 1}: «{lines[i].Trim()}» has text after END SOLUTION; write nothing there");
                if (open is { } region)
                {
                    regions.Add(new Region(region.Line, i, region.Indent, region.Stub));
                    open = null;
                }
                else problems.Add($"line {i + 1}: END SOLUTION without a BEGIN SOLUTION above it; add // BEGIN SOLUTION where the solution starts, or remove this line");
            }
        }
        if (open is { } unclosed)
            problems.Add($"line {unclosed.Line + 1}: BEGIN SOLUTION is never closed; add a line // END SOLUTION where the solution ends");
        return regions;
    }

    /// <summary>The lines with each region replaced by its stub line.</summary>
    public static string Stub(string[] lines, IReadOnlyList<Region> regions)
    {
        var kept = new List<string>();
        int next = 0;
        foreach (var region in regions)
        {
            kept.AddRange(lines[next..region.Begin]);
            kept.Add(region.Indent + region.Stub);
            next = region.End + 1;
        }
        kept.AddRange(lines[next..]);
        return string.Join("\n", kept);
    }
}
