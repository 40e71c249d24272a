using Assemblee.Benchmarks.Gateway;

return await GatewayBenchmark.RunAsync(args);
