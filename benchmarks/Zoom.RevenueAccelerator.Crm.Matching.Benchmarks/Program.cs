using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Running;
using Zoom.RevenueAccelerator.Crm.Matching.Benchmarks;

// dotnet run -c Release --project benchmarks/Zoom.RevenueAccelerator.Crm.Matching.Benchmarks -- --filter '*'
// A quick check: add --job short. Results go to BenchmarkDotNet.Artifacts/results/.
// Two commits side by side in one process: `-- paired <buildDirA> <buildDirB> [options]` (Paired.cs).
if (args is ["paired", .. var paired])
{
    return Paired.Run(paired);
}

var config = DefaultConfig.Instance.AddDiagnoser(MemoryDiagnoser.Default).WithOption(ConfigOptions.JoinSummary, false);
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, config);
return 0;
