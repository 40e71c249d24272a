using Assemblee.Benchmarks;

return await SortitionBenchmarks.RunAsync(args);
