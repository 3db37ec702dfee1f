using System.Runtime.InteropServices;

namespace CourseKit.Cli.Running;

/// <summary>Finds the <c>dotnet</c> executable: the one running us, DOTNET_HOST_PATH, DOTNET_ROOT, or PATH.</summary>
static class DotnetHost
{
    public static readonly string Path = Find();

    /// <summary>
    /// Variables an outer <c>dotnet test</c> or <c>dotnet run</c> leaves in the environment that would point a nested
    /// restore (ours, or a notebook kernel's) at the outer build's MSBuild: remove them from a child's environment.
    /// </summary>
    public static readonly string[] OuterBuildVariables =
        ["MSBuildExtensionsPath", "MSBUILD_EXE_PATH", "MSBuildSDKsPath", "MSBuildLoadMicrosoftTargetsReadOnly"];

    static string Find()
    {
        var exe = RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? "dotnet.exe" : "dotnet";
        if (Environment.ProcessPath is { } self && System.IO.Path.GetFileName(self).Equals(exe, StringComparison.OrdinalIgnoreCase))
            return self;
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } hostPath && File.Exists(hostPath))
            return hostPath;
        if (Environment.GetEnvironmentVariable("DOTNET_ROOT") is { Length: > 0 } root && File.Exists(System.IO.Path.Combine(root, exe)))
            return System.IO.Path.Combine(root, exe);
        // The runtime we run on lives in <dotnet root>/shared/Microsoft.NETCore.App/<version>/.
        var runtimeDir = RuntimeEnvironment.GetRuntimeDirectory();
        var candidate = System.IO.Path.GetFullPath(System.IO.Path.Combine(runtimeDir, "..", "..", "..", exe));
        return File.Exists(candidate) ? candidate : exe;
    }
}
