using SigmaCompile.Streaming.CommandLine;
using SigmaStreaming.TestWorker.Rules;

return await StreamCommandLine.RunAsync(args, SigmaRules.Set, SigmaRules.Correlations);
