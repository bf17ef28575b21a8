using System.Diagnostics;
using System.Globalization;
using System.Linq.Expressions;
using System.Reflection;
using System.Runtime.Loader;

namespace Zoom.RevenueAccelerator.Crm.Matching.Benchmarks;

/// <summary>
/// A paired comparison of two builds of this project (two commits), for changes smaller than the
/// machine's drift between BenchmarkDotNet runs. Both builds are loaded side by side in this
/// process, each in its own <see cref="AssemblyLoadContext"/> with its own tenant and index; the
/// same benchmark method of each runs in alternating slices, and the median of the per-slice
/// ratios is reported, so that a slow spell slows both alike. Any commit whose benchmark classes
/// have the method and parameters asked for can be compared, older ones included.
/// </summary>
/// <remarks>
/// <code>
/// git worktree add ../zra-old &lt;commit&gt;
/// dotnet build -c Release ../zra-old/benchmarks/Zoom.RevenueAccelerator.Crm.Matching.Benchmarks -o ../paired/a
/// dotnet build -c Release benchmarks/Zoom.RevenueAccelerator.Crm.Matching.Benchmarks -o ../paired/b
/// dotnet run -c Release --project benchmarks/Zoom.RevenueAccelerator.Crm.Matching.Benchmarks -- paired ../paired/a ../paired/b --records 1000000
/// </code>
/// Options: <c>--class MatchBenchmarks</c>, <c>--method Match</c>, <c>--records 10000</c>,
/// <c>--participants 10</c>, <c>--seconds 30</c>, <c>--slice 20000</c> (calls per slice).
/// </remarks>
internal static class Paired
{
    private const string Usage = "usage: paired <buildDirA> <buildDirB> [--class MatchBenchmarks] [--method Match] [--records 10000] [--participants 10] [--seconds 30] [--slice 20000]";

    public static int Run(string[] args)
    {
        if (args.Length < 2 || !Directory.Exists(args[0]) || !Directory.Exists(args[1]))
        {
            Console.Error.WriteLine(Usage);
            return 2;
        }

        var options = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["--class"] = "MatchBenchmarks", ["--method"] = "Match", ["--records"] = "10000",
            ["--participants"] = "10", ["--seconds"] = "30", ["--slice"] = "20000",
        };
        for (var i = 2; i < args.Length; i += 2)
        {
            if (!options.ContainsKey(args[i]) || i + 1 >= args.Length)
            {
                Console.Error.WriteLine(Usage);
                return 2;
            }

            options[args[i]] = args[i + 1];
        }

        int Number(string name) => int.Parse(options[name], CultureInfo.InvariantCulture);
        var slice = Number("--slice");
        var runs = new Func<int, long>[2];
        for (var side = 0; side < 2; side++)
        {
            runs[side] = Load(Path.GetFullPath(args[side]), options["--class"], options["--method"], Number("--records"), Number("--participants"));
        }

        for (var warm = 0; warm < 30; warm++)
        {
            runs[0](Math.Max(1, slice / 10));
            runs[1](Math.Max(1, slice / 10));
        }

        var perCall = new[] { new List<double>(), new List<double>() };
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed.TotalSeconds < Number("--seconds"))
        {
            for (var side = 0; side < 2; side++)
            {
                perCall[side].Add(runs[side](slice) * 1e6 / Stopwatch.Frequency / slice);
            }
        }

        for (var side = 0; side < 2; side++)
        {
            var sorted = perCall[side].Order().ToArray();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{(side == 0 ? 'A' : 'B')} {args[side]}: min {sorted[0]:F3} us, p10 {sorted[sorted.Length / 10]:F3} us, median {sorted[sorted.Length / 2]:F3} us per call ({sorted.Length} slices)"));
        }

        var ratios = perCall[0].Zip(perCall[1], (a, b) => b / a).Order().ToArray();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"B/A: median of the paired slice ratios {ratios[ratios.Length / 2]:F3} (quartiles {ratios[ratios.Length / 4]:F3} to {ratios[3 * ratios.Length / 4]:F3})"));
        return 0;
    }

    /// <summary>Loads one build, runs the benchmark's set-up, and returns a timer of <c>n</c> calls of its method.</summary>
    private static Func<int, long> Load(string directory, string className, string methodName, int records, int participants)
    {
        var context = new BuildLoadContext(directory);
        var assembly = context.LoadFromAssemblyPath(Path.Combine(directory, typeof(Paired).Assembly.GetName().Name + ".dll"));
        var type = assembly.GetType($"{typeof(Paired).Namespace}.{className}") ?? throw new ArgumentException($"{directory} has no benchmark class {className}.");
        var benchmark = Activator.CreateInstance(type)!;
        type.GetProperty("Records")?.SetValue(benchmark, records);
        type.GetProperty("Participants")?.SetValue(benchmark, participants);
        type.GetMethods().Single(m => m.GetCustomAttributes().Any(a => a.GetType().Name == "GlobalSetupAttribute")).Invoke(benchmark, null);
        var method = type.GetMethod(methodName, Type.EmptyTypes) ?? throw new ArgumentException($"{className} has no method {methodName}.");
        if (method.ReturnType == typeof(void))
        {
            var call = method.CreateDelegate<Action>(benchmark);
            return n => Time(n, call);
        }

        if (method.ReturnType.IsValueType)
        {
            // A value result (such as the build's record count) cannot bind to Func<object>: a compiled call that drops it.
            var dropResult = Expression.Lambda<Action>(Expression.Call(Expression.Constant(benchmark), method)).Compile();
            return n => Time(n, dropResult);
        }

        var callWithResult = method.CreateDelegate<Func<object>>(benchmark);
        return n => Time(n, () => callWithResult());
    }

    private static long Time(int count, Action call)
    {
        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < count; i++)
        {
            call();
        }

        return Stopwatch.GetTimestamp() - start;
    }

    /// <summary>Loads a build's own assemblies from its directory; the runtime's are shared.</summary>
    private sealed class BuildLoadContext(string directory) : AssemblyLoadContext(isCollectible: false)
    {
        protected override Assembly? Load(AssemblyName assemblyName)
        {
            var path = Path.Combine(directory, assemblyName.Name + ".dll");
            return File.Exists(path) && !assemblyName.Name!.StartsWith("System.", StringComparison.Ordinal) && assemblyName.Name != "netstandard" ? LoadFromAssemblyPath(path) : null;
        }
    }
}
