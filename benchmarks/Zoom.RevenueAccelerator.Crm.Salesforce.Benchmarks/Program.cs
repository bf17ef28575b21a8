using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Running;

// dotnet run -c Release --project benchmarks/Zoom.RevenueAccelerator.Crm.Salesforce.Benchmarks -- --filter '*'
// A quick check: add --job short. Results go to BenchmarkDotNet.Artifacts/results/.
var config = DefaultConfig.Instance.AddDiagnoser(MemoryDiagnoser.Default).WithOption(ConfigOptions.JoinSummary, false);
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, config);
