using System;
using System.Collections.Generic;
using System.Linq;
using SigmaCompile.Generator.Model;

namespace SigmaCompile.Generator.Planning;

/// <summary>
/// Which values a few event fields (<c>EventID</c>, <c>Channel</c>, <c>eventSource</c>, ...) can have in an event
/// that a rule's condition matches, read from the condition tree with the searches pipelines added.
/// <para>
/// The answer is a union of cells; a cell gives each field a finite set of values, or leaves it open. It may
/// allow more than the rule does, never less, so a predicate that does not pin a field cannot narrow it:
/// only equality tests pin a field (a prefix, wildcard, regex or <c>|neq</c> leaves it open); <c>and</c>
/// intersects, <c>or</c> unites (a field pinned in one branch only is open in the union), and anything under
/// <c>not</c> is open, since "not EventID 4" allows every other id. An empty union means no event can match.
/// </para>
/// <para>
/// It takes each field to hold one value per event, as these fields do in Windows and CloudTrail logs, so two
/// different required values contradict. Values compare case-insensitively, as Sigma values do.
/// </para>
/// </summary>
internal sealed class EventConstraints
{
    // Past this many cells (or before an and would make more), cells are widened into one (each field the union of
    // its values), which allows more, never less.
    private const int MaxCells = 256;

    private static readonly StringComparer Values = StringComparer.OrdinalIgnoreCase;

    private readonly string[] _fields;
    private readonly Dictionary<string, SearchModel> _searches;

    private EventConstraints(string[] fields, IEnumerable<SearchModel> searches)
    {
        _fields = fields;
        _searches = new Dictionary<string, SearchModel>(StringComparer.Ordinal);
        foreach (SearchModel search in searches)
            _searches[search.Name] = search;
    }

    /// <summary>
    /// The cells of events <paramref name="rule"/> can match, over <paramref name="fields"/> (compared
    /// case-insensitively with the predicates' field names). Each cell holds, per field in that order, the values it
    /// allows, or null when the field is open.
    /// </summary>
    public static IReadOnlyList<IReadOnlyList<IReadOnlyList<string>?>> Of(RuleModel rule, params string[] fields)
    {
        var constraints = new EventConstraints(fields, rule.Searches);
        return constraints.Node(rule.Condition).Select(cell => (IReadOnlyList<IReadOnlyList<string>?>)cell).ToList();
    }

    private List<List<string>?[]> Node(ConditionNode node)
    {
        switch (node)
        {
            case IdentifierNode id:
                return _searches.TryGetValue(id.Name, out SearchModel? search) ? Search(search) : Open();
            case AndNode and:
                List<List<string>?[]> result = Open();
                foreach (ConditionNode operand in and.Operands)
                {
                    List<List<string>?[]> right = Node(operand);
                    // Widen before the product grows past the bound, not after: widened sides cover every pair.
                    if (result.Count * right.Count > MaxCells)
                    {
                        result = Widen(result);
                        right = Widen(right);
                    }
                    var product = new List<List<string>?[]>();
                    foreach (List<string>?[] a in result)
                    {
                        foreach (List<string>?[] b in right)
                        {
                            if (Intersect(a, b) is { } cell)
                                Add(product, cell);
                        }
                    }
                    result = Bound(product);
                }
                return result;
            case OrNode or:
                var union = new List<List<string>?[]>();
                foreach (ConditionNode operand in or.Operands)
                {
                    foreach (List<string>?[] cell in Node(operand))
                        Add(union, cell);
                    union = Bound(union);
                }
                return union;
            case NotNode { Operand: NotNode twice }:
                return Node(twice.Operand);
            default:
                // not, or a node this reading does not know: every value stays possible.
                return Open();
        }
    }

    private List<List<string>?[]> Open() => new() { new List<string>?[_fields.Length] };

    /// <summary>A search: any of its maps; in a map, every predicate on a tracked field pins it.</summary>
    private List<List<string>?[]> Search(SearchModel search)
    {
        if (search.Alternatives.IsEmpty)
            return Open();
        var cells = new List<List<string>?[]>();
        foreach (AlternativeModel alternative in search.Alternatives)
        {
            List<string>?[]? cell = new List<string>?[_fields.Length];
            foreach (PredicateModel predicate in alternative.Predicates)
            {
                int field = predicate.Field is null ? -1 : Array.FindIndex(_fields, f => string.Equals(f, predicate.Field, StringComparison.OrdinalIgnoreCase));
                if (field < 0 || Pinned(predicate) is not { } values)
                    continue;
                var pin = new List<string>?[_fields.Length];
                pin[field] = values;
                cell = Intersect(cell, pin);
                if (cell is null)
                    break;
            }
            if (cell is not null)
                Add(cells, cell);
        }
        return Bound(cells);
    }

    /// <summary>The values a predicate allows, or null when it leaves the field open (not only equality tests, or negated).</summary>
    private static List<string>? Pinned(PredicateModel predicate)
    {
        if (predicate.Negate || predicate.Tests.IsEmpty || predicate.Tests.Any(t => t.Kind != TestKind.Equal))
            return null;
        var values = new List<string>();
        foreach (TestModel test in predicate.Tests)
        {
            if (!values.Contains(test.Value, Values))
                values.Add(test.Value);
        }
        // |all: one field value equals every value, so two different values leave none.
        if (predicate.MatchAll && values.Count > 1)
            return new List<string>();
        return values;
    }

    /// <summary>Both cells at once; null when some field has no value left. The left cell's spelling is kept.</summary>
    private static List<string>?[]? Intersect(List<string>?[] a, List<string>?[] b)
    {
        var cell = new List<string>?[a.Length];
        for (int f = 0; f < a.Length; f++)
        {
            if (a[f] is null || b[f] is null)
            {
                cell[f] = a[f] ?? b[f];
            }
            else
            {
                List<string> right = b[f]!;
                cell[f] = a[f]!.Where(v => right.Contains(v, Values)).ToList();
            }
            if (cell[f] is { Count: 0 })
                return null;
        }
        return cell;
    }

    private static void Add(List<List<string>?[]> cells, List<string>?[] cell)
    {
        if (!cells.Any(c => Same(c, cell)))
            cells.Add(cell);
    }

    private static bool Same(List<string>?[] a, List<string>?[] b)
    {
        for (int f = 0; f < a.Length; f++)
        {
            if (a[f] is null != b[f] is null)
                return false;
            if (a[f] is { } left && !(left.Count == b[f]!.Count && left.All(v => b[f]!.Contains(v, Values))))
                return false;
        }
        return true;
    }

    private static List<List<string>?[]> Bound(List<List<string>?[]> cells) => cells.Count <= MaxCells ? cells : Widen(cells);

    /// <summary>One cell that allows everything the cells allow: per field, the union of their values (open if any is open).</summary>
    private static List<List<string>?[]> Widen(List<List<string>?[]> cells)
    {
        if (cells.Count <= 1)
            return cells;
        var widened = new List<string>?[cells[0].Length];
        for (int f = 0; f < widened.Length; f++)
        {
            if (cells.Any(c => c[f] is null))
                continue;
            var values = new List<string>();
            foreach (string value in cells.SelectMany(c => c[f]!))
            {
                if (!values.Contains(value, Values))
                    values.Add(value);
            }
            widened[f] = values;
        }
        return new List<List<string>?[]> { widened };
    }
}
