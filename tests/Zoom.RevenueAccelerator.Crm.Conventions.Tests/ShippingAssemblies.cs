using System.Reflection;
using System.Xml.Linq;

namespace Zoom.RevenueAccelerator.Crm.Conventions.Tests;

/// <summary>Every project under src/, found from the repository, loaded from this test's output.</summary>
internal static class ShippingAssemblies
{
    public const string Prefix = "Zoom.RevenueAccelerator.Crm";

    /// <summary>Packages that are not CRM providers; every other src project is a provider.</summary>
    public static readonly HashSet<string> NonProviders = new(StringComparer.Ordinal)
    {
        Prefix, Prefix + ".Abstractions", Prefix + ".Matching", Prefix + ".Sync", Prefix + ".Testing", Prefix + ".Cli",
    };

    /// <summary>Which of our packages each package may reference (providers: core and abstractions).</summary>
    public static readonly Dictionary<string, string[]> AllowedOwnReferences = new(StringComparer.Ordinal)
    {
        [Prefix + ".Abstractions"] = [],
        [Prefix + ".Matching"] = [Prefix + ".Abstractions"],
        [Prefix + ".Sync"] = [Prefix + ".Abstractions", Prefix + ".Matching"],
        [Prefix] = [Prefix + ".Abstractions", Prefix + ".Matching", Prefix + ".Sync"],
        [Prefix + ".Testing"] = [Prefix + ".Abstractions", Prefix, Prefix + ".Sync", Prefix + ".Matching"],
    };

    public static string RepositoryRoot { get; } = FindRoot();

    public static IReadOnlyList<string> ProjectNames { get; } = Directory
        .GetDirectories(Path.Combine(RepositoryRoot, "src"))
        .Select(Path.GetFileName)
        .Where(n => n is not null && File.Exists(Path.Combine(RepositoryRoot, "src", n, n + ".csproj")))
        .Select(n => n!)
        .Order(StringComparer.Ordinal)
        .ToArray();

    public static IReadOnlyList<Assembly> All { get; } = ProjectNames
        .Where(n => n != Prefix + ".Cli")
        .Select(n => Assembly.Load(new AssemblyName(n)))
        .ToArray();

    public static bool IsProvider(string name) => !NonProviders.Contains(name);

    public static XDocument Project(string name) => XDocument.Load(Path.Combine(RepositoryRoot, "src", name, name + ".csproj"));

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Zoom.RevenueAccelerator.Crm.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("The repository root (with Zoom.RevenueAccelerator.Crm.sln) was not found above " + AppContext.BaseDirectory);
    }
}
