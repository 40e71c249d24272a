using Assemblee.Benchmarks.Documents;

return await SearchAndDiffBenchmark.RunAsync(args);
