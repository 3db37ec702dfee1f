using System.Globalization;
using System.Text.RegularExpressions;
using CourseKit.Cli.Notebooks;

namespace CourseKit.Cli.Assignments;

/// <summary>
/// Reads the markers of a master notebook (the syntax is in exercises/README.md). Markdown cells carry HTML comments
/// (<c>&lt;!-- QUESTION q1 --&gt;</c>, <c>&lt;!-- ANSWER … --&gt;</c>, <c>&lt;!-- INSTRUCTOR --&gt;</c>,
/// <c>&lt;!-- ASSIGNMENT … --&gt;</c>); code cells carry line comments (<c>// TEST …</c>, <c>// HINT …</c>,
/// <c>// LOCKED</c>, <c>// BEGIN SOLUTION</c> … <c>// END SOLUTION</c>). Every problem in the whole notebook is
/// collected before anything is refused, each naming its cell (counting from 1) and the fix.
/// </summary>
public static partial class MarkerParser
{
    static readonly string[] MarkdownWords = ["ASSIGNMENT", "INSTRUCTOR", "QUESTION", "ANSWER"];
    static readonly string[] CodeWords = ["TEST", "HINT", "LOCKED", "BEGIN SOLUTION", "END SOLUTION"];
    static readonly string[] Settings = ["cell-timeout", "submission-timeout", "memory", "data"];

    /// <summary>Reads and parses the master at <paramref name="path"/>.</summary>
    /// <exception cref="NotebookFormatException">The file is not a notebook.</exception>
    /// <exception cref="AssignmentException">Its markers are wrong.</exception>
    public static MasterNotebook Read(string path) => Parse(NotebookReader.Read(path));

    /// <exception cref="AssignmentException">The markers are wrong.</exception>
    public static MasterNotebook Parse(Notebook notebook) => new Parsing(notebook).Run();

    [GeneratedRegex(@"<!--(?<body>.*?)(?:-->|$)", RegexOptions.Singleline)]
    private static partial Regex HtmlComment();

    [GeneratedRegex(@"^\s*(?<word>[A-Za-z][A-Za-z-]*)(?<rest>.*)$", RegexOptions.Singleline)]
    private static partial Regex LeadingWord();

    [GeneratedRegex(@"^\s*//\s*(?<word>[A-Za-z][A-Za-z-]*)(?<rest>.*)$")]
    private static partial Regex LineComment();

    [GeneratedRegex(@"^\s*(?<hashes>#{1,6})\s+(?<text>.+?)\s*#*\s*$")]
    private static partial Regex Heading();

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9_-]*$")]
    private static partial Regex SimpleId();

    /// <summary>One pass over a master: the state carried from cell to cell, and the problems found.</summary>
    sealed class Parsing(Notebook notebook)
    {
        readonly List<string> problems = [];
        readonly List<MasterCell> cells = [];
        readonly Dictionary<string, (int Cell, string Title)> questions = new(StringComparer.Ordinal);
        readonly Dictionary<string, int> testCells = new(StringComparer.Ordinal);
        readonly string?[] fileIds = CellIds.InFile(notebook);
        string? currentQuestion;
        string? title;
        int settingsCell;
        AssignmentLimits limits = new();
        IReadOnlyList<string>? data;

        public MasterNotebook Run()
        {
            for (int i = 0; i < notebook.Cells.Count; i++)
            {
                var cell = notebook.Cells[i];
                var source = cell.Source.Replace("\r\n", "\n");
                cells.Add(cell.Kind == CellKind.Code ? CodeCell(i + 1, cell, source) : MarkdownCell(i + 1, cell, source));
            }
            CheckTestsAgainstQuestions();
            if (title is null) problems.Add("the notebook has no title; start its first markdown cell with a heading such as \"# Assignment 1: the neuron\"");
            if (problems.Count > 0) throw new AssignmentException(notebook.Path, problems);
            return new MasterNotebook
            {
                Name = Path.GetFileNameWithoutExtension(notebook.Path),
                Notebook = notebook,
                Title = title!,
                Limits = limits,
                DataPatterns = data,
                Cells = cells,
                Questions = questions.OrderBy(q => q.Value.Cell).Select(q => (q.Key, q.Value.Title)).ToList(),
            };
        }

        void Problem(int cell, string text) => problems.Add($"cell {cell}: {text}");

        MasterCell Cell(int number, Cell cell, CellRole role, string source, string studentSource, TestMarker? test = null, bool dropped = false)
        {
            var question = test?.Question ?? currentQuestion;
            return new MasterCell
            {
                Number = number, Cell = cell, Role = role, Dropped = dropped, Question = question, Test = test,
                Source = source, StudentSource = studentSource,
                Id = fileIds[number - 1] ?? CellIds.Derived(number, role, question),
            };
        }

        // ---- markdown cells ----

        MasterCell MarkdownCell(int number, Cell cell, string source)
        {
            var lines = source.Split('\n');
            var inFence = FencedLines(lines);
            int first = Array.FindIndex(lines, l => l.Trim().Length > 0);
            var role = CellRole.Markdown;
            var student = source;
            TestMarker? prose = null;
            bool instructor = false, settingsOnly = false;

            for (int i = 0; i < lines.Length; i++)
            {
                if (inFence[i]) continue;
                if (LineComment().Match(lines[i]) is { Success: true } code && CodeWordAt(code) is { } codeWord)
                    Problem(number, $"«// {codeWord}» is a code marker, but this is a markdown cell; change the cell's type to code (C#)");
            }

            foreach (Match comment in HtmlComment().Matches(source))
            {
                int line = source[..comment.Index].Count(c => c == '\n');
                if (inFence[line] || LeadingWord().Match(comment.Groups["body"].Value) is not { Success: true } lead) continue;
                var word = lead.Groups["word"].Value;
                var rest = lead.Groups["rest"].Value;
                bool closed = comment.Value.EndsWith("-->", StringComparison.Ordinal);
                if (!MarkdownWords.Contains(word))
                {
                    UnknownWord(number, word, markdown: true);
                    continue;
                }
                if (!closed)
                {
                    Problem(number, $"the <!-- {word} marker is not closed; end it with -->");
                    continue;
                }
                switch (word)
                {
                    case "INSTRUCTOR":
                        if (line != first) Problem(number, "<!-- INSTRUCTOR --> must be the first line of its cell (the whole cell is the instructor's note)");
                        if (rest.Trim().Length > 0) Problem(number, "<!-- INSTRUCTOR --> takes nothing after the word; write the note below it");
                        instructor = true;
                        break;
                    case "QUESTION":
                        Question(number, rest, lines);
                        break;
                    case "ASSIGNMENT":
                        AssignmentSettings(number, rest);
                        student = WithoutMarker(source, comment);
                        settingsOnly = student.Trim().Length == 0;
                        break;
                    case "ANSWER":
                        if (line != first || source[..comment.Index].Trim().Length > 0)
                        {
                            Problem(number, "<!-- ANSWER … --> must start its cell (the rest of the cell is the model answer)");
                            break;
                        }
                        prose = ProseAnswer(number, rest, source[(comment.Index + comment.Length)..].Trim());
                        if (prose is not null)
                        {
                            role = CellRole.Prose;
                            student = Unanswered(prose.Id, prose.Points, prose.Description);
                        }
                        break;
                }
            }
            // The title: the notebook's first level-1 heading outside instructor notes.
            for (int i = 0; i < lines.Length && title is null && !instructor; i++)
                if (!inFence[i] && Heading().Match(lines[i]) is { Success: true } h && h.Groups["hashes"].Length == 1)
                    title = h.Groups["text"].Value;
            return Cell(number, cell, role, source, student, prose, dropped: instructor || settingsOnly);
        }

        void Question(int number, string rest, string[] lines)
        {
            var args = Arguments(number, "QUESTION", rest);
            if (args.Unreadable) return;
            if (args.Words.Count != 1 || args.Text is not null || args.Settings.Count > 0)
            {
                Problem(number, "QUESTION takes one id and nothing else, e.g. <!-- QUESTION q1 -->; the title is the cell's heading");
                return;
            }
            var id = args.Words[0];
            if (!SimpleId().IsMatch(id))
                Problem(number, $"question id «{id}» must start with a letter and hold only letters, digits, - and _ (e.g. q1)");
            else if (questions.TryGetValue(id, out var earlier))
                Problem(number, $"question {id} is declared twice (cells {earlier.Cell} and {number}); give each question its own id");
            else if (currentQuestion is not null && questions[currentQuestion].Cell == number)
                Problem(number, $"a cell declares one question; {currentQuestion} and {id} are both declared here");
            else if (lines.Select(l => Heading().Match(l)).FirstOrDefault(m => m.Success) is not { } heading)
                Problem(number, $"question {id} has no title; put a heading such as \"## 1. The neuron\" in the cell of its QUESTION marker");
            else
            {
                questions[id] = (number, heading.Groups["text"].Value);
                currentQuestion = id;
            }
        }

        void AssignmentSettings(int number, string rest)
        {
            if (settingsCell > 0)
            {
                Problem(number, $"the assignment's settings are given twice (cells {settingsCell} and {number}); keep one <!-- ASSIGNMENT … --> marker");
                return;
            }
            settingsCell = number;
            var args = Arguments(number, "ASSIGNMENT", rest);
            var local = new List<string>();
            args.RefuseUnknownSettings("ASSIGNMENT", Settings, local);
            if (args.Words.Count > 0 || args.Text is not null)
                local.Add("ASSIGNMENT takes only settings, e.g. <!-- ASSIGNMENT cell-timeout=120 submission-timeout=900 memory=2048 data=\"mnist/*\" -->");
            limits = new AssignmentLimits
            {
                CellTimeoutSeconds = args.Number("ASSIGNMENT", "cell-timeout", 1, local) ?? limits.CellTimeoutSeconds,
                SubmissionTimeoutSeconds = args.Number("ASSIGNMENT", "submission-timeout", 1, local) ?? limits.SubmissionTimeoutSeconds,
                MemoryMegabytes = (int)(args.Number("ASSIGNMENT", "memory", 64, local) ?? limits.MemoryMegabytes),
            };
            if (args.Settings.TryGetValue("data", out var globs))
            {
                var list = globs.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                foreach (var glob in list.Where(g => Path.IsPathRooted(g) || g.Split('/').Contains("..")))
                    local.Add($"ASSIGNMENT data=\"…\" holds «{glob}»; give paths under the course data folder, without a leading / or ..");
                data = list;
            }
            foreach (var p in local) Problem(number, p);
        }

        TestMarker? ProseAnswer(int number, string rest, string modelAnswer)
        {
            var args = Arguments(number, "ANSWER", rest);
            if (args.Unreadable) return null;
            var local = new List<string>();
            args.RefuseUnknownSettings("ANSWER", ["points", "patterns", "hint"], local);
            var id = TestId(number, "ANSWER", args, expectedWords: 1, local);
            var points = args.Number("ANSWER", "points", 0, local) ?? 1;
            var patterns = args.Settings.TryGetValue("patterns", out var p)
                ? p.Split(" ;; ", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) : [];
            var description = args.Text ?? "";
            int matchingNothing = 0;
            foreach (var pattern in patterns)
            {
                Regex regex;
                try { regex = new Regex(pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)); }
                catch (ArgumentException e)
                {
                    local.Add($"ANSWER {id} has a pattern «{pattern}» that is not a regular expression ({e.Message})");
                    continue;
                }
                if (!regex.IsMatch(modelAnswer))
                    local.Add($"the model answer of {id} does not match its pattern «{pattern}»; change the pattern or the model answer below the marker");
                if (regex.IsMatch("")) matchingNothing++;
            }
            // The grader judges what the student wrote, without the marker and the placeholder: nothing, when unanswered.
            if (patterns.Length > 0 && matchingNothing == patterns.Length)
                local.Add($"the patterns of {id} all match an empty answer, so a cell left unanswered would score; make them specific to a right answer");
            foreach (var problem in local) Problem(number, problem);
            if (id is null || local.Count > 0) return null;
            Register(number, id);
            return new TestMarker(id, id.Split('.')[0], "prose", points, description, args.Settings.GetValueOrDefault("hint")) { Patterns = patterns };
        }

        // ---- code cells ----

        MasterCell CodeCell(int number, Cell cell, string source)
        {
            var lines = source.Split('\n');
            int first = Array.FindIndex(lines, l => l.Trim().Length > 0);
            TestMarker? test = null;
            bool locked = false;
            int hintsUntil = -1;
            var hints = new List<string>();
            for (int i = 0; i < lines.Length; i++)
            {
                if (LineComment().Match(lines[i]) is not { Success: true } comment) continue;
                var word = comment.Groups["word"].Value;
                var rest = comment.Groups["rest"].Value;
                switch (word)
                {
                    case "TEST" when i == first:
                        test = Test(number, rest, source);
                        hintsUntil = i + 1;
                        break;
                    case "TEST":
                        Problem(number, $"line {i + 1}: // TEST must be the first line of its cell; make this a cell of its own");
                        break;
                    case "HINT" when i == hintsUntil:
                        if (rest.Trim().Length == 0) Problem(number, $"line {i + 1}: // HINT is empty; write the hint after the word");
                        else hints.Add(rest.Trim());
                        hintsUntil = i + 1;
                        break;
                    case "HINT":
                        Problem(number, $"line {i + 1}: // HINT belongs right below a // TEST line (or another // HINT)");
                        break;
                    case "LOCKED" when i == first && rest.Trim().Length == 0:
                        locked = true;
                        break;
                    case "LOCKED":
                        Problem(number, i == first
                            ? "// LOCKED takes nothing after the word"
                            : $"line {i + 1}: // LOCKED must be the first line of its cell");
                        break;
                    case "BEGIN" or "END":
                        NearMissOfSolution(number, i, word, rest);
                        break;
                    default:
                        if (MarkdownWords.Contains(word))
                            Problem(number, $"line {i + 1}: {word} is a markdown marker; write <!-- {word} … --> in a markdown cell");
                        else UnknownWord(number, word, markdown: false);
                        break;
                }
            }

            var regionProblems = new List<string>();
            var regions = SolutionRegions.Find(lines, regionProblems);
            foreach (var p in regionProblems) Problem(number, p);
            if (regions.Count > 0 && (test is not null || locked))
                Problem(number, $"a {(locked ? "LOCKED" : "TEST")} cell cannot hold a solution region; put the solution in a cell of its own");
            if (test is not null && hints.Count > 0) test = test with { Hint = string.Join(" ", hints) };

            if (test is not null)
                return Cell(number, cell, test.Visibility == "hidden" ? CellRole.HiddenTest : CellRole.PublicTest, source, source, test);
            if (locked) return Cell(number, cell, CellRole.Locked, source, source);
            if (regions.Count > 0) return Cell(number, cell, CellRole.Answer, source, SolutionRegions.Stub(lines, regions));
            return Cell(number, cell, CellRole.Code, source, source);
        }

        TestMarker? Test(int number, string rest, string source)
        {
            var args = Arguments(number, "TEST", rest);
            if (args.Unreadable) return null;
            var local = new List<string>();
            args.RefuseUnknownSettings("TEST", ["points"], local);
            var id = TestId(number, "TEST", args, expectedWords: 2, local);
            var visibility = args.Words.ElementAtOrDefault(1);
            if (visibility is not ("public" or "hidden"))
                local.Add($"TEST needs public or hidden after the id, e.g. // TEST q1.sigmoid public points=2 \"…\"{(visibility is null ? "" : $"; «{visibility}» is neither")}");
            else if (visibility == "hidden" && !source.Contains("Grading.Report", StringComparison.Ordinal))
                local.Add($"hidden test {id} never calls Grading.Report, so the grader would get nothing from it; " +
                          "send each value to judge with Grading.Report(\"name\", value)");
            var points = args.Number("TEST", "points", 0, local) ?? 1;
            foreach (var problem in local) Problem(number, problem);
            if (id is null || local.Count > 0) return null;
            Register(number, id);
            return new TestMarker(id, id.Split('.')[0], visibility!, points, args.Text!, null);
        }

        /// <summary>The id of a TEST or ANSWER (its first word), with a description in quotes; null when either is wrong.</summary>
        string? TestId(int number, string marker, MarkerArguments args, int expectedWords, List<string> local)
        {
            if (args.Words.Count > expectedWords)
                local.Add($"{marker} has words it does not know: {string.Join(" ", args.Words.Skip(expectedWords))} (settings are written name=value, the description in quotes)");
            if (args.Text is null)
                local.Add($"{marker} needs a description in quotes, e.g. \"computes the sigmoid of a few numbers\"; students see it in their feedback");
            var id = args.Words.FirstOrDefault();
            if (id is null)
            {
                local.Add($"{marker} needs an id, question.name, e.g. q1.sigmoid");
                return null;
            }
            var parts = id.Split('.');
            if (parts.Length != 2 || !SimpleId().IsMatch(parts[0]) || !SimpleId().IsMatch(parts[1]))
            {
                local.Add($"{marker} id «{id}» must be question.name, e.g. q1.sigmoid (letters, digits, - and _, each part starting with a letter)");
                return null;
            }
            if (testCells.TryGetValue(id, out var earlier))
            {
                local.Add($"test id {id} is used twice (cells {earlier} and {number}); give each test its own name");
                return null;
            }
            return id;
        }

        void Register(int number, string id) => testCells[id] = number;

        /// <summary>Every test's question must be declared before it.</summary>
        void CheckTestsAgainstQuestions()
        {
            foreach (var (id, cell) in testCells)
            {
                var question = id.Split('.')[0];
                if (!questions.TryGetValue(question, out var q))
                    Problem(cell, $"test {id} belongs to question {question}, which is never declared; add <!-- QUESTION {question} --> to a markdown cell above it, or fix the id");
                else if (q.Cell > cell)
                    Problem(cell, $"test {id} comes before its question {question} (declared in cell {q.Cell}); move the QUESTION marker above the test");
            }
            foreach (var (id, q) in questions.Where(q => !testCells.Keys.Any(t => t.StartsWith(q.Key + ".", StringComparison.Ordinal))))
                Problem(q.Cell, $"question {id} has no test and no graded answer, so it could score nothing; add a // TEST {id}.name cell or an <!-- ANSWER {id}.name … --> cell");
        }

        MarkerArguments Arguments(int number, string marker, string text)
        {
            var local = new List<string>();
            var args = MarkerArguments.Parse(text, local);
            foreach (var p in local) Problem(number, $"{marker} {p}");
            return args;
        }

        void NearMissOfSolution(int number, int line, string word, string rest)
        {
            var next = LeadingWord().Match(rest) is { Success: true } m ? m.Groups["word"].Value : "";
            if (next == "SOLUTION") return;   // a real region line: SolutionRegions reads it
            var phrase = $"{word} {next}";
            if (word.All(char.IsUpper) && Distance(next, "SOLUTION") <= 2 && next.Length > 0)
                Problem(number, $"line {line + 1}: unknown marker «// {phrase}»; did you mean // {word} SOLUTION?");
        }

        void UnknownWord(int number, string word, bool markdown)
        {
            var known = markdown ? MarkdownWords : CodeWords.Select(w => w.Split(' ')[0]).ToArray();
            var exact = known.FirstOrDefault(k => k.Equals(word, StringComparison.OrdinalIgnoreCase));
            if (markdown && exact is not null && exact != word)
            {
                Problem(number, $"the marker «{word}» must be written in capitals: {exact}");
                return;
            }
            if (markdown && CodeWords.Select(w => w.Split(' ')[0]).Contains(word))
            {
                Problem(number, $"«<!-- {word}» is a code marker, but this is a markdown cell; write // {word} as the first line of a code cell");
                return;
            }
            if (word.Length < 4 || !word.All(c => char.IsUpper(c) || c == '-')) return;   // an ordinary comment
            var near = known.Concat(markdown ? [] : MarkdownWords).Where(k => Distance(word, k) <= 2).ToList();
            if (near.Count > 0)
                Problem(number, $"unknown marker word «{word}»; did you mean {near[0]}? (if it is an ordinary comment, write it in lower case)");
        }

        /// <summary>The code marker a markdown line looks like (<c>// TEST …</c>), or null.</summary>
        static string? CodeWordAt(Match comment)
        {
            var word = comment.Groups["word"].Value;
            var next = LeadingWord().Match(comment.Groups["rest"].Value) is { Success: true } m ? m.Groups["word"].Value : "";
            return word is "TEST" or "HINT" or "LOCKED" ? word
                : word is "BEGIN" or "END" && next == "SOLUTION" ? $"{word} SOLUTION"
                : null;
        }
    }

    /// <summary>The text without the marker; a line that held only the marker goes with it.</summary>
    static string WithoutMarker(string text, Match marker)
    {
        int start = marker.Index, end = marker.Index + marker.Length;
        bool wholeLine = (start == 0 || text[start - 1] == '\n') && (end == text.Length || text[end] == '\n');
        return text.Remove(start, end - start + (wholeLine && end < text.Length ? 1 : 0));
    }

    /// <summary>For each line, whether it is inside a fenced code block (```), where markers are only examples.</summary>
    static bool[] FencedLines(string[] lines)
    {
        var inside = new bool[lines.Length];
        bool open = false;
        for (int i = 0; i < lines.Length; i++)
        {
            bool fence = lines[i].TrimStart().StartsWith("```", StringComparison.Ordinal) || lines[i].TrimStart().StartsWith("~~~", StringComparison.Ordinal);
            inside[i] = open || fence;
            if (fence) open = !open;
        }
        return inside;
    }

    /// <summary>A prose answer's cell as the student gets it: the marker with id, points and description (not its
    /// patterns or hint), and the placeholder.</summary>
    static string Unanswered(string id, double points, string description) =>
        $"<!-- ANSWER {id} points={points.ToString(CultureInfo.InvariantCulture)} \"{description.Replace("\\", "\\\\").Replace("\"", "\\\"")}\" -->\n\n{ProsePlaceholder}";

    /// <summary>What a prose answer cell holds in the student's notebook below its marker.</summary>
    public const string ProsePlaceholder = "_Write your answer here._";

    /// <summary>The number of single-letter edits between two words (Levenshtein), for "did you mean".</summary>
    static int Distance(string a, string b)
    {
        var row = Enumerable.Range(0, b.Length + 1).ToArray();
        for (int i = 1; i <= a.Length; i++)
        {
            int diagonal = row[0];
            row[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int above = row[j];
                row[j] = Math.Min(Math.Min(row[j] + 1, row[j - 1] + 1), diagonal + (a[i - 1] == b[j - 1] ? 0 : 1));
                diagonal = above;
            }
        }
        return row[b.Length];
    }
}
