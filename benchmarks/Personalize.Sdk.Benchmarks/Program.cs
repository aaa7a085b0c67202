using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Running;

using Personalize.Sdk.Benchmarks;

// `propagation` measures cross-server propagation through Redis (real time, not BenchmarkDotNet).
if (args is ["propagation", ..])
{
    return await PropagationProbe.RunAsync();
}

// Every other argument goes to BenchmarkDotNet: --filter, --job dry, --exporters ... all work.
var config = DefaultConfig.Instance.AddDiagnoser(MemoryDiagnoser.Default);
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, config);
return 0;
