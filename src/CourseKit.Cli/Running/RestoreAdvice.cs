namespace CourseKit.Cli.Running;

/// <summary>
/// What to do when NuGet found no package of a requested name (NU1101) or no version it may take (NU1102, NU1103):
/// the package is usually a local build whose folder is not a package source here. CourseKit is the common case —
/// inside the CourseKit checkout nuget.config names artifacts/packages; anywhere else the notebook must name the folder.
/// </summary>
static class RestoreAdvice
{
    static readonly string[] NotFoundCodes = ["NU1101", "NU1102", "NU1103"];

    /// <summary>Advice lines for the packages that NuGet's <paramref name="messages"/> say it could not find; empty when none.</summary>
    public static IReadOnlyList<string> For(IEnumerable<PackageRequest> packages, IReadOnlyList<string> messages)
    {
        var advice = new List<string>();
        foreach (var package in packages.Where(p => messages.Any(m => IsNotFound(m, p.Name))))
        {
            if (package.Name.Equals("CourseKit", StringComparison.OrdinalIgnoreCase))
            {
                advice.Add("CourseKit is in none of the package sources here: the folder that holds your build of it must be one.");
                advice.Add("Pack it, in the CourseKit checkout: dotnet pack src/CourseKit -o <folder>");
                advice.Add("and name that folder (an absolute path) in the notebook, above the #r line: #i \"nuget: <folder>\"");
                advice.Add("(Inside the checkout, nuget.config already names artifacts/packages: dotnet pack src/CourseKit -o artifacts/packages.)");
            }
            else
            {
                advice.Add($"{package.Name} is in none of the package sources here. If it is a local build (dotnet pack <project> -o <folder>), " +
                           "name that folder (an absolute path) in the notebook, above the #r line: #i \"nuget: <folder>\"");
            }
        }
        return advice;
    }

    static bool IsNotFound(string message, string package) =>
        NotFoundCodes.Any(code => message.Contains(code, StringComparison.Ordinal)) &&
        (message.Contains($" {package} ", StringComparison.OrdinalIgnoreCase) || message.Contains($" {package}.", StringComparison.OrdinalIgnoreCase));
}
