using Assemblee.Benchmarks.Notifications;

return await LettersBenchmark.RunAsync(args);
