using SigmaCompile.Streaming.CommandLine;
using SigmaStream.Rules;

// The rules of rules/ (compiled in), run as detection and correlation workers on NATS JetStream.
return await StreamCommandLine.RunAsync(args, SigmaRules.Set, SigmaRules.Correlations);
