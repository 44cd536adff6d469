using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Linq;

namespace SigmaCompile.Correlations;

/// <summary>
/// Checks the correlation rules, orders them so that inner correlations of a chain come first, and wires which
/// detection rules and correlations feed which. Every problem is an <see cref="ArgumentException"/> naming the rule.
/// </summary>
internal static class CorrelationPlanner
{
    public static (CorrelationPlan[] Plans, Dictionary<IDetectionRule, DetectionFeeds> Detections) Plan(
        IReadOnlyList<IDetectionRule> detections, IReadOnlyList<ICorrelationRule> correlations, CorrelatorOptions options)
    {
        ArgumentNullException.ThrowIfNull(detections);
        ArgumentNullException.ThrowIfNull(correlations);
        CheckOptions(options);

        var detectionsById = new Dictionary<Guid, IDetectionRule>();
        foreach (IDetectionRule detection in detections)
        {
            ArgumentNullException.ThrowIfNull(detection, nameof(detections));
            detectionsById.TryAdd(detection.Id, detection);
        }
        var correlationsById = new Dictionary<Guid, ICorrelationRule>();
        foreach (ICorrelationRule correlation in correlations)
        {
            ArgumentNullException.ThrowIfNull(correlation, nameof(correlations));
            if (!correlationsById.TryAdd(correlation.Id, correlation))
                throw new ArgumentException($"two correlation rules have the id {correlation.Id}", nameof(correlations));
            if (detectionsById.ContainsKey(correlation.Id))
                throw new ArgumentException($"{Describe(correlation)} has the id of a detection rule", nameof(correlations));
        }
        foreach (ICorrelationRule correlation in correlations)
            Check(correlation, detectionsById, correlationsById);

        List<ICorrelationRule> ordered = InnerFirst(correlations, correlationsById);
        var plans = new CorrelationPlan[ordered.Count];
        var planById = new Dictionary<Guid, CorrelationPlan>();
        for (int i = 0; i < ordered.Count; i++)
        {
            ICorrelationRule rule = ordered[i];
            plans[i] = new CorrelationPlan(rule, i, (options.AllowedLateness ?? rule.Timespan).Ticks);
            planById.Add(rule.Id, plans[i]);
        }

        var feeds = new Dictionary<IDetectionRule, DetectionFeeds>(ReferenceEqualityComparer.Instance);
        foreach (CorrelationPlan plan in plans)
        {
            IReadOnlyList<CorrelationSource> sources = plan.Rule.Sources;
            for (int s = 0; s < sources.Count; s++)
            {
                if (sources[s].IsCorrelation)
                {
                    CorrelationPlan inner = planById[sources[s].RuleId];
                    inner.Outers.Add((plan, s));
                    plan.ChainDelayTicks = Math.Max(plan.ChainDelayTicks, InnerDelay(inner));
                }
                else
                {
                    IDetectionRule detection = detectionsById[sources[s].RuleId];
                    if (!feeds.TryGetValue(detection, out DetectionFeeds? feed))
                        feeds.Add(detection, feed = new DetectionFeeds());
                    feed.Feeds.Add((plan, s));
                }
            }
        }
        // generate: a referenced rule reports on its own when some correlation referring to it says so.
        foreach (DetectionFeeds feed in feeds.Values)
            feed.Reported = feed.Feeds.Any(f => f.Plan.Rule.Generate);
        foreach (CorrelationPlan plan in plans)
            plan.Reported = plan.Outers.Count == 0 || plan.Outers.Any(o => o.Outer.Rule.Generate);
        return (plans, feeds);
    }

    // How far behind the watermark an inner correlation's alert may arrive: a window decided early fires at its last
    // event, which may be up to the inner wait behind; one decided at close fires a wait after its end, and its last
    // event may be a timespan before that end.
    private static long InnerDelay(CorrelationPlan inner) =>
        inner.DecidesEarly ? inner.WaitTicks : TickMath.Later(inner.TimespanTicks, inner.WaitTicks);

    private static void CheckOptions(CorrelatorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(options.TimeFields, nameof(options.TimeFields));
        if (options.MaxLiveGroups < 1)
            throw new ArgumentException("MaxLiveGroups must be at least 1", nameof(options));
        if (options.MaxStoredEvents < 1)
            throw new ArgumentException("MaxStoredEvents must be at least 1", nameof(options));
        if (options.MaxEventReferencesPerAlert < 0)
            throw new ArgumentException("MaxEventReferencesPerAlert must not be negative", nameof(options));
        if (options.AllowedLateness is { } lateness && lateness < TimeSpan.Zero)
            throw new ArgumentException("AllowedLateness must not be negative", nameof(options));
    }

    private static void Check(ICorrelationRule rule, Dictionary<Guid, IDetectionRule> detections, Dictionary<Guid, ICorrelationRule> correlations)
    {
        [DoesNotReturn]
        void Fail(string problem) => throw new ArgumentException($"{Describe(rule)} {problem}", "correlations");

        if (!Enum.IsDefined(rule.Type))
            Fail($"has an unknown type {(int)rule.Type}");
        if (rule.Timespan <= TimeSpan.Zero)
            Fail("needs a positive timespan");
        if (rule.Condition is null)
            Fail("has no condition");
        if (rule.GroupBy is null || rule.GroupBy.Any(g => g is null))
            Fail("has a null group-by list or name");
        if (rule.Sources is null || rule.Sources.Count == 0)
            Fail("refers to no rules");
        if (rule.Type == CorrelationType.ValuePercentile && rule.Condition.Percentile is null)
            Fail("is a value_percentile without a percentile in its condition");
        bool needsValue = rule.Type is CorrelationType.ValueCount or CorrelationType.ValueSum or CorrelationType.ValueAvg
            or CorrelationType.ValuePercentile or CorrelationType.ValueMedian;
        foreach (CorrelationSource source in rule.Sources)
        {
            if (source is null)
                Fail("has a null source");
            if (source.IsCorrelation)
            {
                if (!correlations.ContainsKey(source.RuleId))
                    Fail($"refers to '{source.Reference}' ({source.RuleId}), which is not among the correlation rules");
                if (source.RuleId == rule.Id)
                    Fail("refers to itself");
                if (source.GroupNames.Count != rule.GroupBy.Count)
                    Fail($"names {source.GroupNames.Count} inner groups for '{source.Reference}' but groups by {rule.GroupBy.Count} names");
            }
            else
            {
                if (!detections.ContainsKey(source.RuleId))
                    Fail($"refers to '{source.Reference}' ({source.RuleId}), which is not among the detection rules");
                if (source.GroupFields.Count != rule.GroupBy.Count)
                    Fail($"gives {source.GroupFields.Count} group fields for '{source.Reference}' but groups by {rule.GroupBy.Count} names");
                if (needsValue && source.ValueField is null)
                    Fail($"needs a value field for '{source.Reference}'");
            }
        }
    }

    // Depth-first over correlation sources, in the order given, so the result is inner-first and otherwise stable.
    private static List<ICorrelationRule> InnerFirst(IReadOnlyList<ICorrelationRule> correlations, Dictionary<Guid, ICorrelationRule> byId)
    {
        var ordered = new List<ICorrelationRule>(correlations.Count);
        var state = new Dictionary<Guid, bool>(); // false: being visited; true: done
        void Visit(ICorrelationRule rule, List<ICorrelationRule> path)
        {
            if (state.TryGetValue(rule.Id, out bool done))
            {
                if (!done)
                    throw new ArgumentException($"correlation rules refer to each other in a cycle: {string.Join(" -> ", path.Append(rule).Select(r => r.Title))}", nameof(correlations));
                return;
            }
            state[rule.Id] = false;
            path.Add(rule);
            foreach (CorrelationSource source in rule.Sources)
            {
                if (source.IsCorrelation)
                    Visit(byId[source.RuleId], path);
            }
            path.RemoveAt(path.Count - 1);
            state[rule.Id] = true;
            ordered.Add(rule);
        }
        foreach (ICorrelationRule rule in correlations)
            Visit(rule, new List<ICorrelationRule>());
        return ordered;
    }

    private static string Describe(ICorrelationRule rule) => $"correlation '{rule.Title}' ({rule.Id})";
}
