using Assemblee.Benchmarks.Notifications;

return args.FirstOrDefault() == "email" ? await EmailBenchmark.RunAsync(args) : await LettersBenchmark.RunAsync(args);
