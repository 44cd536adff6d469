using SigmaCompile.Streaming.CommandLine;
using SigmaStreaming.TestWorker;
using SigmaStreaming.TestWorker.Rules;

return await StreamCommandLine.RunAsync(args, SigmaRules.Set, TestCorrelations.All);
