using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace CourseKit.Cli.Grading;

/// <summary>One construct of a student's cell that reaches for the grading machinery.</summary>
/// <param name="Construct">What it is, in words ("private reflection (BindingFlags.NonPublic)").</param>
/// <param name="Tampers">Whether it can change what the tests send (reflection, hooks, native code): the public tests
/// then count for nothing. A declaration that only shadows a helper's name does not (the tests use CourseKit's own).</param>
public sealed record ScanFinding(string Construct, bool Tampers);

/// <summary>
/// Reads the student's cells (answers, examples and added cells; never the bundle's) for constructs that have no place in
/// an assignment and can reach the grading machinery: private reflection, reflection on types the student did not
/// declare, CourseKit's hooks (<c>AppContext.SetData</c>), native code (DllImport, LibraryImport, function pointers), and
/// declarations named after the check helpers; also <c>UnsafeAccessor</c> and <c>TypeInfo.Declared…</c>, private access
/// without the reflection calls. It reads the syntax only: nothing runs.
/// </summary>
static class StudentCodeScan
{
    static readonly HashSet<string> HelperNames = ["Grading", "Judge", "GradingReport", "CheckFailedException", "ReportedValue"];

    static readonly HashSet<string> ReflectionLookups =
    [
        "GetField", "GetFields", "GetMethod", "GetMethods", "GetProperty", "GetProperties", "GetMember", "GetMembers",
        "GetConstructor", "GetConstructors", "GetEvent", "GetNestedType", "InvokeMember", "GetRuntimeField", "GetRuntimeMethod",
    ];

    static readonly HashSet<string> DeclaredMembers = ["DeclaredFields", "DeclaredMethods", "DeclaredProperties", "DeclaredMembers", "DeclaredConstructors"];

    /// <summary>The findings of one cell's code, each construct once, in the order found.</summary>
    public static IReadOnlyList<ScanFinding> Scan(string code)
    {
        var root = CSharpSyntaxTree.ParseText(code, new CSharpParseOptions(LanguageVersion.Latest, kind: SourceCodeKind.Script)).GetRoot();
        var declared = root.DescendantNodes().OfType<BaseTypeDeclarationSyntax>().Select(t => t.Identifier.Text).ToHashSet();
        var found = new List<ScanFinding>();
        void Add(string construct, bool tampers)
        {
            if (!found.Any(f => f.Construct == construct)) found.Add(new ScanFinding(construct, tampers));
        }

        foreach (var node in root.DescendantNodes())
        {
            switch (node)
            {
                case MemberAccessExpressionSyntax { Name.Identifier.Text: "NonPublic" } access when access.Expression.ToString().EndsWith("BindingFlags"):
                    Add("private reflection (BindingFlags.NonPublic)", true);
                    break;
                case MemberAccessExpressionSyntax { Name.Identifier.Text: "SetData" } access when access.Expression.ToString().EndsWith("AppContext"):
                    Add("AppContext.SetData (where CourseKit keeps its display and report hooks)", true);
                    break;
                case InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access } when ReflectionLookups.Contains(access.Name.Identifier.Text)
                        && !(access.Expression is TypeOfExpressionSyntax { Type: var type } && declared.Contains(type.ToString())):
                    Add($"reflection on a type it did not declare ({access.Name.Identifier.Text})", true);
                    break;
                case MemberAccessExpressionSyntax { Name.Identifier.Text: var member } when DeclaredMembers.Contains(member):
                    Add($"reflection on a type's private members ({member})", true);
                    break;
                case AttributeSyntax attribute when attribute.Name.ToString().Contains("UnsafeAccessor"):
                    Add("private access (UnsafeAccessor)", true);
                    break;
                case LiteralExpressionSyntax literal when literal.IsKind(SyntaxKind.StringLiteralExpression) && literal.Token.ValueText.Contains("CourseKit.Cli"):
                    Add("the grader's own types by name (\"CourseKit.Cli…\")", true);
                    break;
                case AttributeSyntax attribute when attribute.Name.ToString() is var name
                        && (name.EndsWith("DllImport") || name.EndsWith("LibraryImport") || name.EndsWith("DllImportAttribute") || name.EndsWith("LibraryImportAttribute")):
                    Add($"native code ({(name.Contains("Library") ? "LibraryImport" : "DllImport")})", true);
                    break;
                case FunctionPointerTypeSyntax:
                    Add("native code (function pointers)", true);
                    break;
                case BaseTypeDeclarationSyntax type when HelperNames.Contains(type.Identifier.Text):
                    Add($"declares its own {type.Identifier.Text} (a name of CourseKit's check helpers; the tests use CourseKit's own)", false);
                    break;
                case MethodDeclarationSyntax method when HelperNames.Contains(method.Identifier.Text):
                    Add($"declares its own {method.Identifier.Text} (a name of CourseKit's check helpers; the tests use CourseKit's own)", false);
                    break;
                case DelegateDeclarationSyntax d when HelperNames.Contains(d.Identifier.Text):
                    Add($"declares its own {d.Identifier.Text} (a name of CourseKit's check helpers; the tests use CourseKit's own)", false);
                    break;
            }
        }
        return found;
    }
}
