using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using SigmaCompile.Generator.Model;

namespace SigmaCompile.Generator.Planning;

/// <summary>
/// The operations a rule filters on, read from the predicates of its selections (not its filters, not negated
/// predicates, not what a pipeline added), positive equality or prefix tests only.
/// <list type="bullet">
/// <item>Cloud and SaaS logs: an event name (<c>eventName</c>, <c>operationName</c>, <c>Operation</c>,
/// <c>gcp.audit.method_name</c>, <c>eventType</c>, <c>verb</c>, ...) paired with the event source written in
/// the same map (<c>eventSource</c>, <c>eventService</c>, ...) or, failing that, anywhere in the rule's selections.
/// A <c>startswith</c> name is a prefix.</item>
/// <item>Host logs (windows, linux, macos): the <c>EventID</c>, and the executable of a process event
/// (<c>Image</c>, <c>NewProcessName</c>, <c>OriginalFileName</c>, by file name: <c>\procdump.exe</c> →
/// <c>procdump.exe</c>).</item>
/// </list>
/// Every operation is scoped by the rule's logsource.
/// </summary>
internal static class Operations
{
    private static readonly HashSet<string> HostProducts = new(StringComparer.OrdinalIgnoreCase) { "windows", "linux", "macos" };

    private static readonly HashSet<string> SourceFields = new(StringComparer.OrdinalIgnoreCase)
    {
        "eventSource", "eventService", "protoPayload.serviceName", "auditType.category", "objectRef.resource",
    };

    private static readonly HashSet<string> NameFields = new(StringComparer.OrdinalIgnoreCase)
    {
        "eventName", "operationName", "Operation", "gcp.audit.method_name", "protoPayload.methodName", "methodName",
        "protoPayload.metadata.event.eventName", "eventType", "riskEventType", "auditType.action", "verb",
    };

    private static readonly HashSet<string> ImageFields = new(StringComparer.OrdinalIgnoreCase) { "Image", "NewProcessName", "OriginalFileName" };

    // A dated API version at the end of a CloudTrail event name: UpdateFunctionConfiguration20150331v2.
    private static readonly Regex ApiVersion = new("[0-9]{8}(v[0-9]+)?$", RegexOptions.CultureInvariant);

    public static EquatableArray<OperationKey> Of(RuleModel rule, IReadOnlyDictionary<string, StageKind> kinds)
    {
        string scope = string.Join("/", new[] { rule.Metadata.Product, rule.Metadata.Category, rule.Metadata.Service }.Where(p => !string.IsNullOrEmpty(p)));
        if (scope.Length == 0)
            return EquatableArray<OperationKey>.Empty;
        List<SearchModel> selections = rule.Searches.Where(s => kinds.TryGetValue(s.Name, out StageKind kind) && kind == StageKind.Selection).ToList();
        var keys = new List<OperationKey>();
        if (rule.Metadata.Product is not null && HostProducts.Contains(rule.Metadata.Product))
            AddHost(scope, selections, keys);
        else
            AddApi(scope, string.Equals(rule.Metadata.Product, "github", StringComparison.OrdinalIgnoreCase), selections, keys);
        return keys.ToEquatableArray();
    }

    private static void AddHost(string scope, List<SearchModel> selections, List<OperationKey> keys)
    {
        foreach (PredicateModel predicate in Positive(selections.SelectMany(s => s.Alternatives)))
        {
            if (string.Equals(predicate.Field, "EventID", StringComparison.OrdinalIgnoreCase))
            {
                foreach (TestModel test in predicate.Tests.Where(t => t.Kind == TestKind.Equal))
                    Add(keys, new OperationKey(scope, "EventID", test.Value, false, false));
            }
            else if (predicate.Field is not null && ImageFields.Contains(predicate.Field))
            {
                foreach (TestModel test in predicate.Tests.Where(t => t.Kind is TestKind.Equal or TestKind.EndsWith))
                {
                    string name = FileName(test.Value);
                    if (name.Length > 0)
                        Add(keys, new OperationKey(scope, "process", name, false, false));
                }
            }
        }
    }

    private static void AddApi(string scope, bool github, List<SearchModel> selections, List<OperationKey> keys)
    {
        bool IsName(string? field) => field is not null && (NameFields.Contains(field) || (github && field == "action"));
        bool IsSource(string? field) => field is not null && SourceFields.Contains(field);

        List<AlternativeModel> alternatives = selections.SelectMany(s => s.Alternatives).ToList();
        List<string> ruleSources = Values(Positive(alternatives).Where(p => IsSource(p.Field)), prefixes: false).Select(v => v.Value).Distinct().ToList();
        foreach (AlternativeModel alternative in alternatives)
        {
            List<PredicateModel> predicates = Positive(new[] { alternative }).ToList();
            var names = Values(predicates.Where(p => IsName(p.Field)), prefixes: true).ToList();
            if (names.Count == 0)
                continue;
            List<string> sources = Values(predicates.Where(p => IsSource(p.Field)), prefixes: false).Select(v => v.Value).Distinct().ToList();
            if (sources.Count == 0)
                sources = ruleSources.Count > 0 ? ruleSources : new List<string> { "" };
            foreach (string source in sources)
            {
                foreach ((string name, bool prefix) in names)
                    Add(keys, new OperationKey(scope, source, name, prefix, true));
            }
        }
    }

    private static IEnumerable<PredicateModel> Positive(IEnumerable<AlternativeModel> alternatives) =>
        alternatives.SelectMany(a => a.Predicates).Where(p => !p.Negate && p.Field is not null);

    private static IEnumerable<(string Value, bool Prefix)> Values(IEnumerable<PredicateModel> predicates, bool prefixes)
    {
        foreach (PredicateModel predicate in predicates)
        {
            foreach (TestModel test in predicate.Tests)
            {
                if (test.Kind == TestKind.Equal && test.Value.Length > 0)
                    yield return (test.Value, false);
                else if (prefixes && test.Kind == TestKind.StartsWith && test.Value.Length > 0)
                    yield return (test.Value, true);
            }
        }
    }

    private static string FileName(string path)
    {
        int cut = path.LastIndexOfAny(new[] { '\\', '/' });
        return path.Substring(cut + 1);
    }

    private static void Add(List<OperationKey> keys, OperationKey key)
    {
        if (!keys.Any(k => Same(k, key)))
            keys.Add(key);
    }

    /// <summary>The same operation, compared case-insensitively.</summary>
    public static bool Same(OperationKey a, OperationKey b) =>
        a.Prefix == b.Prefix && a.Api == b.Api
        && string.Equals(a.Scope, b.Scope, StringComparison.OrdinalIgnoreCase)
        && string.Equals(a.Source, b.Source, StringComparison.OrdinalIgnoreCase)
        && string.Equals(a.Name, b.Name, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Whether two different API operations cover some of the same calls: a prefix and a name (or prefix) it
    /// covers, or two dated versions of one call. Host operations overlap only when they are the same.
    /// </summary>
    public static bool Overlap(OperationKey a, OperationKey b)
    {
        if (!a.Api || !b.Api
            || !string.Equals(a.Scope, b.Scope, StringComparison.OrdinalIgnoreCase)
            || !string.Equals(a.Source, b.Source, StringComparison.OrdinalIgnoreCase))
            return false;
        if (a.Prefix && b.Prefix)
            return a.Name.StartsWith(b.Name, StringComparison.OrdinalIgnoreCase) || b.Name.StartsWith(a.Name, StringComparison.OrdinalIgnoreCase);
        if (a.Prefix)
            return b.Name.StartsWith(a.Name, StringComparison.OrdinalIgnoreCase);
        if (b.Prefix)
            return a.Name.StartsWith(b.Name, StringComparison.OrdinalIgnoreCase);
        return string.Equals(Unversioned(a.Name), Unversioned(b.Name), StringComparison.OrdinalIgnoreCase);
    }

    private static string Unversioned(string name)
    {
        string stripped = ApiVersion.Replace(name, "");
        return stripped.Length == 0 ? name : stripped;
    }
}
