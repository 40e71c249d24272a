using Assemblee.Benchmarks.Sessions;

return await CheckInAndVoteBenchmark.RunAsync(args);
