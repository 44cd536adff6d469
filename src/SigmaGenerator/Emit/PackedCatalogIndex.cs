using System.Collections.Generic;
using System.Linq;
using SigmaCompile.Generator.Model;
using static SigmaCompile.Generator.Emit.PackedRows;

namespace SigmaCompile.Generator.Emit;

/// <summary>
/// The registry catalog's cross-rule answers as the <see cref="PackedRows"/> <c>SigmaCompile.Catalog.RuleCatalog.Unpack</c>
/// reads: the shared indicators (field, operator, value, rule count), the operations (name, rules, overlapping
/// operations) and the log collection checklist (provider, event, title, kind, rules). Each part starts with a row
/// holding its count; rules and operations are positions.
/// </summary>
internal static class PackedCatalogIndex
{
    public static IReadOnlyList<string> Pack(CatalogIndexModel model)
    {
        var rows = new List<string>();
        rows.Add(Row(Int(model.SharedIndicators.Count)));
        foreach (SharedIndicatorModel shared in model.SharedIndicators)
            rows.Add(Row(shared.Field, shared.Operator.ToString(), shared.Value, Int(shared.RuleCount)));

        rows.Add(Row(Int(model.Operations.Count)));
        foreach (OperationModel operation in model.Operations)
            rows.Add(Row(new[] { operation.Name }.Concat(List(operation.Rules)).Concat(List(operation.Overlapping)).ToArray()));

        rows.Add(Row(Int(model.EventChecklist.Count)));
        foreach (EventChecklistModel entry in model.EventChecklist)
            rows.Add(Row(new[] { entry.Provider, entry.Event, entry.Title, entry.Kind.ToString() }.Concat(List(entry.Rules)).ToArray()));
        return rows;
    }
}
