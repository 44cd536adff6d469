using System;
using System.Collections.Generic;
using System.Reflection;
using SigmaCompile.Correlations;
using SigmaCompile.Streaming.CommandLine;
using SigmaStream.Rules;

// The rules of rules/ (compiled in), run as detection and correlation workers on NATS JetStream.
return await StreamCommandLine.RunAsync(args, SigmaRules.Set, CompiledCorrelations());

// The generator does not emit correlation rules yet. Once it emits SigmaRules.Correlations, this becomes
// `SigmaRules.Correlations`; until then the property is looked up, so this program builds either way.
static IReadOnlyList<ICorrelationRule> CompiledCorrelations() =>
    typeof(SigmaRules).GetProperty("Correlations", BindingFlags.Public | BindingFlags.Static)?.GetValue(null) as IReadOnlyList<ICorrelationRule>
    ?? Array.Empty<ICorrelationRule>();
